from django.urls import path

from hubs import views_area_personale as views

app_name = "hubs_area_personale"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("<int:pk>/annulla/", views.annulla_prenotazione, name="annulla_prenotazione"),
    path("appuntamenti/<int:pk>/annulla/", views.annulla_appuntamento, name="annulla_appuntamento"),
]
