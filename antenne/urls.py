from django.urls import path

from antenne.views import pubbliche

app_name = "antenne"

urlpatterns = [
    path("", pubbliche.lista, name="lista"),
    path("<int:pk>/", pubbliche.dettaglio, name="dettaglio"),
    path("dati/antenne.csv", pubbliche.dati_csv, name="dati_csv"),
    path("dati/antenne.json", pubbliche.dati_json, name="dati_json"),
    path("richieste/<int:pk>/", pubbliche.richiesta_azione, name="richiesta_azione"),
    path("candidati/", pubbliche.candidati, name="candidati"),
    path("candidati/grazie/", pubbliche.grazie, name="grazie"),
]
