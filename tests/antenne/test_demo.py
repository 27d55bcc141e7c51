import pytest
from django.db.models import Sum

from antenne.models import Antenna, Attivita, MovimentoBancaDelTempo, OperatoreDiComunita, Scambio

pytestmark = pytest.mark.django_db


def test_demo_has_every_kind_of_antenna_a_month_of_log_and_a_balanced_bank():
    from antenne import demo
    from costellazioni import demo as core_demo

    core_demo.seed()
    demo.seed()
    assert set(Antenna.objects.values_list("tipo", flat=True)) == set(Antenna.Tipo.values)
    assert OperatoreDiComunita.objects.count() == 2
    assert Attivita.objects.count() >= 40
    assert Scambio.objects.filter(stato=Scambio.Stato.CONFERMATO).count() == 3
    assert MovimentoBancaDelTempo.objects.aggregate(t=Sum("ore"))["t"] == 0


def test_demo_antennas_get_their_nearest_hub_and_a_request_waits_for_the_coordinator():
    from antenne import demo
    from antenne.models import SocioBancaDelTempo
    from costellazioni import demo as core_demo
    from hubs import demo as hubs_demo

    core_demo.seed()
    hubs_demo.seed()
    demo.seed()
    demo.seed()  # twice in a row changes nothing
    assert not Antenna.objects.filter(hub__isnull=True).exists()
    assert SocioBancaDelTempo.objects.da_verificare().count() == 1
    assert Scambio.objects.filter(stato=Scambio.Stato.CONFERMATO).count() == 3


def test_demo_has_an_agreed_exchange_and_a_portierato_request_with_contact():
    from antenne import demo
    from antenne.models import RichiestaPortierato
    from costellazioni import demo as core_demo

    core_demo.seed()
    demo.seed()
    demo.seed()  # idempotent
    concordato = Scambio.objects.get(stato=Scambio.Stato.CONCORDATO)
    assert concordato.beneficiario.user.email == "cittadina@costellazioni.example"
    da_accettare = Scambio.objects.get(descrizione="Attivare lo SPID sul telefono")
    assert da_accettare.da_concordare and da_accettare.erogatore.user.email == "cittadina@costellazioni.example"
    richiesta = RichiestaPortierato.objects.get(telefono="041 000 0000")
    assert richiesta.richiedente.email == "cittadina@costellazioni.example"
