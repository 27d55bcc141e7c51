"""Demo data for monitoring: targets, a year of snapshots and validated manual values, milestones of the funded
projects, and one ready, published report of each kind. Idempotent."""

from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from contributi.models import Concessione
from costellazioni.models import User
from governance.models import RisultatoAtteso
from monitoraggio import services
from monitoraggio.models import Indicatore, Misurazione, Report, Rilevazione, Tappa, Target, disaggregation_key
from monitoraggio.periods import months_between, previous_period, quarter_of
from ricerca.models import ElementoToc, Questionario, TeoriaCambiamento
from ricerca.selectors import compilazioni_inviate

END_2027, END_2029 = date(2027, 12, 31), date(2029, 12, 31)
TARGETS = {
    "CC-01": [(END_2027, 300), (END_2029, 800)],
    "CC-02": [(END_2027, 150), (END_2029, 500)],
    "CC-03": [(END_2027, 4), (END_2029, 10)],
    "CC-05": [(END_2027, 24), (END_2029, 70)],
    "CC-06": [(END_2027, 25), (END_2029, 60)],
    "CC-07": [(END_2027, 1200), (END_2029, 3500)],
    "CC-08": [(END_2027, 4000), (END_2029, 12000)],
    "CC-09": [(END_2027, 800), (END_2029, 2500)],
    "CC-10": [(END_2027, 250), (END_2029, 700)],
    "CC-12": [(END_2027, 40), (END_2029, 120)],
    "CC-14": [(END_2027, 12), (END_2029, 30)],
    "CC-15": [(END_2027, 600000), (END_2029, 1500000)],
    "CC-17": [(END_2027, 2000), (END_2029, 6000)],
    "CC-18": [(END_2027, 80), (END_2029, 85)],
    "CC-20": [(END_2027, 220), (END_2029, 650)],
    "CC-21": [(END_2027, 3), (END_2029, 8)],
    "CC-22": [(END_2027, 20), (END_2029, 60)],
    "CC-23": [(END_2027, 2), (END_2029, 2)],
    "CC-24": [(END_2027, 30), (END_2029, 90)],
    "CC-25": [(END_2027, 15), (END_2029, 20)],
    "CC-26": [(END_2027, 40), (END_2029, 120)],
    "CC-27": [(END_2027, 30), (END_2029, 100)],
    "EECO01": [(END_2027, 1500), (END_2029, 4000)],
    "EECO19": [(END_2029, 15)],
    "RCO113": [(END_2029, 60000)],
}
# Quarterly participants reported by the funded projects (aggregated counts: women, men, non-binary).
PARTECIPANTI = [(62, 48, 2), (71, 55, 1), (84, 60, 3), (90, 72, 2)]


def _targets():
    for codice, rows in TARGETS.items():
        indicatore = Indicatore.objects.get(codice=codice)
        for data, valore in rows:
            Target.objects.update_or_create(indicatore=indicatore, data=data, defaults={"valore": Decimal(valore)})


def _snapshots(today):
    start = (today.replace(day=1) - timedelta(days=365)).replace(day=1)
    for month_start, month_end in months_between(start, today):
        services.indicatori_snapshot(period_start=month_start, period_end=month_end)


def _manual(today, staff, admin):
    """A year of quarterly EECO01 values and an annual satisfaction rate, entered by staff, validated by admin."""
    quarter_start = quarter_of(today)[0]
    quarters = []
    for _i in range(4):
        quarter_start = quarter_of(quarter_start - timedelta(days=1))[0]
        quarters.append(quarter_of(quarter_start))
    eeco01 = Indicatore.objects.get(codice="EECO01")
    for (start, end), (donne, uomini, non_binari) in zip(reversed(quarters), PARTECIPANTI, strict=True):
        for valore, disaggregazione in [
            (donne + uomini + non_binari, {}),
            (donne, {"genere": "donne"}),
            (uomini, {"genere": "uomini"}),
            (non_binari, {"genere": "non_binari"}),
        ]:
            _entered(eeco01, start, end, valore, disaggregazione, staff, admin)
    last_year = previous_period("annuale", today)
    _entered(
        Indicatore.objects.get(codice="CC-18"),
        *last_year,
        82,
        {},
        staff,
        admin,
        nota="Questionario di fine progetto, 214 risposte.",
    )
    _entered(
        Indicatore.objects.get(codice="CC-04"),
        *last_year,
        75,
        {},
        staff,
        admin,
        nota="Verifica annuale degli impegni dei protocolli di Marghera e del Lido.",
    )


def _entered(indicatore, start, end, valore, disaggregazione, staff, admin, nota=""):
    existing = Misurazione.objects.filter(indicatore=indicatore, periodo_inizio=start, periodo_fine=end).exclude(
        stato=Misurazione.Stato.RESPINTA
    )
    if existing.filter(chiave=disaggregation_key(disaggregazione)).exists():
        return
    misurazione = services.misurazione_create(
        indicatore=indicatore,
        periodo_inizio=start,
        periodo_fine=end,
        valore=Decimal(valore),
        disaggregazione=disaggregazione,
        autore=staff,
        nota=nota,
    )
    services.misurazione_validate(misurazione=misurazione, actor=admin)


def _tappe(today):
    for concessione in Concessione.objects.filter(revocata_il__isnull=True, accettata_il__isnull=False):
        inizio = concessione.data_inizio or today
        for giorni, titolo, raggiunta in [
            (30, "Avvio delle attività e comunicazione nel quartiere", True),
            (120, "Primo ciclo di laboratori concluso", False),
            (300, "Evento pubblico di restituzione", False),
        ]:
            scadenza = inizio + timedelta(days=giorni)
            Tappa.objects.get_or_create(
                progetto=concessione,
                titolo=titolo,
                defaults={"scadenza": scadenza, "raggiunta_il": scadenza - timedelta(days=3) if raggiunta else None},
            )


def _rilevazioni(today):
    """The beneficiaries' satisfaction questionnaire and a focus group, linked to the indicators they inform."""
    anno = previous_period("annuale", today)
    for tipo, titolo, giorno, partecipanti, soddisfatti, codici, sintesi in [
        (
            Rilevazione.Tipo.QUESTIONARIO,
            "Questionario di soddisfazione dei partecipanti ai progetti finanziati",
            anno[1],
            214,
            175,
            ["CC-18", "CC-19"],
            "214 risposte da 9 progetti; l'82% si dichiara soddisfatto o molto soddisfatto; chiesti più orari serali.",
        ),
        (
            Rilevazione.Tipo.FOCUS_GROUP,
            "Focus group con le antenne di quartiere di Marghera",
            anno[1] - timedelta(days=40),
            11,
            None,
            ["CC-06", "CC-19"],
            "Le antenne chiedono un punto di riferimento fisso all'HUB e un gruppo di messaggi tra negozi.",
        ),
    ]:
        rilevazione, _created = Rilevazione.objects.get_or_create(
            titolo=titolo,
            defaults={
                "tipo": tipo,
                "svolta_il": giorno,
                "partecipanti": partecipanti,
                "soddisfatti": soddisfatti,
                "sintesi": sintesi,
            },
        )
        rilevazione.indicatori.set(Indicatore.objects.filter(codice__in=codici))


# Catalogue code -> title of the element of the approved theory of change it measures.
ELEMENTI_TOC = {
    "CC-02": "Più relazioni di aiuto tra vicini",
    "CC-03": "Progetti finanziati e protocolli firmati",
    "CC-05": "Partecipazione attiva dei cittadini",
    "CC-21": "Reti stabili tra ETS e Comune",
    "CC-25": "Partecipazione attiva dei cittadini",
}
RISULTATI_ATTESI = {"CC-20": "Anziani soli raggiunti dai punti di ascolto"}


def _collegamenti(today):
    """Indicators linked to the theory of change and to the governance's expected results; the needs survey
    of the research as an evaluation activity with its results."""
    teoria = TeoriaCambiamento.objects.corrente()
    for codice, titolo in ELEMENTI_TOC.items():
        elemento = ElementoToc.objects.filter(teoria=teoria, titolo=titolo).first() if teoria else None
        if elemento is not None:
            Indicatore.objects.filter(codice=codice, elemento_toc__isnull=True).update(elemento_toc=elemento)
    for codice, descrizione in RISULTATI_ATTESI.items():
        risultato = RisultatoAtteso.objects.filter(descrizione=descrizione).first()
        if risultato is not None:
            Indicatore.objects.filter(codice=codice, risultato_atteso__isnull=True).update(risultato_atteso=risultato)
    questionario = Questionario.objects.filter(slug="bisogni-dei-quartieri-2026").first()
    if questionario is None:
        return
    risposte = compilazioni_inviate(questionario).count()
    rilevazione, _created = Rilevazione.objects.get_or_create(
        titolo="Questionario sui bisogni dei quartieri 2026",
        defaults={
            "tipo": Rilevazione.Tipo.QUESTIONARIO,
            "svolta_il": timezone.localdate(questionario.chiusura) if questionario.chiusura else today,
            "partecipanti": risposte,
            "questionario": questionario,
            "sintesi": "Le risposte raccolte sul portale: i dettagli per domanda sono nella scheda della rilevazione.",
        },
    )
    rilevazione.indicatori.set(Indicatore.objects.filter(codice__in=["CC-01", "CC-20"]))


def _reports(today, admin):
    for tipo in (Report.Tipo.MENSILE, Report.Tipo.TRIMESTRALE, Report.Tipo.ANNUALE):
        start, end = previous_period(tipo, today)
        report = Report.objects.filter(tipo=tipo, periodo_inizio=start, periodo_fine=end).first()
        if report is None or report.stato != Report.Stato.PRONTO:
            report = services.report_request(tipo=tipo, periodo_inizio=start, periodo_fine=end, enqueue=False)
            report = services.report_generate(report_id=report.pk) or report
        if not report.pubblicato:
            services.report_publish(report=report, actor=admin)


def seed() -> None:
    today = timezone.localdate()
    staff = User.objects.get(email="staff@costellazioni.example")
    admin = User.objects.get(email="admin@costellazioni.example")
    _targets()
    _snapshots(today)
    _manual(today, staff, admin)
    _tappe(today)
    _rilevazioni(today)
    _collegamenti(today)
    _reports(today, admin)
