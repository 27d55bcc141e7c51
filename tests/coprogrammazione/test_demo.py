import pytest

from coprogrammazione.models import ContributoRiunione, Percorso, ProtocolloIntesa
from governance.models import Riunione

pytestmark = pytest.mark.django_db


def test_demo_has_a_process_at_the_tables_with_meetings_and_two_mous():
    from coprogrammazione import demo
    from costellazioni import demo as core_demo
    from governance import demo as governance_demo
    from hubs import demo as hubs_demo

    core_demo.seed()
    hubs_demo.seed()
    governance_demo.seed()
    demo.seed()
    demo.seed()  # twice in a row changes nothing

    percorso = Percorso.objects.get(fase=Percorso.Fase.TAVOLI)
    assert percorso.manifestazioni.ammesse().count() == 3
    assert percorso.risorse.count() == 4
    riunioni = Riunione.objects.of_context(percorso)
    assert riunioni.filter(stato__in=[Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO]).count() == 2
    assert all(r.verbali.exists() for r in riunioni.exclude(stato=Riunione.Stato.CONVOCATA))
    assert ContributoRiunione.objects.count() == 4
    assert Percorso.objects.get(fase=Percorso.Fase.MANIFESTAZIONI).finestra_aperta()
    assert sorted(ProtocolloIntesa.objects.values_list("stato", flat=True)) == ["attivo", "in_firma"]
    firmato = ProtocolloIntesa.objects.get(stato="attivo")
    assert firmato.impegni.count() == 3 and not firmato.parti.filter(firmato_il__isnull=True).exists()


def test_staff_comunale_may_manage_co_programming_but_not_delete():
    from django.contrib.auth.models import Group

    from costellazioni import roles

    codenames = set(Group.objects.get(name=roles.STAFF_COMUNALE).permissions.values_list("codename", flat=True))
    assert {"change_protocollointesa", "view_impegno", "add_percorso", "change_contributoriunione"} <= codenames
    assert "delete_protocollointesa" not in codenames


def test_demo_lines_serve_the_demo_theory_of_change():
    from coprogrammazione import demo
    from coprogrammazione.models import LineaStrategica
    from costellazioni import demo as core_demo
    from governance import demo as governance_demo
    from hubs import demo as hubs_demo
    from ricerca import demo as ricerca_demo
    from ricerca.models import TeoriaCambiamento

    core_demo.seed()
    hubs_demo.seed()
    governance_demo.seed()
    ricerca_demo.seed()
    demo.seed()
    demo.seed()

    teoria = TeoriaCambiamento.objects.corrente()
    for titolo, elementi in demo.LINEE_TOC.items():
        linea = LineaStrategica.objects.get(titolo=titolo)
        assert sorted(linea.elementi_toc.values_list("titolo", flat=True)) == sorted(elementi)
        assert set(linea.elementi_toc.values_list("teoria", flat=True)) == {teoria.pk}
