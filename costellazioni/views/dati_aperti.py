"""``/dati-aperti/``: every open dataset the apps registered, with its data dictionary, licence and last update."""

from django.shortcuts import render

from costellazioni import open_data
from costellazioni.page_cache import ALL, public_page


@public_page(*ALL)
def dati_aperti(request):
    rows = [
        {"dataset": dataset, "links": dataset.links(), "updated": dataset.updated()} for dataset in open_data.datasets()
    ]
    return render(request, "pages/dati_aperti.html", {"datasets": rows})
