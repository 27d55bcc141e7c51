from django.urls import path

from ricerca.views import segnala as views

app_name = "bisogni"

urlpatterns = [
    path("segnala/", views.segnala, name="segnala"),
    path("segnala/grazie/", views.grazie, name="grazie"),
]
