import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages
from django.urls import reverse

from costellazioni.models import Ente, EventoAudit, Membership, OperazioneInCoda
from costellazioni.services.notifications import EMAIL
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory

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


def posted(page) -> dict:
    """The change form of ``page`` as the browser posts it when nothing is touched, inlines included."""
    data = {}
    forms = [page.context["adminform"].form]
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update({f"{formset.prefix}-{key}": value for key, value in formset.management_form.initial.items()})
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value not in (None, False):
                data[form.add_prefix(name)] = value
    return data


def clerk_who_may_change(client, model):
    """Staff who may change ``model`` in the admin, but does not act for the Comune: the service refuses."""
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=[f"view_{model}", f"change_{model}"]))
    client.force_login(clerk)
    return client


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


class TestEnteForm:
    """Saving the form calls ``ente_correct`` (the role in the inline ``membership_correct``)."""

    def test_staff_edit_goes_through_the_services_and_is_logged_with_their_codes(self, staff_client):
        membership = MembershipFactory(ruolo=Membership.Ruolo.DELEGATO)
        ente = membership.ente
        url = reverse("admin:costellazioni_ente_change", args=[ente.pk])
        data = posted(staff_client.get(url))
        data.update(
            {"denominazione": "Laguna Solidale APS", "memberships-0-ruolo": Membership.Ruolo.LEGALE_RAPPRESENTANTE}
        )
        response = staff_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        ente.refresh_from_db()
        membership.refresh_from_db()
        assert (ente.denominazione, membership.ruolo) == ("Laguna Solidale APS", Membership.Ruolo.LEGALE_RAPPRESENTANTE)
        riga = EventoAudit.objects.for_object(ente).get()
        assert (riga.evento, riga.autore, riga.nota) == (
            "costellazioni.dati_dell_ente_corretti",
            staff_client.staff,
            "denominazione",
        )
        riga = EventoAudit.objects.for_object(membership).get()
        assert (riga.evento, riga.nota) == ("costellazioni.rappresentanza_modificata", "ruolo")

    def test_a_refusal_is_shown_next_to_the_form_without_a_success_message(self, staff_client):
        ente = EnteFactory(denominazione="Laguna Solidale")
        # A colleague who belongs to the ente: the Comune vouches for its data, so someone else corrects them.
        MembershipFactory(ente=ente, user=staff_client.staff)
        client = staff_client
        url = reverse("admin:costellazioni_ente_change", args=[ente.pk])
        data = posted(client.get(url))
        data["denominazione"] = "Laguna Solidale APS"
        response = client.post(url, data)
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert form.non_field_errors() == [
            "Non puoi correggere i dati di Laguna Solidale: ne fai parte. Deve farlo un collega."
        ]
        assert form["denominazione"].value() == "Laguna Solidale APS"
        assert list(get_messages(response.wsgi_request)) == []
        ente.refresh_from_db()
        assert ente.denominazione == "Laguna Solidale"
        assert not EventoAudit.objects.for_object(ente).exists()


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

    def test_staff_edit_goes_through_the_service_and_is_logged_with_its_code(self, staff_client):
        membership = MembershipFactory(motivazione="")
        url = reverse("admin:costellazioni_membership_change", args=[membership.pk])
        data = posted(staff_client.get(url))
        data["motivazione"] = "Delegata dal consiglio direttivo"
        response = staff_client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        membership.refresh_from_db()
        assert membership.motivazione == "Delegata dal consiglio direttivo"
        riga = EventoAudit.objects.for_object(membership).get()
        assert (riga.evento, riga.autore, riga.nota) == (
            "costellazioni.rappresentanza_modificata",
            staff_client.staff,
            "motivazione",
        )

    def test_a_refusal_is_shown_next_to_the_form_without_a_success_message(self, client):
        membership = MembershipFactory(motivazione="")
        client = clerk_who_may_change(client, "membership")
        url = reverse("admin:costellazioni_membership_change", args=[membership.pk])
        data = posted(client.get(url))
        data["motivazione"] = "Delegata dal consiglio direttivo"
        response = client.post(url, data)
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert form.non_field_errors() == ["Solo il personale del Comune corregge le richieste di rappresentanza."]
        assert list(get_messages(response.wsgi_request)) == []
        membership.refresh_from_db()
        assert membership.motivazione == ""
        assert not EventoAudit.objects.for_object(membership).exists()


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
