from django.urls import path

from ricerca import views

app_name = "bisogni"

urlpatterns = [
    path("segnala/", views.segnala, name="segnala"),
    path("segnala/grazie/", views.grazie, name="grazie"),
]
