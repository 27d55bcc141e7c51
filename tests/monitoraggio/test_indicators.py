"""Each app's automatic indicators on fixtures with known answers, and the core registry."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from antenne import services as antenne_services
from antenne.models import Antenna
from contributi.models import Candidatura, Concessione, Pagamento, PersoneRaggiunte, Rendiconto
from costellazioni import indicators
from costellazioni.models import Quartiere
from hubs.models import Appuntamento, Connessione, Prenotazione
from monitoraggio.periods import month_of
from ricerca.models import Bisogno
from tests.antenne.factories import AntennaFactory, AttivitaFactory, SocioFactory
from tests.contributi.factories_erogazioni import ConcessioneFactory
from tests.costellazioni.factories import EnteFactory, StaffFactory
from tests.hubs.factories import AppuntamentoFactory, HubFactory, PrenotazioneFactory, ServizioFactory, SpazioFactory
from tests.monitoraggio.factories import NOV
from tests.ricerca.factories import categoria_bisogno

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")


def at(day: date, hour=10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ROME)


def compute(code):
    return indicators.compute_indicator(code, *NOV)


def total(rows):
    return next(value for value, breakdown in rows if breakdown == {})


def breakdown(rows, key):
    return {b[key]: value for value, b in rows if list(b) == [key]}


@pytest.fixture
def quartieri():
    return list(Quartiere.objects.order_by("pk")[:2])


def test_every_app_registers_its_indicators():
    codes = {definition.code for definition in indicators.registered_indicators()}
    assert {
        "hubs.prenotazioni_confermate",
        "hubs.servizi_erogati",
        "hubs.connessioni",
        "antenne.attive",
        "antenne.per_stato",
        "antenne.attivita",
        "antenne.persone_raggiunte",
        "antenne.ore_banca_del_tempo",
        "contributi.candidature_presentate",
        "contributi.progetti_finanziati",
        "contributi.euro_concessi",
        "contributi.euro_erogati",
        "contributi.persone_raggiunte",
        "ricerca.bisogni_segnalati",
        "ricerca.bisogni_presi_in_carico",
        "ricerca.bisogni_risolti",
        "coprogrammazione.protocolli_firmati",
        "coprogrammazione.protocolli_attivi",
        "coprogrammazione.impegni_adempiuti",
        "coprogrammazione.impegni_scaduti",
        "coprogrammazione.risorse_condivise",
        "governance.riunioni_svolte",
        "governance.partecipazione_media",
        "governance.decisioni_prese",
        "governance.azioni_chiuse",
    } <= codes


def test_registering_another_function_under_a_taken_code_is_refused():
    with pytest.raises(ValueError, match="already registered"):
        indicators.register_indicator("antenne.attive", lambda start, end: [])


def test_field_activities_and_people_reached_by_quartiere_gender_and_age(quartieri):
    a, b = quartieri
    AttivitaFactory(
        quartiere=a,
        svolta_il=at(date(2026, 11, 3)),
        persone_raggiunte=12,
        persone_donne=7,
        persone_uomini=5,
        persone_anziane=4,
    )
    AttivitaFactory(quartiere=a, svolta_il=at(date(2026, 11, 30), 23), persone_raggiunte=8, persone_donne=3)
    AttivitaFactory(quartiere=b, svolta_il=at(date(2026, 11, 15)), persone_raggiunte=20)
    AttivitaFactory(quartiere=b, svolta_il=at(date(2026, 12, 1), 0), persone_raggiunte=99)  # next month
    AttivitaFactory(quartiere=b, svolta_il=at(date(2026, 10, 31), 23), persone_raggiunte=99)  # previous month

    attivita = compute("antenne.attivita")
    assert total(attivita) == 3
    assert breakdown(attivita, "quartiere") == {a.slug: 2, b.slug: 1}
    persone = compute("antenne.persone_raggiunte")
    assert total(persone) == 40
    assert breakdown(persone, "quartiere") == {a.slug: 20, b.slug: 20}
    assert breakdown(persone, "genere") == {"donne": 10, "uomini": 5}
    assert breakdown(persone, "fascia_eta") == {"anziani": 4}


def test_active_antennas_and_antennas_by_state(quartieri):
    a, b = quartieri
    AntennaFactory(quartiere=a, stato=Antenna.Stato.ATTIVA)
    AntennaFactory(quartiere=a, stato=Antenna.Stato.IN_RETE)
    AntennaFactory(quartiere=b, stato=Antenna.Stato.ATTIVA)
    AntennaFactory(quartiere=b, stato=Antenna.Stato.SOSPESA)
    AntennaFactory(quartiere=b, stato=Antenna.Stato.INDIVIDUATA)

    attive = compute("antenne.attive")
    assert total(attive) == 3
    assert breakdown(attive, "quartiere") == {a.slug: 2, b.slug: 1}
    per_stato = compute("antenne.per_stato")
    assert total(per_stato) == 5
    assert breakdown(per_stato, "stato") == {"attiva": 2, "in_rete": 1, "sospesa": 1, "individuata": 1}


def test_time_bank_hours_count_the_credit_side_of_confirmed_exchanges_only():
    anna, bruno = SocioFactory(), SocioFactory()
    for ore in (Decimal("2.5"), Decimal("1.25")):
        scambio = antenne_services.scambio_propose(
            proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=ore, descrizione="Spesa"
        )
        antenne_services.scambio_confirm(scambio=scambio, socio=bruno)
    antenne_services.scambio_propose(
        proposto_da=anna, erogatore=bruno, beneficiario=anna, ore=Decimal("4"), descrizione="Not yet"
    )
    this_month = month_of(timezone.localdate())
    assert indicators.compute_indicator("antenne.ore_banca_del_tempo", *this_month) == [(Decimal("3.75"), {})]
    last_month = month_of(this_month[0] - timedelta(days=1))
    assert indicators.compute_indicator("antenne.ore_banca_del_tempo", *last_month) == [(0, {})]


def test_hub_bookings_services_and_connections(quartieri):
    hub = HubFactory(quartiere=quartieri[0])
    spazio = SpazioFactory(hub=hub)
    servizio = ServizioFactory(hub=hub)
    PrenotazioneFactory(spazio=spazio, inizio=at(date(2026, 11, 4)), confermata=True)
    PrenotazioneFactory(spazio=spazio, inizio=at(date(2026, 11, 5)), confermata=True)
    PrenotazioneFactory(spazio=spazio, inizio=at(date(2026, 11, 6)), stato=Prenotazione.Stato.RIFIUTATA)
    AppuntamentoFactory(
        servizio=servizio,
        stato=Appuntamento.Stato.SVOLTO,
        inizio=at(date(2026, 11, 9)),
        fine=at(date(2026, 11, 9), 11),
        esito="Bozza del progetto rivista",
    )
    AppuntamentoFactory(
        servizio=servizio,
        stato=Appuntamento.Stato.FISSATO,
        inizio=at(date(2026, 11, 9)),
        fine=at(date(2026, 11, 9), 11),
    )
    ente_a, ente_b = EnteFactory(), EnteFactory()
    for day, esito in [(2, Connessione.Esito.COLLABORAZIONE_AVVIATA), (20, Connessione.Esito.IN_CORSO)]:
        Connessione.objects.create(
            hub=hub, ente_a=ente_a, ente_b=ente_b, scopo="Doposcuola", data=date(2026, 11, day), esito=esito
        )
    Connessione.objects.create(hub=hub, ente_a=ente_a, ente_b=ente_b, scopo="Orti", data=date(2026, 10, 2))

    prenotazioni = compute("hubs.prenotazioni_confermate")
    assert total(prenotazioni) == 2
    assert breakdown(prenotazioni, "quartiere") == {quartieri[0].slug: 2}
    assert total(compute("hubs.servizi_erogati")) == 1
    connessioni = compute("hubs.connessioni")
    assert total(connessioni) == 2
    assert breakdown(connessioni, "esito") == {"avviata": 1, "in_corso": 1}


def test_needs_reported_taken_in_charge_and_resolved(quartieri):
    a, b = quartieri
    for quartiere, stato in [(a, "segnalato"), (a, "risolto"), (b, "preso_in_carico"), (b, "non_risolvibile")]:
        bisogno = Bisogno.objects.create(
            categoria=categoria_bisogno("solitudine"), descrizione="Anziana sola", quartiere=quartiere, stato=stato
        )
        Bisogno.objects.filter(pk=bisogno.pk).update(creato_il=at(date(2026, 11, 12)))
    old = Bisogno.objects.create(
        categoria=categoria_bisogno("casa"), descrizione="Umidità", quartiere=a, stato="risolto"
    )
    Bisogno.objects.filter(pk=old.pk).update(creato_il=at(date(2026, 9, 1)))
    later = Bisogno.objects.create(
        categoria=categoria_bisogno("casa"), descrizione="Muffa", quartiere=a, stato="risolto"
    )
    Bisogno.objects.filter(pk=later.pk).update(creato_il=at(date(2026, 12, 1)))

    segnalati = compute("ricerca.bisogni_segnalati")
    assert total(segnalati) == 4
    assert breakdown(segnalati, "quartiere") == {a.slug: 2, b.slug: 2}
    presi = compute("ricerca.bisogni_presi_in_carico")
    assert total(presi) == 4  # every need reported up to 30 November that has left "segnalato"
    assert breakdown(presi, "quartiere") == {a.slug: 2, b.slug: 2}
    assert breakdown(presi, "stato") == {"risolto": 2, "preso_in_carico": 1, "non_risolvibile": 1}
    risolti = compute("ricerca.bisogni_risolti")
    assert total(risolti) == 2  # "non risolvibile" is closed but not resolved; December's need is not counted
    assert breakdown(risolti, "quartiere") == {a.slug: 2}


def test_grants_applications_awards_euros_and_people(quartieri):
    submitted = []
    for day in (3, 17):
        concessione = ConcessioneFactory(importo=Decimal("12000.00"), published=True)
        candidatura = concessione.candidatura
        Candidatura.objects.filter(pk=candidatura.pk).update(presentata_il=at(date(2026, 11, day)))
        Concessione.objects.filter(pk=concessione.pk).update(creata_il=at(date(2026, 11, day)))
        submitted.append(concessione)
    staff = StaffFactory()
    revoked = ConcessioneFactory(importo=Decimal("5000.00"))
    Concessione.objects.filter(pk=revoked.pk).update(
        creata_il=at(date(2026, 11, 20)), revocata_il=at(date(2026, 11, 25))
    )
    tranche = submitted[0].candidatura.bando.tranche.create(
        ordine=1, nome="Anticipo", percentuale=40, condizione="avvio"
    )
    Pagamento.objects.create(
        concessione=submitted[0],
        tranche=tranche,
        data=date(2026, 11, 28),
        importo=Decimal("4800.00"),
        numero_mandato="M-1",
        registrato_da=staff,
    )
    Pagamento.objects.create(
        concessione=submitted[0],
        tranche=tranche,
        data=date(2026, 12, 1),
        importo=Decimal("7200.00"),
        numero_mandato="M-2",
        registrato_da=staff,
    )
    rendiconto = Rendiconto.objects.create(
        concessione=submitted[0],
        tipo="finale",
        stato=Rendiconto.Stato.APPROVATO,
        presentato_il=at(date(2026, 11, 20)),
        esaminato_il=at(date(2026, 11, 29)),
    )
    for categoria, numero in [("anziani", 25), ("minori", 10), ("famiglie", 40), ("disabilita", 3)]:
        PersoneRaggiunte.objects.create(rendiconto=rendiconto, categoria=categoria, numero=numero)
    draft = Rendiconto.objects.create(concessione=submitted[1], tipo="finale", stato=Rendiconto.Stato.BOZZA)
    PersoneRaggiunte.objects.create(rendiconto=draft, categoria="adulti", numero=500)

    assert total(compute("contributi.candidature_presentate")) == 2
    assert total(compute("contributi.progetti_finanziati")) == 2
    assert total(compute("contributi.euro_concessi")) == Decimal("24000.00")
    assert compute("contributi.euro_erogati") == [(Decimal("4800.00"), {})]
    persone = compute("contributi.persone_raggiunte")
    assert total(persone) == 35  # age bands only; families and disability are breakdowns
    assert breakdown(persone, "categoria") == {"anziani": 25, "minori": 10, "famiglie": 40, "disabilita": 3}
