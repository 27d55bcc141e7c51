"""The services catalogue (`/servizi/`): every HUB service, by category of the national model."""

from django.http import Http404
from django.shortcuts import render

from costellazioni.page_cache import public_page
from hubs import catalogo
from hubs.models import Servizio


def _cards(servizi):
    return [{"servizio": servizio, "categoria": catalogo.categoria_of(servizio)} for servizio in servizi]


@public_page("hubs", "costellazioni")
def servizi(request):
    servizi = list(Servizio.objects.in_catalogue())
    counts = {categoria.slug: 0 for categoria in catalogo.CATEGORIE}
    for servizio in servizi:
        counts[catalogo.categoria_of(servizio).slug] += 1
    sportello = next((s for s in servizi if s.accesso == Servizio.Accesso.APPUNTAMENTO), None)
    return render(
        request,
        "hubs/servizi.html",
        {
            "categorie": [(categoria, counts[categoria.slug]) for categoria in catalogo.CATEGORIE],
            "cards": _cards(servizi),
            "sportello": sportello,
        },
    )


@public_page("hubs", "costellazioni")
def servizi_categoria(request, categoria):
    categoria = catalogo.categoria_by_slug(categoria)
    if categoria is None:
        raise Http404
    servizi = Servizio.objects.in_catalogue().filter(categoria__in=catalogo.categorie_hub(categoria))
    return render(request, "hubs/servizi_categoria.html", {"categoria": categoria, "cards": _cards(servizi)})
