"""Public pages: the indicators dashboard and the published reports."""

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.functional import SimpleLazyObject

from costellazioni.page_cache import public_page
from costellazioni.uploads import file_response
from monitoraggio import permissions, presentation, selectors
from monitoraggio.models import Indicatore, Misurazione, Report

MAP_INDICATOR = "CC-08"
REPORTS_PER_PAGE = 20
CACHE_SECONDS = 600


@public_page("monitoraggio", "costellazioni")
def cruscotto(request):
    """The public dashboard. Its body is cached (``{% cache %}``) under the measurements' version: a new or
    changed measurement shows at once; a change of targets or indicators within ``CACHE_SECONDS``."""
    context = {
        "versione": measurements_version(),
        "cache_seconds": CACHE_SECONDS,
        "dati": SimpleLazyObject(dashboard_context),  # computed only when the cached body must be rendered again
        "MAP_TILE_URL": settings.MAP_TILE_URL,
        "soglia": selectors.SUPPRESSION_THRESHOLD,
    }
    return render(request, "monitoraggio/cruscotto.html", context)


def measurements_version() -> str:
    """Changes whenever a measurement is added, changed or deleted: one query."""
    version = Misurazione.objects.aggregate(ultima=Max("rilevata_il"), righe=Count("pk"))
    return f"{version['ultima']:%Y%m%d%H%M%S%f}-{version['righe']}" if version["ultima"] else "vuoto"


def dashboard_context() -> dict:
    indicatori = list(Indicatore.objects.pubblici())
    schede = presentation.schede(selectors.indicator_series(indicatori))
    mappa = next((i for i in indicatori if i.codice == MAP_INDICATOR), None)
    quartieri = selectors.by_quartiere(mappa) if mappa else []
    map_points = [
        {
            "nome": cella.quartiere.nome,
            "lat": float(cella.quartiere.latitudine),
            "lng": float(cella.quartiere.longitudine),
            "valore": None if cella.soppresso else float(cella.valore),
        }
        for cella in quartieri
    ]
    return {
        "sections": selectors.by_macro_azione(schede),
        "charts": [scheda.chart for scheda in schede if scheda.chart],
        "quartieri": [
            (cella, cella.quartiere, None if cella.soppresso else presentation.number(cella.valore))
            for cella in quartieri
        ],
        "indicatore_mappa": mappa,
        "map_points": map_points,
        "report_recenti": list(Report.objects.pubblicati()[:3]),
    }


@public_page("monitoraggio", "costellazioni")
def report_lista(request):
    page_obj = Paginator(Report.objects.pubblicati().order_by("-periodo_fine", "tipo"), REPORTS_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "monitoraggio/report_lista.html", {"page_obj": page_obj})


def report_pdf(request, pk):
    report = get_object_or_404(Report, pk=pk)
    if not permissions.can_download_report(request.user, report) or not report.file:
        raise Http404
    filename = f"costellazioni-{report.tipo}-{report.periodo_inizio:%Y-%m-%d}.pdf"
    return file_response(report.file, filename=filename)
