"""Pages for staff and community operators, at /ricerca/."""

from django.urls import path

from ricerca.views import staff

app_name = "ricerca"

urlpatterns = [
    path("bisogni/", staff.bisogni, name="bisogni"),
    path("bisogni/<int:pk>/", staff.bisogno, name="bisogno"),
    path("bisogni/<int:pk>/risposte/", staff.bisogno_risposta, name="bisogno_risposta"),
    path("stakeholder/", staff.stakeholder, name="stakeholder"),
    path("temi/", staff.temi, name="temi"),
    path("questionari/<slug:slug>/risultati/", staff.risultati, name="risultati"),
    path("questionari/<slug:slug>/risposte.csv", staff.risultati_csv, name="risultati_csv"),
    path("questionari/<slug:slug>/risposte.xlsx", staff.risultati_xlsx, name="risultati_xlsx"),
]
