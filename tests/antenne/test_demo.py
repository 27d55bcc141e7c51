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
