"""Connections the HUB brokered between two organisations, and how each went (its ``esito``, moved by the door)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from costellazioni.services.audit import audit_record
from costellazioni.services.workflow import workflow_transition
from hubs import permissions, workflows
from hubs.events import Evento
from hubs.models import Connessione

CONNESSIONE_FIELDS = ("hub", "ente_a", "ente_b", "scopo", "data", "esito", "note")


def _require_hub_staff(actor) -> None:
    if not permissions.is_hub_staff(actor):
        raise PermissionDenied(_("Solo il personale del Comune aggiorna le connessioni."))


@transaction.atomic
def connessione_record(*, hub, ente_a, ente_b, scopo: str, data, actor, esito: str = "", note: str = "") -> Connessione:
    """Record a connection, in progress; an outcome already known is then recorded through the door."""
    _require_hub_staff(actor)
    connessione = Connessione(
        hub=hub, ente_a=ente_a, ente_b=ente_b, scopo=scopo, data=data, note=note, registrata_da=actor
    )
    connessione.full_clean()
    connessione.save()
    audit_record(obj=connessione, evento=Evento.CONNESSIONE_REGISTRATA, autore=actor, stato_a=connessione.esito)
    if esito and esito != connessione.esito:
        _move(connessione, to=esito, actor=actor)
        connessione.save(update_fields=["esito"])
    return connessione


@transaction.atomic
def connessione_update(*, connessione: Connessione, actor, **changes) -> Connessione:
    """Staff correct a connection or record how it went: a new ``esito`` follows the table, with its coded event."""
    _require_hub_staff(actor)
    unknown = set(changes) - set(CONNESSIONE_FIELDS)
    if unknown:
        raise ValueError(f"connessione_update() does not change {sorted(unknown)}")
    connessione = Connessione.objects.select_for_update().get(pk=connessione.pk)
    saved = [name for name in changes if name != "esito"]
    esito = changes.pop("esito", connessione.esito)
    if esito != connessione.esito:
        _move(connessione, to=esito, actor=actor)
        saved.append("esito")
    for name, value in changes.items():
        setattr(connessione, name, value)
    connessione.full_clean()
    connessione.save(update_fields=saved)
    return connessione


def _move(connessione: Connessione, *, to: str, actor) -> None:
    workflow_transition(obj=connessione, field="esito", table=workflows.CONNESSIONE, to=to, actor=actor)
