"""Public pages: the indicators dashboard and the published reports."""

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from costellazioni.page_cache import public_page
from costellazioni.uploads import file_response
from monitoraggio import cruscotti, permissions
from monitoraggio.models import Report

REPORTS_PER_PAGE = 20


@public_page("monitoraggio", "costellazioni")
def cruscotto(request):
    """The public dashboard. Its body comes from the cache, rendered by the workers after each snapshot (see
    ``monitoraggio.cruscotti``): one query for the measurements' version."""
    corpo = cruscotti.Pubblico(cruscotti.measurements_state()["versione"]).html()
    return render(request, "monitoraggio/cruscotto.html", {"corpo": corpo})


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
