"""The published ranking of a call: a public page and its PDF; both answer 404 before publication."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from contributi.models import Graduatoria
from contributi.services import graduatoria_render_pdf
from costellazioni.page_cache import public_page


def _published(slug):
    return get_object_or_404(
        Graduatoria.objects.select_related("bando"), bando__slug=slug, stato=Graduatoria.Stato.PUBBLICATA
    )


@public_page("contributi", "costellazioni")
def pubblica(request, slug):
    graduatoria = _published(slug)
    return render(
        request,
        "contributi/graduatoria/pubblica.html",
        {
            "graduatoria": graduatoria,
            "bando": graduatoria.bando,
            "posizioni": list(graduatoria.posizioni.for_list()),
        },
    )


def pdf(request, slug):
    graduatoria = _published(slug)
    response = HttpResponse(graduatoria_render_pdf(graduatoria=graduatoria), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="graduatoria-{graduatoria.bando.slug}.pdf"'
    return response
