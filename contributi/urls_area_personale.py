from django.urls import path

from contributi.views import area_personale

urlpatterns = [
    path("", area_personale.area_lista, name="area_personale_candidature"),
    path("<int:pk>/", area_personale.area_dettaglio, name="area_personale_candidatura"),
    path("<int:pk>/ricevuta/", area_personale.ricevuta, name="area_personale_candidatura_ricevuta"),
    path("<int:pk>/ritira/", area_personale.ritira, name="area_personale_candidatura_ritira"),
]
