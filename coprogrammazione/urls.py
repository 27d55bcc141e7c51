from django.urls import path

from coprogrammazione.views import percorsi, protocolli

app_name = "coprogrammazione"

urlpatterns = [
    path("", percorsi.indice, name="indice"),
    path("risorse/", percorsi.risorse, name="risorse"),
    path("protocolli/", protocolli.registro, name="registro"),
    path("protocolli/dati-aperti/", protocolli.dati_aperti, name="dati_aperti"),
    path("protocolli/dati/<slug:dataset>.csv", protocolli.esporta_csv, name="esporta_csv"),
    path("protocolli/dati/<slug:dataset>.json", protocolli.esporta_json, name="esporta_json"),
    path("protocolli/<int:pk>/", protocolli.protocollo, name="protocollo"),
    path("protocolli/<int:pk>/documento.pdf", protocolli.documento, name="protocollo_documento"),
    path("protocolli/<int:pk>/parti/<int:parte_pk>/firma/", protocolli.firma, name="firma"),
    path("protocolli/<int:pk>/parti/<int:parte_pk>/firmato.pdf", protocolli.firma_scarica, name="firma_scarica"),
    path("<slug:slug>/", percorsi.percorso, name="percorso"),
    path("<slug:slug>/avviso.pdf", percorsi.avviso, name="avviso"),
    path("<slug:slug>/documenti/<int:pk>/", percorsi.documento, name="documento"),
    path("<slug:slug>/incontri/<int:pk>/verbale.pdf", percorsi.verbale, name="verbale"),
    path("<slug:slug>/risorse/nuova/", percorsi.risorsa_nuova, name="risorsa_nuova"),
    path("<slug:slug>/risorse/<int:pk>/condivisione/", percorsi.condivisione_nuova, name="condivisione_nuova"),
    path("<slug:slug>/manifesta-interesse/", percorsi.manifesta_interesse, name="manifesta_interesse"),
]
