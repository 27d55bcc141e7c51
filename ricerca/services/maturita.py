"""Writes of the maturity assessment."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from costellazioni.models import Ente
from ricerca import permissions
from ricerca.models import DimensioneMaturita, RilevazioneMaturita, ValutazioneMaturita


@transaction.atomic
def maturita_valuta(
    *,
    rilevazione: RilevazioneMaturita,
    dimensione: DimensioneMaturita,
    punteggio: int,
    actor,
    ente: Ente | None = None,
    nota: str = "",
) -> ValutazioneMaturita:
    """Staff, or an invited ente's representative, scores one dimension 1-5 in an open round (re-scoring updates)."""
    decision = permissions.can_assess_maturity(actor, rilevazione, ente)
    if not decision:
        raise PermissionDenied(decision.reason)
    valutazione = ValutazioneMaturita.objects.filter(
        rilevazione=rilevazione, dimensione=dimensione, autore=actor
    ).first()
    valutazione = valutazione or ValutazioneMaturita(rilevazione=rilevazione, dimensione=dimensione, autore=actor)
    valutazione.ente = ente
    valutazione.punteggio = punteggio
    valutazione.nota = nota
    valutazione.full_clean()
    valutazione.save()
    return valutazione
