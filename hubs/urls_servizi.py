from django.urls import path

from hubs import views_servizi

app_name = "servizi"

urlpatterns = [
    path("", views_servizi.servizi, name="catalogo"),
    path("<slug:categoria>/", views_servizi.servizi_categoria, name="categoria"),
]
