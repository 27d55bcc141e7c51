from django.urls import path

from monitoraggio.views import dati, pubbliche, staff

app_name = "monitoraggio"

urlpatterns = [
    path("", pubbliche.cruscotto, name="cruscotto"),
    path("report/", pubbliche.report_lista, name="report_lista"),
    path("report/<int:pk>.pdf", pubbliche.report_pdf, name="report_pdf"),
    path("dati/indicatori.csv", dati.indicatori_csv, name="indicatori_csv"),
    path("dati/indicatori.xlsx", dati.indicatori_xlsx, name="indicatori_xlsx"),
    path("dati/indicatori.json", dati.indicatori_json, name="indicatori_json"),
    path("dati/misurazioni.csv", dati.misurazioni_csv, name="misurazioni_csv"),
    path("dati/misurazioni.xlsx", dati.misurazioni_xlsx, name="misurazioni_xlsx"),
    path("dati/misurazioni.json", dati.misurazioni_json, name="misurazioni_json"),
    path("staff/", staff.cruscotto_staff, name="staff"),
    path("staff/misurazioni.csv", staff.misurazioni_csv, name="staff_misurazioni_csv"),
    path("staff/misurazioni.xlsx", staff.misurazioni_xlsx, name="staff_misurazioni_xlsx"),
    path("staff/bisogni/", staff.catena_cerca, name="catena_cerca"),
    path("staff/bisogni/<int:pk>/", staff.catena_bisogno, name="catena_bisogno"),
    path("staff/evidenze/<int:pk>/", staff.evidenza, name="evidenza"),
]
