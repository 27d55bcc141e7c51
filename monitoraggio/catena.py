"""The chain of a need, for staff: who answered it, the indicators it moves and the reports that count it.

``ricerca`` links answers by content type (it imports no app above it); monitoring may import every app, so it
reads the chain here. Three to five queries whatever the number of answers.
"""

from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.extensions import Link
from costellazioni.indicators import records_url
from monitoraggio import permissions
from monitoraggio.models import Indicatore, Report
from monitoraggio.periods import month_of
from ricerca.models import Bisogno


@dataclass
class Anello:
    """One answer to the need: what it is and where staff open it."""

    descrizione: str
    tipo: str
    oggetto: str
    url: str


def _admin_url(obj) -> str:
    if obj is None:
        return ""
    try:
        return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])
    except NoReverseMatch:
        return ""


def indicator_codes(bisogno: Bisogno) -> list[str]:
    """The automatic indicators that count this need, as it stands now."""
    codes = ["ricerca.bisogni_segnalati"]
    if bisogno.stato != Bisogno.Stato.SEGNALATO:
        codes.append("ricerca.bisogni_presi_in_carico")
    if bisogno.stato == Bisogno.Stato.RISOLTO:
        codes.append("ricerca.bisogni_risolti")
    return codes


def catena(bisogno: Bisogno) -> dict:
    risposte = bisogno.risposte.select_related("content_type").prefetch_related("oggetto")
    anelli = [
        Anello(
            descrizione=risposta.descrizione,
            tipo=risposta.content_type.model_class()._meta.verbose_name if risposta.content_type else "",
            oggetto=str(risposta.oggetto) if risposta.oggetto is not None else "",
            url=_admin_url(risposta.oggetto),
        )
        for risposta in risposte
    ]
    giorno = timezone.localdate(bisogno.creato_il)
    inizio, fine = month_of(giorno)
    indicatori = [
        (indicatore, records_url(indicatore.calcolo, inizio, fine))
        for indicatore in Indicatore.objects.filter(calcolo__in=indicator_codes(bisogno)).order_by("ordine")
    ]
    report = Report.objects.filter(
        stato=Report.Stato.PRONTO, periodo_inizio__lte=giorno, periodo_fine__gte=giorno
    ).order_by("periodo_inizio", "tipo")
    return {"anelli": anelli, "indicatori": indicatori, "mese": (inizio, fine), "report": list(report)}


def related_pages(request, bisogno: Bisogno) -> list[Link]:
    """On the need's admin page (``ricerca`` cannot link to monitoring): its chain, for the staff who may see it."""
    if not permissions.can_view_staff_dashboard(request.user):
        return []
    return [Link(_("Catena del bisogno"), reverse("monitoraggio:catena_bisogno", args=[bisogno.pk]))]
