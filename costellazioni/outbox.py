"""The kinds of work the outbox runs, registered by the apps that own them (an extension point).

An app registers each kind once, in its ``AppConfig.ready()``::

    from costellazioni import outbox

    outbox.register("contributi.ricevuta", execute=send_receipt_email, prepare=render_receipt, queue="ricevute")

``prepare(operazione)`` does the part that may safely run twice (render a PDF into a file that is reused);
``execute(operazione)`` does the part that must happen once (send the e-mail). The outbox runs ``execute`` only
after taking the row for itself, so a task delivered twice sends once. Both read ``operazione.oggetto`` and
``operazione.dati``.
"""

from collections.abc import Callable
from dataclasses import dataclass

Handler = Callable[["OperazioneInCoda"], object]  # noqa: F821


@dataclass(frozen=True)
class Compito:
    tipo: str
    execute: Handler
    prepare: Handler | None = None
    queue: str = "default"


_registry: dict[str, Compito] = {}


def register(tipo: str, *, execute: Handler, prepare: Handler | None = None, queue: str = "default") -> Compito:
    compito = Compito(tipo=tipo, execute=execute, prepare=prepare, queue=queue)
    _registry[tipo] = compito
    return compito


def compito(tipo: str) -> Compito:
    try:
        return _registry[tipo]
    except KeyError:
        raise LookupError(f"No outbox handler is registered for {tipo!r}.") from None
