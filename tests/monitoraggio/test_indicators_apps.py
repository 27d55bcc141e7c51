"""Co-programming's and governance's automatic indicators on fixtures with known answers (November 2026)."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from coprogrammazione.models import CondivisioneRisorsa, Impegno
from costellazioni import indicators
from governance.models import Azione, Decisione, Partecipazione
from tests.coprogrammazione.factories import ImpegnoFactory, ParteFactory, ProtocolloFactory, RisorsaFactory
from tests.costellazioni.factories import EnteFactory, UserFactory
from tests.governance.factories import OrganoFactory, PuntoFactory, RiunioneFactory
from tests.monitoraggio.factories import NOV

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")


def at(day: date, hour=18) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=ROME)


def compute(code):
    return indicators.compute_indicator(code, *NOV)


def total(rows):
    return next(value for value, breakdown in rows if breakdown == {})


def breakdown(rows, key):
    return {b[key]: value for value, b in rows if list(b) == [key]}


def protocollo(stato, *firme, data_inizio=date(2026, 10, 1)):
    """An MOU in ``stato`` whose two parties signed on the dates ``firme`` (None: not signed)."""
    mou = ProtocolloFactory(
        stato=stato, versione=1, impronta="a" * 64, data_inizio=data_inizio, data_fine=date(2028, 9, 30)
    )
    for i, firmato_il in enumerate(firme):
        signed = {"firmato_il": firmato_il, "firma_sha256": "b" * 64, "firma_versione": 1} if firmato_il else {}
        ParteFactory(protocollo=mou, ente=None if i == 0 else EnteFactory(verified=True), **signed)
    return mou


def test_mous_signed_count_the_last_signature_in_the_period_and_active_ones_are_a_stock():
    protocollo("attivo", date(2026, 10, 28), date(2026, 11, 3))  # completed in November
    protocollo("firmato", date(2026, 11, 10), date(2026, 11, 20))
    protocollo("in_scadenza", date(2025, 11, 2), date(2025, 11, 5), data_inizio=date(2025, 11, 10))
    protocollo("in_firma", date(2026, 11, 10), None)  # one signature missing
    protocollo("attivo", date(2026, 12, 1), date(2026, 12, 2), data_inizio=date(2026, 12, 5))  # after November

    assert compute("coprogrammazione.protocolli_firmati") == [(2, {})]
    # active or about to expire, started by 30 November
    assert compute("coprogrammazione.protocolli_attivi") == [(2, {})]


def test_commitments_met_and_overdue_at_the_end_of_the_period():
    mou = protocollo("attivo", date(2026, 10, 1), date(2026, 10, 2))
    parte = mou.parti.first()
    for stato, scadenza in [
        (Impegno.Stato.ADEMPIUTO, date(2026, 11, 15)),
        (Impegno.Stato.ADEMPIUTO, date(2026, 10, 1)),
        (Impegno.Stato.ADEMPIUTO, date(2027, 3, 1)),  # met early, not yet due: not counted
        (Impegno.Stato.IN_CORSO, date(2026, 11, 20)),  # overdue
        (Impegno.Stato.DA_AVVIARE, date(2026, 9, 30)),  # overdue
        (Impegno.Stato.INADEMPIUTO, date(2026, 11, 1)),  # overdue and declared not met
        (Impegno.Stato.IN_CORSO, date(2026, 12, 31)),  # not yet due
    ]:
        ImpegnoFactory(parte=parte, stato=stato, scadenza=scadenza)
    draft = ProtocolloFactory()  # a draft's commitments bind nobody yet
    ImpegnoFactory(parte=ParteFactory(protocollo=draft), stato=Impegno.Stato.IN_CORSO, scadenza=date(2026, 11, 2))

    assert compute("coprogrammazione.impegni_adempiuti") == [(2, {})]
    scaduti = compute("coprogrammazione.impegni_scaduti")
    assert total(scaduti) == 3
    assert breakdown(scaduti, "stato") == {"in_corso": 1, "da_avviare": 1, "inadempiuto": 1}


def test_resources_shared_in_the_period_by_kind():
    spazio, competenze = RisorsaFactory(tipo="spazi"), RisorsaFactory(tipo="competenze")
    beneficiario = EnteFactory(verified=True)
    for risorsa, data in [(spazio, date(2026, 11, 4)), (spazio, date(2026, 11, 30)), (competenze, date(2026, 11, 1))]:
        CondivisioneRisorsa.objects.create(risorsa=risorsa, beneficiario=beneficiario, data=data, quantita=2)
    CondivisioneRisorsa.objects.create(risorsa=spazio, beneficiario=beneficiario, data=date(2026, 10, 31), quantita=1)

    condivise = compute("coprogrammazione.risorse_condivise")
    assert total(condivise) == 3
    assert breakdown(condivise, "tipo") == {"spazi": 2, "competenze": 1}


def test_meetings_held_average_attendance_decisions_and_actions_closed():
    assemblea, comitato = OrganoFactory(), OrganoFactory(comitato=True)
    held = [
        RiunioneFactory(organo=assemblea, stato="verbale_approvato", inizio=at(date(2026, 11, 5))),
        RiunioneFactory(organo=comitato, stato="svolta", inizio=at(date(2026, 11, 30), hour=21)),
    ]
    RiunioneFactory(organo=assemblea, stato="annullata", inizio=at(date(2026, 11, 12)))
    RiunioneFactory(organo=assemblea, stato="convocata", inizio=at(date(2026, 11, 26)))
    october = RiunioneFactory(organo=assemblea, stato="svolta", inizio=at(date(2026, 10, 31), hour=23))
    for riunione, n in [(held[0], 12), (held[1], 5), (october, 40)]:
        for _i in range(n):
            Partecipazione.objects.create(riunione=riunione, user=UserFactory(), presenza="presente")
    Partecipazione.objects.create(riunione=held[1], user=UserFactory(), presenza="assente")

    riunioni = compute("governance.riunioni_svolte")
    assert total(riunioni) == 2
    assert breakdown(riunioni, "organo") == {"assemblea": 1, "comitato": 1}
    assert compute("governance.partecipazione_media") == [(Decimal("8.5"), {})]  # (12 + 5) / 2

    punto = PuntoFactory(riunione=held[0])
    for tipo, esito in [("orientamento", "approvata"), ("operativa", "consenso"), ("operativa", "respinta")]:
        favorevoli, contrari = (9, 2) if esito == "approvata" else (2, 9)
        voti = {} if esito == "consenso" else {"voti_favorevoli": favorevoli, "voti_contrari": contrari}
        Decisione.objects.create(punto=punto, tipo=tipo, esito=esito, testo="Aprire lo sportello il sabato", **voti)
    Decisione.objects.create(punto=PuntoFactory(riunione=october), testo="Fuori periodo")
    decisioni = compute("governance.decisioni_prese")
    assert total(decisioni) == 2
    assert breakdown(decisioni, "tipo") == {"orientamento": 1, "operativa": 1}

    decisione = Decisione.objects.get(esito="consenso", punto=punto)
    responsabile = UserFactory()
    for stato, chiusa_il in [
        ("completata", at(date(2026, 11, 20))),
        ("completata", at(date(2026, 12, 1), hour=0)),
        ("annullata", at(date(2026, 11, 21))),
        ("in_corso", None),
    ]:
        Azione.objects.create(
            decisione=decisione,
            descrizione="Preparare il volantino",
            responsabile=responsabile,
            scadenza=date(2026, 12, 15),
            stato=stato,
            chiusa_il=chiusa_il,
        )
    assert compute("governance.azioni_chiuse") == [(1, {})]


def test_average_attendance_without_meetings_is_zero():
    assert compute("governance.partecipazione_media") == [(Decimal("0.0"), {})]
