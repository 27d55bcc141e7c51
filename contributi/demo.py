"""Demo calls and applications (idempotent: a second run changes nothing)."""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from contributi import demo_erogazioni, demo_selezione, services
from contributi.models import AllegatoRichiesto, Bando, CriterioValutazione, DocumentoBando, FaqBando
from contributi.services.erogazioni import PIANO_PREDEFINITO
from costellazioni.demo import demo_pdf
from costellazioni.models import Ente, User
from costellazioni.uploads import file_store

CRITERI = [
    ("A.1", "Qualità e coerenza del progetto", 30),
    ("A.2", "Impatto sociale atteso nei quartieri", 30),
    ("A.3", "Partenariato e radicamento territoriale", 20),
    ("A.4", "Sostenibilità economica oltre il contributo", 20),
]

BANDI = [
    {
        "slug": "idee-in-comune-2026",
        "titolo": "Idee in Comune 2026 — sviluppo di idee e servizi",
        "linea": Bando.Linea.A,
        "sintesi": "Contributi fino a 30.000 euro per avviare servizi di prossimità innovativi nei quartieri.",
        "descrizione": (
            "Il Comune di Venezia, nell'ambito del programma Costellazioni civiche (PN Metro Plus 2021-2027), "
            "sostiene progetti che nascono dal basso e rafforzano i legami di comunità: servizi di prossimità, "
            "spazi condivisi, attività per anziani, giovani e famiglie.\n\n"
            "Il contributo copre fino al 90% del costo del progetto; il resto è cofinanziato dall'ente."
        ),
        "cup": "F79J25000120006",
        "budget_totale": Decimal("300000"),
        "contributo_minimo": Decimal("5000"),
        "contributo_massimo": Decimal("30000"),
        "cofinanziamento_percentuale": Decimal("10"),
        "giorni": (-15, 30),
    },
    {
        "slug": "nuove-imprese-sociali-2026",
        "titolo": "Nuove imprese sociali 2026",
        "linea": Bando.Linea.B,
        "sintesi": "Contributi per costituire e avviare nuove imprese sociali e cooperative di comunità.",
        "descrizione": (
            "Il bando sostiene la nascita di imprese sociali che offrono servizi di interesse generale nel "
            "territorio comunale, dalla terraferma alle isole. Sono ammesse anche le imprese in costituzione."
        ),
        "cup": "F79J25000130006",
        "budget_totale": Decimal("400000"),
        "contributo_minimo": Decimal("20000"),
        "contributo_massimo": Decimal("60000"),
        "cofinanziamento_percentuale": Decimal("20"),
        "giorni": (-5, 45),
    },
    {
        "slug": "quartieri-in-rete-2025",
        "titolo": "Quartieri in rete 2025",
        "linea": Bando.Linea.A,
        "sintesi": "Il primo bando del programma, per reti di associazioni nei quartieri di Mestre e Marghera.",
        "descrizione": "Bando chiuso: le candidature sono in istruttoria.",
        "cup": "F79J24000990006",
        "budget_totale": Decimal("150000"),
        "contributo_minimo": Decimal("5000"),
        "contributo_massimo": Decimal("25000"),
        "cofinanziamento_percentuale": Decimal("10"),
        "giorni": (-90, -20),
    },
]


def _bando(spec, staff) -> Bando:
    existing = Bando.objects.filter(slug=spec["slug"]).first()
    if existing:
        return existing
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    start, end = spec["giorni"]
    fields = {k: v for k, v in spec.items() if k != "giorni"}
    bando = Bando.objects.create(
        **fields,
        apertura=now + timedelta(days=start),
        chiusura=(now + timedelta(days=end)).replace(hour=12),
        tipi_ente_ammessi=[],
        runts_obbligatorio=spec["linea"] == Bando.Linea.A,
    )
    for ordine, (codice, titolo, punti) in enumerate(CRITERI):
        CriterioValutazione.objects.create(
            bando=bando, codice=codice, titolo=titolo, punteggio_massimo=punti, ordine=ordine
        )
    AllegatoRichiesto.objects.create(bando=bando, nome="Statuto o atto costitutivo", ordine=1)
    AllegatoRichiesto.objects.create(bando=bando, nome="Curriculum del referente di progetto", ordine=2)
    AllegatoRichiesto.objects.create(
        bando=bando, nome="Preventivi", obbligatorio=False, immagini_ammesse=True, ordine=3
    )
    FaqBando.objects.create(
        bando=bando,
        domanda="Un'associazione non ancora iscritta al RUNTS può partecipare?",
        risposta="Dipende dal bando: la sezione «Chi può partecipare» indica se l'iscrizione è richiesta.",
    )
    services.tranche_plan_set(bando=bando, actor=staff, tranche=PIANO_PREDEFINITO)
    services.bando_publish(bando=bando, actor=staff, now=bando.apertura - timedelta(days=3))
    return Bando.objects.get(pk=bando.pk)


def _draft(bando, ente, user, titolo, *, now):
    c = services.candidatura_start(bando=bando, ente=ente, actor=user, now=now)
    dati = {
        "denominazione": ente.denominazione,
        "codice_fiscale": ente.codice_fiscale,
        "indirizzo": ente.indirizzo,
        "cap": ente.cap,
        "comune": ente.comune,
        "email": ente.email or "info@example.it",
    }
    services.candidatura_save_ente(candidatura=c, actor=user, dati=dati, now=now)
    services.candidatura_save_progetto(
        candidatura=c,
        actor=user,
        titolo=titolo,
        now=now,
        quartieri=[ente.quartiere] if ente.quartiere else [],
        progetto={
            "sintesi": "Un servizio di prossimità aperto tre pomeriggi a settimana.",
            "obiettivi": "Ridurre l'isolamento delle persone anziane e coinvolgere i giovani del quartiere.",
            "destinatari": "Anziani soli e famiglie del quartiere",
            "numero_destinatari": 120,
            "attivita": "Apertura dello spazio — gennaio 2027\nLaboratori intergenerazionali — febbraio-giugno 2027",
        },
        partner=[{"denominazione": "Cooperativa Sociale Il Ponte", "ruolo": "Gestione dei laboratori"}],
    )
    services.candidatura_save_budget(
        candidatura=c,
        actor=user,
        now=now,
        cofinanziamento=Decimal("2500"),
        voci=[
            {"categoria": "personale", "descrizione": "Educatore part-time (12 mesi)", "importo": Decimal("14000")},
            {"categoria": "beni", "descrizione": "Arredi e attrezzature", "importo": Decimal("4000")},
            {"categoria": "spese_generali", "descrizione": "Utenze e assicurazione", "importo": Decimal("2000")},
        ],
    )
    return c


def _complete_and_submit(c, user, *, now):
    services.candidatura_save_impatto(
        candidatura=c,
        actor=user,
        now=now,
        impatto={"impatto": "Più relazioni di vicinato.", "indicatori": "Persone coinvolte: 120\nVolontari: 15"},
    )
    for richiesto in c.bando.allegati_richiesti.filter(obbligatorio=True):
        services.allegato_upload(
            candidatura=c,
            actor=user,
            richiesto=richiesto,
            now=now,
            uploaded=SimpleUploadedFile("documento.pdf", demo_pdf("Documento della candidatura")),
        )
    return services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True, now=now)


def _documenti(bando) -> None:
    """The call's public annexes, stored through the upload component like any staff upload (checked PDFs)."""
    for ordine, titolo in enumerate(["Modulo di domanda", "Scheda di progetto"], start=1):
        if not bando.documenti.filter(titolo=titolo).exists():
            uploaded = SimpleUploadedFile(f"{slugify(titolo)}.pdf", demo_pdf(titolo))
            documento = DocumentoBando(bando=bando, titolo=titolo, ordine=ordine)
            file_store(instance=documento, field_name="file", uploaded=uploaded, stem=slugify(titolo))


@transaction.atomic
def seed() -> None:
    staff = User.objects.get(email="staff@costellazioni.example")
    referente = User.objects.get(email="referente@costellazioni.example")
    bandi = [_bando(spec, staff) for spec in BANDI]
    bissuola = Ente.objects.get(denominazione="Spazio Bissuola APS")
    gazzera = Ente.objects.get(denominazione="Orti di Gazzera APS")
    aperto, _linea_b, chiuso = bandi
    _documenti(aperto)
    if not aperto.candidature.exists():
        _draft(aperto, bissuola, referente, "Portineria di quartiere Bissuola", now=None)
    if not chiuso.candidature.exists():
        when = chiuso.termine - timedelta(days=2)
        c = _draft(chiuso, gazzera, referente, "Orti che curano", now=when)
        _complete_and_submit(c, referente, now=when)
        when = chiuso.termine - timedelta(days=1)
        c = _draft(chiuso, bissuola, referente, "Merende in piazza", now=when)
        _complete_and_submit(c, referente, now=when)
    # The staff side builds on these calls: a call in evaluation and a concluded one with its ranking,
    # then the awards, payments and reports of the funded projects.
    demo_selezione.seed()
    demo_erogazioni.seed()
