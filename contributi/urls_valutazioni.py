"""Board members' pages, included at ``area-personale/valutazioni/`` by ``costellazioni/urls.py``."""

from django.urls import path

from contributi.views import valutazioni

app_name = "valutazioni"

urlpatterns = [
    path("", valutazioni.lista, name="lista"),
    path("<int:pk>/", valutazioni.dettaglio, name="dettaglio"),
]
