import pytest
from django.urls import reverse

from costellazioni.models import Ente, EventoAudit, Membership, OperazioneInCoda
from costellazioni.services.notifications import EMAIL
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    staff = StaffFactory()
    client.force_login(staff)
    client.staff = staff
    return client


def _action(client, model, action, pks, nota=""):
    url = reverse(f"admin:costellazioni_{model}_changelist")
    return client.post(url, {"action": action, "_selected_action": pks, "nota": nota}, follow=True)


class TestEnteAdmin:
    def test_the_site_header_is_italian(self, staff_client):
        assert "Costellazioni civiche — Amministrazione" in staff_client.get(reverse("admin:index")).content.decode()

    def test_verify_action_records_who_and_when(self, staff_client):
        ente = EnteFactory()
        _action(staff_client, "ente", "verify", [ente.pk])
        ente.refresh_from_db()
        assert ente.stato_verifica == Ente.StatoVerifica.VERIFICATO
        assert ente.verificato_da == staff_client.staff

    def test_reject_without_a_note_is_refused_and_nothing_changes(self, staff_client):
        ente = EnteFactory()
        response = _action(staff_client, "ente", "reject", [ente.pk])
        assert "motivazione" in response.content.decode()
        ente.refresh_from_db()
        assert ente.stato_verifica == Ente.StatoVerifica.DA_VERIFICARE

    def test_reject_with_a_note(self, staff_client):
        ente = EnteFactory()
        _action(staff_client, "ente", "reject", [ente.pk], nota="Statuto mancante")
        assert EventoAudit.objects.for_object(ente).get().nota == "Statuto mancante"

    @pytest.mark.parametrize("rows", [1, 50])
    def test_changelist_query_count_is_fixed(self, staff_client, django_assert_num_queries, rows):
        for _ in range(rows):
            MembershipFactory(verified=True, ente=EnteFactory())
        with django_assert_num_queries(8):  # the session from the cache
            assert staff_client.get(reverse("admin:costellazioni_ente_changelist")).status_code == 200

    def test_change_form_shows_the_timeline(self, staff_client):
        ente = EnteFactory()
        _action(staff_client, "ente", "reject", [ente.pk], nota="Manca lo statuto aggiornato")
        page = staff_client.get(reverse("admin:costellazioni_ente_change", args=[ente.pk])).content.decode()
        assert "Cronologia" in page and "Manca lo statuto aggiornato" in page

    def test_search_by_codice_fiscale(self, staff_client):
        ente = EnteFactory()
        EnteFactory()
        response = staff_client.get(reverse("admin:costellazioni_ente_changelist"), {"q": ente.codice_fiscale})
        assert response.context["cl"].result_count == 1


class TestMembershipAdmin:
    def test_verify_action(self, staff_client):
        membership = MembershipFactory()
        _action(staff_client, "membership", "verify", [membership.pk])
        membership.refresh_from_db()
        assert membership.stato == Membership.Stato.VERIFICATA
        assert membership.verificata_da == staff_client.staff

    @pytest.mark.parametrize("rows", [1, 50])
    def test_changelist_query_count_is_fixed(self, staff_client, django_assert_num_queries, rows):
        for _ in range(rows):
            MembershipFactory()
        with django_assert_num_queries(7):  # the session from the cache
            assert staff_client.get(reverse("admin:costellazioni_membership_changelist")).status_code == 200

    def test_staff_cannot_add_memberships_directly(self, staff_client):
        assert staff_client.get(reverse("admin:costellazioni_membership_add")).status_code == 403


class TestOperazioneInCodaAdmin:
    def test_a_row_is_shown_with_nothing_to_save_and_failed_rows_are_sent_again(self, staff_client):
        failed = OperazioneInCoda.objects.create(tipo=EMAIL, stato=OperazioneInCoda.Stato.FALLITA, tentativi=5)
        url = reverse("admin:costellazioni_operazioneincoda_change", args=[failed.pk])
        page = staff_client.get(url)
        assert page.status_code == 200
        assert 'name="_save"' not in page.content.decode()
        assert staff_client.post(url, {"tipo": "altro"}).status_code == 403
        _action(staff_client, "operazioneincoda", "invia_di_nuovo", [failed.pk])
        failed.refresh_from_db()
        assert (failed.tipo, failed.stato, failed.tentativi) == (EMAIL, OperazioneInCoda.Stato.IN_ATTESA, 0)
