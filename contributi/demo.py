"""Demo calls and applications (idempotent: a second run changes nothing)."""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
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
    services.tranche_plan_set(bando=bando, actor=staff, tranche=PIANO_PREDEFINITO)
    services.bando_publish(bando=bando, actor=staff, now=bando.apertura - timedelta(days=3))
    return Bando.objects.get(pk=bando.pk)


RESPONSABILE = "Dott.ssa Elena Zanin, dirigente del Settore Coesione sociale e welfare di comunità"
DETERMINE = {
    "idee-in-comune-2026": "Determinazione dirigenziale n. 2461 del 3 novembre 2026",
    "nuove-imprese-sociali-2026": "Determinazione dirigenziale n. 2618 del 13 novembre 2026",
    "quartieri-in-rete-2025": "Determinazione dirigenziale n. 1502 del 27 luglio 2026",
}
FAQ_SEGNAPOSTO = "Dipende dal bando: la sezione «Chi può partecipare» indica se l'iscrizione è richiesta."


def _faq(bando) -> list[tuple[str, str]]:
    """The questions referenti actually ask the office, answered for this call."""
    # A worked example of the budget rule: a project costing twice the minimum contribution.
    costo = bando.contributo_minimo * 2
    quota = costo * bando.cofinanziamento_percentuale / 100
    totale, cofin, richiesto, minimo, massimo = (
        f"{v:,.0f}".replace(",", ".")
        for v in (costo, quota, costo - quota, bando.contributo_minimo, bando.contributo_massimo)
    )
    perc = f"{bando.cofinanziamento_percentuale:.0f}"
    if bando.runts_obbligatorio:
        runts = (
            "No. Per questo bando l'iscrizione al Registro unico nazionale del Terzo settore (RUNTS) è un requisito "
            "di ammissione e deve risultare alla data in cui si presenta la candidatura: il numero di iscrizione va "
            "indicato nei dati dell'ente. Chi ha la domanda di iscrizione in corso può chiedere un appuntamento allo "
            "sportello progetti per preparare la candidatura al prossimo bando."
        )
    else:
        runts = (
            "Sì. Questo bando non richiede l'iscrizione al RUNTS: possono partecipare anche le imprese sociali e le "
            "cooperative di comunità appena costituite, purché l'ente sia registrato e verificato sul portale prima "
            "della scadenza."
        )
    return [
        ("Un'associazione non ancora iscritta al RUNTS può partecipare?", runts),
        (
            "Come si calcola il cofinanziamento?",
            f"Il cofinanziamento è la parte del costo totale del progetto pagata dall'ente e deve essere almeno il "
            f"{perc}% del costo totale. Per esempio, per un progetto che costa {totale} euro servono almeno "
            f"{cofin} euro di cofinanziamento; il contributo richiesto è la differenza, {richiesto} euro, e deve "
            f"stare tra {minimo} e {massimo} euro. Il passo «Budget» della candidatura fa il conto mentre scrivi.",
        ),
        (
            "Si possono coinvolgere altri enti come partner?",
            "Sì: nel passo «Progetto» indichi ogni partner con il suo ruolo. Il partenariato è valutato con il "
            "criterio A.3 (fino a 20 punti). Il contributo è concesso ed erogato solo all'ente che presenta la "
            "candidatura, che ne risponde anche per le attività dei partner.",
        ),
        (
            "Si può modificare una candidatura già presentata?",
            "No: con l'invio la candidatura riceve il numero di protocollo e non si modifica più. Finché il bando è "
            "aperto puoi ritirarla dall'area personale e presentarne una nuova; dopo la scadenza il Comune può "
            "chiederti solo integrazioni (soccorso istruttorio).",
        ),
        (
            "Quando si conosce l'esito?",
            "Entro 30 giorni dalla scadenza l'ufficio verifica l'ammissibilità; poi la commissione valuta i progetti "
            "ammessi secondo i criteri pubblicati. La graduatoria è pubblicata su questa pagina; ogni passaggio "
            "della tua candidatura ti è comunicato nell'area personale e per e-mail.",
        ),
    ]


def _avviso(bando) -> None:
    """The call as an official notice: responsible officer, office contacts, text and determina, FAQ."""
    office = settings.PROGRAMME_OFFICE
    if not bando.responsabile_procedimento:
        Bando.objects.filter(pk=bando.pk).update(
            responsabile_procedimento=RESPONSABILE,
            determina_estremi=DETERMINE.get(bando.slug, "Determinazione dirigenziale di approvazione del bando"),
            ufficio=office["name"],
            ufficio_indirizzo=office["address"],
            ufficio_email=office["email"],
            ufficio_pec="coesionesociale@pec.comune.venezia.it",
            ufficio_telefono=office["phone"],
            ufficio_orari="Martedì e giovedì 9:30-12:30; negli altri giorni su appuntamento",
        )
        bando.refresh_from_db()
    if not bando.documento:
        uploaded = SimpleUploadedFile(f"{bando.slug}.pdf", demo_pdf(f"Testo del bando {bando.titolo}"))
        file_store(instance=bando, field_name="documento", uploaded=uploaded, stem=bando.slug)
    if not bando.determina:
        uploaded = SimpleUploadedFile("determina.pdf", demo_pdf(bando.determina_estremi))
        file_store(instance=bando, field_name="determina", uploaded=uploaded, stem=f"{bando.slug}-determina")
    bando.faq.filter(risposta=FAQ_SEGNAPOSTO).delete()
    for ordine, (domanda, risposta) in enumerate(_faq(bando), start=1):
        FaqBando.objects.get_or_create(bando=bando, domanda=domanda, defaults={"risposta": risposta, "ordine": ordine})


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
    for bando in Bando.objects.public():
        _avviso(bando)
