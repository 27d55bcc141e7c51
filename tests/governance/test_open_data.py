"""The register of decisions as open data: the public register's decisions, votes as counts, nobody's contacts."""

import datetime

import pytest
from django.utils import timezone

from governance.models import Decisione, MembroOrgano, Verbale
from governance.services import azioni, verbali
from tests.costellazioni.open_data_checks import PERSONA, assert_nothing_personal, persona, read_csv, read_json
from tests.costellazioni.test_exports_formula import EVIL, assert_csv_safe
from tests.governance.factories import OrganoFactory, PuntoFactory, RiunioneFactory, at

pytestmark = pytest.mark.django_db

CSV = "/governance/decisioni/dati/decisioni.csv"
JSON = "/governance/decisioni/dati/decisioni.json"


@pytest.fixture
def approvata(svolta, successiva, staff):
    """An orientation with an action item given to a person, from minutes approved at the next meeting."""
    punto = svolta.punti.get(ordine=1)
    verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={})
    decisione = verbali.decisione_record(
        punto=punto, actor=staff, tipo="orientamento", testo="Priorità agli anziani soli nelle isole"
    )
    azioni.azione_create(
        decisione=decisione,
        actor=staff,
        descrizione="Mappare i servizi di prossimità",
        scadenza=timezone.localdate() + datetime.timedelta(days=60),
        responsabile=persona(),
    )
    verbali.verbale_approve(verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff)
    return decisione


def test_only_decisions_of_approved_public_minutes(client, approvata, successiva, staff):
    PuntoFactory(riunione=successiva, ordine=1)
    verbali.decisione_record(punto=successiva.punti.get(), actor=staff, testo="Decisione in bozza")
    riservata = RiunioneFactory(organo=OrganoFactory(privato=True), inizio=at(-3))
    PuntoFactory(riunione=riservata, ordine=1)
    rows = read_csv(client.get(CSV))
    assert [row["testo"] for row in rows] == ["Priorità agli anziani soli nelle isole"]
    row = rows[0]
    riunione = approvata.punto.riunione
    assert (row["organo"], row["riunione"], row["punto"]) == (
        riunione.organo.nome,
        riunione.titolo,
        "Priorità per il 2027",
    )
    assert row["data_riunione"] == timezone.localdate(riunione.inizio).isoformat()
    assert (row["tipo"], row["esito"], row["numero_azioni"]) == ("orientamento", "consenso", "1")
    assert row["voti_favorevoli"] == "" and row["verbale_approvato_il"] == timezone.localdate().isoformat()
    assert row["url"] == f"http://testserver/governance/riunioni/{riunione.pk}/"
    results = read_json(client.get(JSON))
    assert results[0]["id"] == approvata.pk and results[0]["voti_favorevoli"] is None


def test_nothing_personal_not_the_members_nor_who_follows_the_action(client, approvata):
    membri = [m.user for m in MembroOrgano.objects.select_related("user")]
    assert membri
    extra = [u.email for u in membri] + [u.last_name for u in membri if len(u.last_name) > 3]
    assert_nothing_personal(client.get(CSV), client.get(JSON), extra=extra)
    assert PERSONA["email"] not in client.get(JSON).content.decode()


@pytest.mark.parametrize("n", [1, 6])
def test_query_count_does_not_grow_with_the_decisions(client, approvata, staff, django_assert_num_queries, n):
    for i in range(n):
        verbali.decisione_record(punto=approvata.punto, actor=staff, testo=f"Decisione {i}")
    for url in (CSV, JSON):
        with django_assert_num_queries(1):  # decisions with body, meeting, approval date and action count
            assert len(client.get(url).content) > 0


def test_listed_at_dati_aperti_with_the_approval_as_last_update(client, approvata):
    def day(d):
        return timezone.make_aware(datetime.datetime(2026, 10, d, 18))

    Decisione.objects.filter(pk=approvata.pk).update(creata_il=day(1))
    Verbale.objects.filter(riunione=approvata.punto.riunione).update(approvato_il=day(5))
    html = client.get("/dati-aperti/").content.decode()
    section = html.split('id="dataset-governance-decisioni"')[1].split("</section>")[0]
    assert "Registro delle decisioni" in section
    assert f'href="{CSV}"' in section and f'href="{JSON}"' in section
    assert "<code>numero_azioni</code>" in section and "5 ottobre 2026" in section


def test_csv_cells_are_formula_safe(client, svolta, successiva, staff):
    verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={})
    verbali.decisione_record(punto=svolta.punti.get(ordine=1), actor=staff, testo=EVIL)
    verbali.verbale_approve(verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff)
    assert_csv_safe(client.get(CSV))
