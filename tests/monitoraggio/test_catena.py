"""Staff follow a need to whoever answered it, the indicators that count it and the reports that include it."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from monitoraggio.models import Report
from ricerca.models import Bisogno, RispostaBisogno
from tests.antenne.factories import AntennaFactory
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.monitoraggio.factories import ReportFactory
from tests.monitoraggio.test_indicators import at
from tests.ricerca.factories import categoria_bisogno

pytestmark = pytest.mark.django_db


def need(stato="risolto", risposte=1):
    bisogno = Bisogno.objects.create(
        categoria=categoria_bisogno("solitudine"), descrizione="Anziano solo in Via Piave", stato=stato
    )
    Bisogno.objects.filter(pk=bisogno.pk).update(creato_il=at(date(2026, 11, 12)))
    antenna = None
    for i in range(risposte):
        antenna = AntennaFactory()
        RispostaBisogno.objects.create(
            bisogno=bisogno,
            content_type=ContentType.objects.get_for_model(antenna),
            object_id=str(antenna.pk),
            descrizione=f"Visite settimanali dell'antenna {i}",
        )
    return bisogno, antenna


def test_the_chain_of_a_resolved_need(client):
    bisogno, antenna = need()
    ReportFactory(stato=Report.Stato.PRONTO)  # November 2026
    ReportFactory(stato=Report.Stato.PRONTO, periodo_inizio=date(2026, 10, 1), periodo_fine=date(2026, 10, 31))
    client.force_login(StaffFactory())
    html = client.get(f"/monitoraggio/staff/bisogni/{bisogno.pk}/").content.decode()
    assert "Visite settimanali dell&#x27;antenna 0" in html
    assert f'href="/admin/antenne/antenna/{antenna.pk}/change/"' in html
    for codice in ("CC-01 — Bisogni segnalati", "CC-20 — Bisogni presi in carico", "CC-02 — Bisogni risolti"):
        assert codice in html
    assert "/admin/ricerca/bisogno/?creato_il__date__gte=2026-11-01&amp;creato_il__date__lte=2026-11-30" in html
    assert html.count("/monitoraggio/report/") == 1  # the November report, not October's


def test_a_need_just_reported_counts_only_as_reported(client):
    bisogno, _antenna = need(stato="segnalato", risposte=0)
    client.force_login(StaffFactory())
    html = client.get(f"/monitoraggio/staff/bisogni/{bisogno.pk}/").content.decode()
    assert "CC-01 — Bisogni segnalati" in html
    assert "CC-20" not in html and "CC-02 —" not in html
    assert "Nessun servizio, antenna o progetto ha ancora risposto a questo bisogno." in html


@pytest.mark.parametrize("risposte", [1, 5])
def test_the_chain_page_has_a_fixed_number_of_queries(client, django_assert_num_queries, risposte):
    bisogno, _antenna = need(risposte=risposte)
    client.force_login(StaffFactory())
    client.get("/monitoraggio/staff/")  # the session and the user's roles are loaded the same way afterwards
    with django_assert_num_queries(6):  # session, permissions and unread messages from the cache
        assert client.get(f"/monitoraggio/staff/bisogni/{bisogno.pk}/").status_code == 200


def test_only_staff_see_the_chain(client):
    bisogno, _antenna = need()
    assert client.get(f"/monitoraggio/staff/bisogni/{bisogno.pk}/").status_code == 302
    client.force_login(UserFactory())
    assert client.get(f"/monitoraggio/staff/bisogni/{bisogno.pk}/").status_code == 403


def test_the_staff_dashboard_form_leads_to_a_chain_or_says_the_number_is_unknown(client):
    bisogno, _antenna = need()
    client.force_login(StaffFactory())
    assert 'action="/monitoraggio/staff/bisogni/"' in client.get("/monitoraggio/staff/").content.decode()
    response = client.get("/monitoraggio/staff/bisogni/", {"numero": f"#{bisogno.pk}"})
    assert response.status_code == 302 and response.url == f"/monitoraggio/staff/bisogni/{bisogno.pk}/"
    response = client.get("/monitoraggio/staff/bisogni/", {"numero": "abc"}, follow=True)
    assert "Nessun bisogno con il numero «abc»." in response.content.decode()


def test_the_need_admin_page_links_to_its_chain_for_staff_only(client):
    from django.contrib.auth.models import Permission

    bisogno, _antenna = need()
    link = f'<a href="/monitoraggio/staff/bisogni/{bisogno.pk}/">Catena del bisogno</a>'
    client.force_login(StaffFactory())
    assert link in client.get(f"/admin/ricerca/bisogno/{bisogno.pk}/change/").content.decode()

    other = UserFactory(is_staff=True)  # may see needs in the admin, but not the staff dashboard
    other.user_permissions.add(Permission.objects.get(codename="view_bisogno"))
    client.force_login(other)
    response = client.get(f"/admin/ricerca/bisogno/{bisogno.pk}/change/")
    assert response.status_code == 200
    assert "Catena del bisogno" not in response.content.decode()
