"""Public pages at the site root: /ricerca-azione/… and /questionari/<slug>/."""

from django.urls import path

from ricerca.views import pubbliche, questionari

app_name = "ricerca_azione"

urlpatterns = [
    path("ricerca-azione/", pubbliche.index, name="index"),
    path("ricerca-azione/dati/bisogni.csv", pubbliche.dati_bisogni_csv, name="bisogni_csv"),
    path("ricerca-azione/dati/bisogni.json", pubbliche.dati_bisogni_json, name="bisogni_json"),
    path("ricerca-azione/dati/", pubbliche.dati_bisogni_dizionario, name="dati"),
    path("ricerca-azione/maturita/", pubbliche.maturita, name="maturita"),
    path("ricerca-azione/maturita/maturita.csv", pubbliche.maturita_csv, name="maturita_csv"),
    path("ricerca-azione/maturita/<str:fase>/valuta/", pubbliche.maturita_valuta_view, name="maturita_valuta"),
    path("ricerca-azione/teoria-del-cambiamento/", pubbliche.teoria, name="teoria"),
    path("ricerca-azione/teoria-del-cambiamento/v<int:versione>/", pubbliche.teoria, name="teoria_versione"),
    path("ricerca-azione/teoria-del-cambiamento/v<int:versione>/pdf/", pubbliche.teoria_pdf, name="teoria_pdf"),
    path(
        "ricerca-azione/teoria-del-cambiamento/v<int:versione>/commenta/",
        pubbliche.teoria_commenta,
        name="teoria_commenta",
    ),
    path("questionari/<slug:slug>/", questionari.compila, name="questionario"),
    path("questionari/<slug:slug>/grazie/", questionari.grazie, name="questionario_grazie"),
]
