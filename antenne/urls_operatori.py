from django.urls import path

from antenne.views import banca, operatori

app_name = "operatori"

urlpatterns = [
    path("", operatori.home, name="home"),
    path("sw.js", operatori.service_worker, name="service_worker"),
    path("attivita/", operatori.attivita_lista, name="attivita_lista"),
    path("attivita/nuova/", operatori.attivita_nuova, name="attivita_nuova"),
    path("attivita/<int:pk>/foto/", operatori.attivita_foto, name="attivita_foto"),
    path("antenne/<int:pk>/", operatori.antenna, name="antenna"),
    path("cose-da-fare/<int:pk>/fatto/", operatori.seguito_fatto, name="seguito_fatto"),
    path("banca-del-tempo/soci/", banca.soci_da_verificare, name="soci"),
    path("portierato/<int:pk>/stato/", operatori.portierato_stato, name="portierato_stato"),
]
