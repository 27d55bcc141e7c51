from django.urls import path

from contributi.views import trasparenza

app_name = "trasparenza_contributi"

urlpatterns = [
    path("", trasparenza.lista, name="lista"),
    path("contributi.csv", trasparenza.esporta_csv, name="csv"),
    path("contributi.json", trasparenza.esporta_json, name="json"),
    path("<int:pk>/", trasparenza.dettaglio, name="dettaglio"),
]
