"""The content of a periodic report, built from the snapshots; rendered to PDF by ``report_generate``."""

from datetime import timedelta

from django.utils import timezone

from costellazioni.services.pdf import pdf_render
from monitoraggio import charts, progetti, selectors
from monitoraggio.models import Indicatore, Report, Rilevazione
from monitoraggio.periods import months_between

CHARTED = ["CC-07", "CC-08", "CC-10", "CC-13", "CC-16", "CC-01"]  # the figures the committee follows month by month
MAP_INDICATOR = "CC-08"


def report_context(report: Report) -> dict:
    indicatori = list(Indicatore.objects.order_by("macro_azione", "ordine", "codice"))
    nel_periodo = {
        s.indicatore.pk: s
        for s in selectors.indicator_series(indicatori, start=report.periodo_inizio, end=report.periodo_fine)
    }
    cumulati = selectors.indicator_series(indicatori, end=report.periodo_fine)
    righe = [
        {"serie": serie, "periodo": nel_periodo[serie.indicatore.pk].valore}
        for serie in cumulati
        if serie.punti or serie.target
    ]
    trend_start = min(report.periodo_inizio, (report.periodo_fine - timedelta(days=365)).replace(day=1))
    trend = {
        s.indicatore.codice: s
        for s in selectors.indicator_series(
            [i for i in indicatori if i.codice in CHARTED], start=trend_start, end=report.periodo_fine
        )
    }
    grafici = []
    for codice in CHARTED:
        serie = trend.get(codice)
        if serie is None or not serie.punti:
            continue
        punti = dict(serie.punti)
        mesi = [(start, punti.get(start, 0)) for start, _end in months_between(trend_start, report.periodo_fine)]
        target = (
            serie.target.valore
            if serie.target and serie.indicatore.aggregazione == Indicatore.Aggregazione.ULTIMO
            else None
        )
        grafici.append({"serie": serie, "svg": charts.bar_chart(mesi, title=serie.indicatore.nome, target=target)})
    mappa = Indicatore.objects.filter(codice=MAP_INDICATOR).first()
    sezioni = []
    by_code = {riga["serie"].indicatore.pk: riga for riga in righe}
    for etichetta, gruppo in selectors.by_macro_azione(cumulati):
        sezione = [by_code[serie.indicatore.pk] for serie in gruppo if serie.indicatore.pk in by_code]
        if sezione:
            sezioni.append((etichetta, sezione))
    return {
        "report": report,
        "titolo": f"{report.get_tipo_display()} — {report.periodo_label}",
        "sezioni": sezioni,
        "sintesi": [riga for riga in righe if riga["serie"].indicatore.codice in CHARTED],
        "grafici": grafici,
        "quartieri": selectors.by_quartiere(mappa, start=report.periodo_inizio, end=report.periodo_fine)
        if mappa
        else [],
        "indicatore_quartieri": mappa,
        "progetti": progetti.project_health(today=report.periodo_fine),
        "rilevazioni": list(
            Rilevazione.objects.filter(svolta_il__range=(report.periodo_inizio, report.periodo_fine)).prefetch_related(
                "indicatori"
            )
        ),
        "generato_il": timezone.now(),
    }


def report_pdf(report: Report) -> bytes:
    return pdf_render(template_name="monitoraggio/pdf/report.html", context=report_context(report))
