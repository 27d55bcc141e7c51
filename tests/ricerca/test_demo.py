import pytest

from ricerca.models import Bisogno, Compilazione, Stakeholder, TeoriaCambiamento, ValutazioneMaturita

pytestmark = pytest.mark.django_db


def test_demo_is_realistic_and_idempotent():
    from costellazioni import demo as core_demo
    from ricerca import demo

    core_demo.seed()
    demo.seed()
    conteggi = (
        Bisogno.objects.count(),
        Compilazione.objects.filter(inviata_il__isnull=False).count(),
        Stakeholder.objects.count(),
        ValutazioneMaturita.objects.count(),
    )
    demo.seed()
    assert conteggi == (
        Bisogno.objects.count(),
        Compilazione.objects.filter(inviata_il__isnull=False).count(),
        Stakeholder.objects.count(),
        ValutazioneMaturita.objects.count(),
    )
    assert conteggi[1] == 50
    assert Bisogno.objects.values("quartiere").distinct().count() >= 8
    assert TeoriaCambiamento.objects.corrente().versione == 1
