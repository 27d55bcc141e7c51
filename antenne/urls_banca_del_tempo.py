from django.urls import path, re_path

from antenne.views import banca

app_name = "banca_del_tempo"

urlpatterns = [
    path("", banca.indice, name="indice"),
    path("iscriviti/", banca.iscriviti, name="iscriviti"),
    path("annunci/nuovo/", banca.annuncio_nuovo, name="annuncio_nuovo"),
    re_path(r"^(?P<tipo>offerta|richiesta)/(?P<pk>[0-9]+)/scambio/$", banca.scambio_nuovo, name="scambio_nuovo"),
    path("scambi/<int:pk>/", banca.scambio_azione, name="scambio_azione"),
    path("soci/<int:pk>/scrivi/", banca.scrivi, name="scrivi"),
]
