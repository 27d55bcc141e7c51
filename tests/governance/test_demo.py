import pytest

from governance.models import Azione, Organo, RapportoAppaltatore, Riunione, Sopralluogo, Verbale

pytestmark = pytest.mark.django_db


def test_demo_runs_the_four_bodies_and_a_second_run_changes_nothing():
    from costellazioni import demo as core_demo
    from governance import demo
    from hubs import demo as hubs_demo

    core_demo.seed()
    hubs_demo.seed()
    demo.seed()
    counts = [Organo.objects.count(), Riunione.objects.count(), Verbale.objects.count()]
    demo.seed()
    assert [Organo.objects.count(), Riunione.objects.count(), Verbale.objects.count()] == counts
    assert set(Organo.objects.values_list("tipo", flat=True)) == set(Organo.Tipo.values)
    assert Verbale.objects.filter(stato="approvato", approvato_in__isnull=False).exists()
    assert Riunione.objects.prossime().pubbliche().exists()
    assert Azione.objects.aperte().exists() and Azione.objects.scadute().exists()
    assert sorted(RapportoAppaltatore.objects.values_list("stato", flat=True)) == ["accettato", "modifiche_richieste"]
    assert Sopralluogo.objects.get().foto.count() == 1
