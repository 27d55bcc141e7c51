from django.urls import path

from antenne.views import pubbliche
from costellazioni.open_data import dataset_view

app_name = "antenne"

urlpatterns = [
    path("", pubbliche.lista, name="lista"),
    path("<int:pk>/", pubbliche.dettaglio, name="dettaglio"),
    path("dati/antenne.csv", dataset_view("antenne", "csv"), name="dati_csv"),
    path("dati/antenne.json", dataset_view("antenne", "json"), name="dati_json"),
    path("richieste/<int:pk>/", pubbliche.richiesta_azione, name="richiesta_azione"),
    path("candidati/", pubbliche.candidati, name="candidati"),
    path("candidati/grazie/", pubbliche.grazie, name="grazie"),
]
