"""Exports and open data: indicators and measurements as CSV, XLSX and JSON (public ones privacy-safe)."""

from collections import defaultdict

from django.http import HttpResponse, JsonResponse

from costellazioni.spreadsheets import csv_response, xlsx_append, xlsx_response, xlsx_workbook
from monitoraggio import selectors
from monitoraggio.models import Indicatore, Misurazione

INDICATOR_COLUMNS = [
    "codice",
    "codice_ue",
    "nome",
    "definizione",
    "unita",
    "tipo",
    "macro_azione",
    "fonte",
    "frequenza",
    "baseline",
    "valore_ad_oggi",
    "ultimo_periodo",
    "target",
    "target_entro",
]
MEASUREMENT_COLUMNS = [
    "indicatore",
    "periodo_inizio",
    "periodo_fine",
    "quartiere",
    "genere",
    "fascia_eta",
    "altro",
    "valore",
    "soppresso",
    "origine",
]


def indicator_rows(*, public: bool = True) -> list[dict]:
    indicatori = Indicatore.objects.pubblici() if public else Indicatore.objects.all()
    rows = []
    for serie in selectors.indicator_series(indicatori):
        indicatore = serie.indicatore
        rows.append(
            {
                "codice": indicatore.codice,
                "codice_ue": indicatore.codice_ue,
                "nome": indicatore.nome,
                "definizione": indicatore.definizione,
                "unita": indicatore.unita,
                "tipo": indicatore.tipo,
                "macro_azione": indicatore.macro_azione,
                "fonte": indicatore.fonte,
                "frequenza": indicatore.frequenza,
                "baseline": f"{indicatore.baseline:.2f}",
                "valore_ad_oggi": "" if serie.valore is None else f"{serie.valore:.2f}",
                "ultimo_periodo": serie.ultimo_periodo.isoformat() if serie.ultimo_periodo else "",
                "target": f"{serie.target.valore:.2f}" if serie.target else "",
                "target_entro": serie.target.data.isoformat() if serie.target else "",
            }
        )
    return rows


def measurement_rows(*, public: bool = True):
    """Measurements, oldest first; public: validated values of public indicators, small quartiere figures hidden."""
    qs = Misurazione.objects.select_related("indicatore").order_by("indicatore__codice", "periodo_inizio", "chiave")
    if public:
        qs = qs.valide().filter(indicatore__pubblico=True)
    groups = defaultdict(dict)
    rows = list(qs.iterator(chunk_size=2000))
    if public:
        for row in rows:
            if row.chiave.startswith("quartiere="):
                groups[(row.indicatore_id, row.periodo_inizio, row.periodo_fine)][row.pk] = row.valore
    hidden = set()
    for values in groups.values():
        hidden |= {pk for pk, value in selectors.suppress_small(values).items() if value is None}
    for row in rows:
        d = row.disaggregazione or {}
        altro = ";".join(f"{k}={v}" for k, v in sorted(d.items()) if k not in ("quartiere", "genere", "fascia_eta"))
        soppresso = row.pk in hidden
        yield {
            "indicatore": row.indicatore.codice,
            "periodo_inizio": row.periodo_inizio.isoformat(),
            "periodo_fine": row.periodo_fine.isoformat(),
            "quartiere": d.get("quartiere", ""),
            "genere": d.get("genere", ""),
            "fascia_eta": d.get("fascia_eta", ""),
            "altro": altro,
            "valore": "" if soppresso else f"{row.valore:.2f}",
            "soppresso": soppresso,
            "origine": row.origine,
        }


def _csv(rows, columns, filename) -> HttpResponse:
    response, writer = csv_response(filename, delimiter=",", excel_bom=False)
    writer.writerow(columns)
    for row in rows:
        writer.writerow([row[column] for column in columns])
    return response


def _xlsx(rows, columns, filename) -> HttpResponse:
    workbook = xlsx_workbook()
    sheet = workbook.active
    sheet.title = "dati"
    xlsx_append(sheet, columns)
    for row in rows:
        xlsx_append(sheet, [row[column] for column in columns])
    return xlsx_response(filename, workbook)


def indicatori_csv(request):
    return _csv(indicator_rows(), INDICATOR_COLUMNS, "indicatori.csv")


def indicatori_xlsx(request):
    return _xlsx(indicator_rows(), INDICATOR_COLUMNS, "indicatori.xlsx")


def indicatori_json(request):
    rows = indicator_rows()
    return JsonResponse(
        {"licenza": "CC BY 4.0", "count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False}
    )


def misurazioni_csv(request):
    return _csv(measurement_rows(), MEASUREMENT_COLUMNS, "misurazioni.csv")


def misurazioni_xlsx(request):
    return _xlsx(measurement_rows(), MEASUREMENT_COLUMNS, "misurazioni.xlsx")


def misurazioni_json(request):
    rows = list(measurement_rows())
    return JsonResponse(
        {"licenza": "CC BY 4.0", "count": len(rows), "results": rows}, json_dumps_params={"ensure_ascii": False}
    )
