from django.urls import path

from costellazioni.open_data import dataset_view
from hubs import views, views_eventi

app_name = "hubs"

urlpatterns = [
    path("", views.hub_list, name="list"),
    path("eventi/", views_eventi.eventi, name="eventi"),
    path("dati/hub.csv", dataset_view("hub", "csv"), name="dati_csv"),
    path("dati/hub.json", dataset_view("hub", "json"), name="dati_json"),
    path("<slug:slug>/", views.hub_detail, name="detail"),
    path("<slug:slug>/foto/", views.hub_foto, name="foto"),
    path("<slug:slug>/servizi/<slug:servizio>/", views.servizio_detail, name="servizio"),
    path("<slug:slug>/servizi/<slug:servizio>/appuntamento/", views.appuntamento, name="appuntamento"),
    path("<slug:slug>/spazi/<slug:spazio>/prenota/", views.prenota, name="prenota"),
    path("<slug:slug>/eventi/<slug:evento>/", views_eventi.evento_detail, name="evento"),
    path("<slug:slug>/eventi/<slug:evento>/evento.ics", views_eventi.evento_ics, name="evento_ics"),
]
