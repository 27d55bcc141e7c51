from django.urls import path

from contributi.views import candidature as views

urlpatterns = [
    path("", views.area_lista, name="area_personale_candidature"),
    path("<int:pk>/", views.area_dettaglio, name="area_personale_candidatura"),
    path("<int:pk>/ricevuta/", views.ricevuta, name="area_personale_candidatura_ricevuta"),
    path("<int:pk>/ritira/", views.ritira, name="area_personale_candidatura_ritira"),
]
