"""Amministrazione trasparente, «Sovvenzioni, contributi, sussidi, vantaggi economici» (artt. 26-27 D.Lgs. 33/2013).

Every published award, as HTML (paginated, filtered by year of publication and call), CSV and JSON. The open
data formats use plain decimals with a dot (``12000.00``) and ISO dates (``2027-01-15``), UTF-8, comma-separated;
the HTML page shows amounts and dates the Italian way. Where the award says so (art. 26 c. 4) the beneficiary's
name and tax code are never published: its pseudonymous code takes their place everywhere.
"""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from contributi.models import Bando, Concessione
from costellazioni.page_cache import public_page
from costellazioni.spreadsheets import csv_response

COLUMNS = [
    "data_pubblicazione",
    "beneficiario",
    "codice_fiscale",
    "importo",
    "norma",
    "ufficio",
    "responsabile",
    "modalita_individuazione",
    "progetto",
    "url_progetto",
    "bando",
    "url_bando",
    "cup",
    "codice_cor",
    "revocato",
]


def _filtered(request):
    concessioni = Concessione.objects.for_trasparenza()
    anno = request.GET.get("anno", "")
    if anno.isascii() and anno.isdigit() and len(anno) == 4 and anno != "0000":  # a year the calendar has
        concessioni = concessioni.filter(pubblicata_il__year=int(anno))
    bando = request.GET.get("bando", "")
    if bando:
        concessioni = concessioni.filter(candidatura__bando__slug=bando)
    return concessioni, anno, bando


def record(concessione, request) -> dict:
    """The published row: the same fields in HTML, CSV and JSON."""
    candidatura = concessione.candidatura
    return {
        "data_pubblicazione": concessione.pubblicata_il.isoformat(),
        "beneficiario": concessione.beneficiario_pubblico,
        "codice_fiscale": concessione.codice_fiscale_pubblico,
        "importo": f"{concessione.importo - concessione.riduzione:.2f}",
        "norma": concessione.norma,
        "ufficio": concessione.ufficio,
        "responsabile": concessione.responsabile,
        "modalita_individuazione": concessione.modalita_individuazione,
        "progetto": candidatura.titolo,
        "url_progetto": request.build_absolute_uri(concessione_url(concessione)),
        "bando": candidatura.bando.titolo,
        "url_bando": request.build_absolute_uri(candidatura.bando.get_absolute_url()),
        "cup": concessione.cup,
        "codice_cor": concessione.codice_cor,
        "revocato": bool(concessione.revocata_il),
    }


def concessione_url(concessione) -> str:
    return reverse("trasparenza_contributi:dettaglio", kwargs={"pk": concessione.pk})


@public_page("contributi", "costellazioni")
def lista(request):
    concessioni, anno, bando = _filtered(request)
    page = Paginator(concessioni, 20).get_page(request.GET.get("page"))
    pubblicate = Concessione.objects.published()
    anni = [d.year for d in pubblicate.dates("pubblicata_il", "year", order="DESC")]
    bandi = Bando.objects.filter(candidature__concessione__in=pubblicate).distinct().order_by("titolo")
    query = "&".join(f"{k}={v}" for k, v in (("anno", anno), ("bando", bando)) if v)
    return render(
        request,
        "contributi/trasparenza/lista.html",
        {
            "page_obj": page,
            "anni": anni,
            "bandi": bandi.values_list("slug", "titolo"),
            "anno": anno,
            "bando": bando,
            "query": query,
            "query_string": f"{query}&" if query else "",
        },
    )


@public_page("contributi", "costellazioni")
def dettaglio(request, pk):
    concessione = get_object_or_404(Concessione.objects.for_trasparenza(), pk=pk)
    return render(request, "contributi/trasparenza/dettaglio.html", {"concessione": concessione})


def esporta_csv(request):
    concessioni, _anno, _bando = _filtered(request)
    response, writer = csv_response("contributi-concessi.csv", delimiter=",", excel_bom=False)
    writer.writerow(COLUMNS)
    for concessione in concessioni.iterator(chunk_size=500):
        row = record(concessione, request)
        row["revocato"] = _("sì") if row["revocato"] else _("no")
        writer.writerow([row[key] for key in COLUMNS])
    return response


def esporta_json(request):
    concessioni, _anno, _bando = _filtered(request)
    rows = [record(c, request) for c in concessioni.iterator(chunk_size=500)]
    return JsonResponse({"count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False})
