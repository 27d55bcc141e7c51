from django.urls import path

from costellazioni.open_data import dataset_view
from governance.views import file, gestione, pubbliche, relazioni, rete, riunioni, sopralluoghi

app_name = "governance"

urlpatterns = [
    path("", pubbliche.index, name="index"),
    path("calendario.ics", pubbliche.calendario_ics, name="calendario"),
    path("decisioni/", pubbliche.decisioni, name="decisioni"),
    path("decisioni/dati/decisioni.csv", dataset_view("governance-decisioni", "csv"), name="dati_csv"),
    path("decisioni/dati/decisioni.json", dataset_view("governance-decisioni", "json"), name="dati_json"),
    path("orientamenti/", pubbliche.catena, name="catena"),
    path("organi/<slug:slug>/", pubbliche.organo_detail, name="organo"),
    path("organi/<slug:slug>/documenti/", pubbliche.documento_carica, name="documento_carica"),
    path("riunioni/<int:pk>/", riunioni.riunione_detail, name="riunione"),
    path("riunioni/<int:pk>/rispondi/", riunioni.riunione_rispondi, name="rispondi"),
    path("riunioni/<int:pk>/iscriviti/", riunioni.riunione_iscriviti, name="iscriviti"),
    path("riunioni/<int:pk>/gestione/", gestione.gestione, name="gestione"),
    path("riunioni/<int:pk>/riunione.ics", riunioni.riunione_ics_view, name="riunione_ics"),
    path("riunioni/<int:pk>/verbale.pdf", riunioni.verbale_pdf_view, name="verbale_pdf"),
    path("relazioni/", relazioni.relazioni, name="relazioni"),
    path("relazioni/nuova/", relazioni.relazione_nuova, name="relazione_nuova"),
    path("relazioni/<int:pk>/", relazioni.relazione, name="relazione"),
    path("relazioni/<int:pk>/modifica/", relazioni.relazione_modifica, name="relazione_modifica"),
    path("relazioni/<int:pk>/invia/", relazioni.relazione_invia, name="relazione_invia"),
    path("relazioni/<int:pk>/commenta/", relazioni.relazione_commenta, name="relazione_commenta"),
    path("cura-della-rete/", rete.contatti, name="contatti"),
    path("documenti/versioni/<int:pk>/", file.documento_versione, name="documento"),
    path("relazioni/allegati/<int:pk>/", file.allegato_rapporto, name="allegato"),
    path("sopralluoghi/foto/<int:pk>/", file.foto_sopralluogo, name="foto"),
    path("sopralluoghi/", sopralluoghi.sopralluoghi, name="sopralluoghi"),
    path("sopralluoghi/<int:pk>/", sopralluoghi.sopralluogo, name="sopralluogo"),
    path("sopralluoghi/azioni/<int:pk>/stato/", sopralluoghi.seguito_stato, name="seguito_stato"),
    path("partenariati/documenti/<int:pk>/", file.documento_partenariato, name="documento_partenariato"),
]
