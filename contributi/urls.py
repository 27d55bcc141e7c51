from django.urls import path

from contributi.views import area_personale, graduatoria
from contributi.views import candidature as views

app_name = "contributi"

urlpatterns = [
    path("", views.lista, name="lista"),
    path("allegati/<int:pk>/", area_personale.allegato, name="allegato"),
    path("integrazioni/<int:pk>/", area_personale.documento_integrazione, name="documento_integrazione"),
    path("<slug:slug>/", views.dettaglio, name="bando"),
    path("<slug:slug>/testo/", views.testo_bando, name="testo"),
    path("<slug:slug>/determina/", views.determina_bando, name="determina"),
    path("<slug:slug>/graduatoria/", graduatoria.pubblica, name="graduatoria"),
    path("<slug:slug>/graduatoria/pdf/", graduatoria.pdf, name="graduatoria_pdf"),
    path("<slug:slug>/documenti/<int:pk>/", views.documento, name="documento"),
    path("<slug:slug>/rettifiche/<int:numero>/", views.rettifica_documento, name="rettifica"),
    path("<slug:slug>/candidatura/", views.candidatura_start, name="candidatura"),
    path("<slug:slug>/candidatura/<int:pk>/anteprima.pdf", views.anteprima_pdf, name="anteprima"),
    path("<slug:slug>/candidatura/<int:pk>/<str:passo>/", views.passo, name="passo"),
]
