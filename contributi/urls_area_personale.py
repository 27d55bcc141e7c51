from django.urls import path

from contributi.views import area_personale, erogazioni

urlpatterns = [
    path("", area_personale.area_lista, name="area_personale_candidature"),
    path("<int:pk>/", area_personale.area_dettaglio, name="area_personale_candidatura"),
    path("<int:pk>/contenuto/", area_personale.contenuto, name="area_personale_candidatura_contenuto"),
    path("<int:pk>/contenuto/pdf/", area_personale.contenuto_pdf, name="area_personale_candidatura_contenuto_pdf"),
    path("<int:pk>/ricevuta/", area_personale.ricevuta, name="area_personale_candidatura_ricevuta"),
    path("<int:pk>/ritira/", area_personale.ritira, name="area_personale_candidatura_ritira"),
    path("<int:pk>/integrazioni/", area_personale.integrazioni, name="area_personale_candidatura_integrazioni"),
    path("<int:pk>/osservazioni/", area_personale.osservazioni, name="area_personale_candidatura_osservazioni"),
    path("<int:pk>/contributo/", erogazioni.contributo, name="area_personale_contributo"),
    path("<int:pk>/contributo/accetta/", erogazioni.accettazione, name="area_personale_accettazione"),
    path("<int:pk>/contributo/rinuncia/", erogazioni.rinuncia, name="area_personale_rinuncia"),
    path("<int:pk>/rendiconti/nuovo/", erogazioni.rendiconto_nuovo, name="area_personale_rendiconto_nuovo"),
    path("<int:pk>/rendiconti/<int:rid>/", erogazioni.rendiconto, name="area_personale_rendiconto"),
    path(
        "<int:pk>/rendiconti/<int:rid>/presenta/",
        erogazioni.rendiconto_presenta,
        name="area_personale_rendiconto_presenta",
    ),
    path("<int:pk>/rendiconti/<int:rid>/spese/", erogazioni.spesa_nuova, name="area_personale_spesa_nuova"),
    path(
        "<int:pk>/rendiconti/<int:rid>/spese/<int:sid>/elimina/",
        erogazioni.spesa_elimina,
        name="area_personale_spesa_elimina",
    ),
    path(
        "<int:pk>/rendiconti/<int:rid>/spese/<int:sid>/giustificativo/",
        erogazioni.giustificativo,
        name="area_personale_giustificativo",
    ),
]
