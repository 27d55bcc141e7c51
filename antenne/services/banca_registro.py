"""The time bank's ledger: every movement of hours is a registrazione whose entries sum to zero.

Entries are never edited: a correction is a new registrazione against the bank's own account.
"""

import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from antenne import permissions
from antenne.models import MovimentoBancaDelTempo, SocioBancaDelTempo


def conto_banca() -> SocioBancaDelTempo:
    """The bank's own account, the other side of starting credits and corrections."""
    conto, _created = SocioBancaDelTempo.objects.get_or_create(
        is_banca=True, defaults={"stato": SocioBancaDelTempo.Stato.VERIFICATO}
    )
    return conto


def registrazione_book(
    *, righe: list[tuple[SocioBancaDelTempo, Decimal]], tipo: str, causale: str, actor=None, scambio=None
) -> list[MovimentoBancaDelTempo]:
    """Write one registrazione: entries that sum to zero (the database checks it again at commit).

    For the time-bank services only, which have already checked who acts."""
    if sum(ore for _socio, ore in righe) != 0:
        raise ValueError("A registrazione must sum to zero.")
    registrazione = uuid.uuid4()
    movimenti = [
        MovimentoBancaDelTempo(
            registrazione=registrazione,
            socio=socio,
            tipo=tipo,
            scambio=scambio,
            ore=ore,
            causale=causale[:300],
            registrato_da=actor if actor is not None and actor.is_authenticated else None,
        )
        for socio, ore in righe
    ]
    for movimento in movimenti:
        movimento.full_clean(exclude=["socio", "scambio"], validate_constraints=False)
    return MovimentoBancaDelTempo.objects.bulk_create(movimenti)


@transaction.atomic
def movimento_correct(*, socio: SocioBancaDelTempo, ore: Decimal, causale: str, actor) -> list:
    """A correction is a new registrazione against the bank's account; entries are never edited."""
    decision = permissions.can_manage_banca(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not causale.strip():
        raise ValidationError({"causale": _("Scrivi il motivo della correzione.")})
    return registrazione_book(
        righe=[(socio, ore), (conto_banca(), -ore)],
        tipo=MovimentoBancaDelTempo.Tipo.CORREZIONE,
        causale=causale,
        actor=actor,
    )
