"""The protocol register behind a small interface, so the Comune's protocollo informatico can replace it.

Every document that needs a protocol number (an application, a MOU…) calls :func:`protocollo_register`
inside the transaction that saves it. The backend is chosen by ``settings.PROTOCOLLO_BACKEND``, a dotted
path to a class with this method::

    class MyBackend:
        def register(self, *, oggetto: str, riferimento: str, when: datetime) -> Registrazione: ...

The default, :class:`InternalRegister`, numbers documents sequentially and without gaps within each
calendar year (Europe/Rome), e.g. ``2026/000123``, even under concurrent registrations: the year's counter
row stays locked until the caller's transaction commits, and a rollback gives the number back.
An external backend must offer the same guarantee (or register only after commit and accept retries).
"""

from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Registrazione:
    anno: int
    numero: int
    registrato_il: datetime
    segnatura: str
    protocollo_id: int | None = None  # the internal register's row; None for an external protocollo


class InternalRegister:
    """The portal's own register (``costellazioni.RegistroProtocollo`` / ``Protocollo``)."""

    def register(self, *, oggetto: str, riferimento: str, when: datetime) -> Registrazione:
        from costellazioni.models import Protocollo, RegistroProtocollo

        if not transaction.get_connection().in_atomic_block:
            raise RuntimeError("protocollo_register() must run inside the transaction that saves the document.")
        anno = timezone.localtime(when).year
        table = RegistroProtocollo._meta.db_table
        with connection.cursor() as cursor:
            # One statement: create the year's counter or increment it, keeping the row locked.
            cursor.execute(
                f"INSERT INTO {table} (anno, ultimo_numero) VALUES (%s, 1) "
                f"ON CONFLICT (anno) DO UPDATE SET ultimo_numero = {table}.ultimo_numero + 1 "
                "RETURNING ultimo_numero",
                [anno],
            )
            numero = cursor.fetchone()[0]
        protocollo = Protocollo.objects.create(
            anno=anno, numero=numero, registrato_il=when, oggetto=oggetto[:300], riferimento=riferimento[:100]
        )
        return Registrazione(
            anno=anno, numero=numero, registrato_il=when, segnatura=protocollo.segnatura, protocollo_id=protocollo.pk
        )


def get_backend():
    return import_string(getattr(settings, "PROTOCOLLO_BACKEND", "costellazioni.protocollo.InternalRegister"))()


def protocollo_register(*, oggetto: str, riferimento: str = "", when: datetime | None = None) -> Registrazione:
    """Give a document the next protocol number; call it inside the transaction that saves the document."""
    return get_backend().register(oggetto=oggetto, riferimento=riferimento, when=when or timezone.now())
