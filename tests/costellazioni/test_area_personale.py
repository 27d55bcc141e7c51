"""Area personale: dashboard, profile, memberships, requests to represent an ente."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from stdnum import luhn

from costellazioni.models import Ente, EventoAudit, Membership, Quartiere
from costellazioni.services import enti as enti_services
from tests.costellazioni.factories import (
    EnteFactory,
    MembershipFactory,
    MessaggioFactory,
    UserFactory,
    codice_fiscale_ente,
)

pytestmark = pytest.mark.django_db

# Session, user, unread messages (context processor), the page's own reads.
# 4 of the core (session, user, unread count, memberships), then two from hubs (bookings, appointments), contributi
# (applications, and board membership for the evaluators' card), antenne, three from governance (next meetings, the
# contractor's reports, the operators' contact log) and two from coprogrammazione (expressions of interest, MOUs to
# sign).
DASHBOARD_QUERIES = 13  # the session from the cache
ENTI_QUERIES = 5  # the session from the cache

CF_PERSONA = "RSSMRA85T10A562S"


def new_codice_fiscale() -> str:
    """A valid 11-digit codice fiscale that no factory sequence reaches (digits 8-10: a province office)."""
    body = "8765432" + "099"
    return body + luhn.calc_check_digit(body)


@pytest.fixture
def user():
    return UserFactory(first_name="Maria", last_name="Rossi")


@pytest.fixture
def logged(client, user):
    client.force_login(user)
    return client


def field_error(html: str, field: str) -> str:
    """The text of the error block tied to ``field`` by aria-describedby."""
    assert re.search(rf'id="id_{field}"[^>]*aria-describedby="[^"]*id_{field}_error', html) or re.search(
        rf'aria-describedby="[^"]*id_{field}_error[^"]*"[^>]*id="id_{field}"', html
    ), f"{field} is not described by its error"
    match = re.search(rf'<div id="id_{field}_error" class="invalid-feedback">(.*?)</div>', html, re.S)
    assert match, f"no error block for {field}"
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


class TestLoginRequired:
    @pytest.mark.parametrize(
        "url_name", ["area_personale", "area_personale_profilo", "area_personale_enti", "area_personale_richiesta"]
    )
    def test_anonymous_redirected_to_login(self, client, url_name):
        url = reverse(url_name)
        response = client.get(url)
        assert response.status_code == 302
        assert response.url == f"{reverse('account_login')}?next={url}"

    def test_anonymous_cannot_withdraw(self, client):
        membership = MembershipFactory()
        response = client.post(reverse("area_personale_ritira", args=[membership.pk]))
        assert response.status_code == 302
        assert reverse("account_login") in response.url
        membership.refresh_from_db()
        assert membership.stato == Membership.Stato.RICHIESTA


class TestDashboard:
    def test_welcome_enti_and_unread_messages(self, logged, user):
        MembershipFactory(user=user, ente__denominazione="Associazione Remiera Cannaregio")
        MembershipFactory(ente__denominazione="Ente di qualcun altro")
        MessaggioFactory.create_batch(3, destinatario=user)

        html = logged.get(reverse("area_personale")).content.decode()

        assert "Ti diamo il benvenuto, Maria." in html
        assert "Associazione Remiera Cannaregio" in html
        assert "Richiesta" in html
        assert "Ente di qualcun altro" not in html
        assert "Hai <strong>3</strong> messaggi da leggere." in html
        assert 'href="/area-personale/messaggi/"' in html
        assert 'href="/area-personale/enti/richiesta/"' in html

    def test_without_enti(self, logged):
        html = logged.get(reverse("area_personale")).content.decode()
        assert "Non rappresenti ancora nessun ente." in html
        assert "Non hai messaggi da leggere." in html

    @pytest.mark.parametrize("count", [1, 20])
    def test_query_count_is_fixed(self, logged, user, count, django_assert_num_queries):
        MembershipFactory.create_batch(count, user=user)
        with django_assert_num_queries(DASHBOARD_QUERIES):
            response = logged.get(reverse("area_personale"))
        assert response.status_code == 200


class TestProfilo:
    def test_shows_current_values(self, logged, user):
        html = logged.get(reverse("area_personale_profilo")).content.decode()
        assert 'value="Maria"' in html
        assert user.email in html
        assert re.search(r'<label\s+for="id_codice_fiscale"', html)

    def test_update(self, logged, user):
        response = logged.post(
            reverse("area_personale_profilo"),
            {
                "first_name": "Maria",
                "last_name": "Rossi",
                "codice_fiscale": "rssmra85t10a562s",
                "telefono": "+39 041 000 0000",
                "email_digest": "daily",
            },
            follow=True,
        )
        user.refresh_from_db()
        assert user.codice_fiscale == CF_PERSONA
        assert user.telefono == "+39 041 000 0000"
        assert user.email_digest == "daily"
        assert "Il profilo è stato aggiornato." in response.content.decode()

    def test_invalid_codice_fiscale_next_to_the_field_and_input_kept(self, logged, user):
        response = logged.post(
            reverse("area_personale_profilo"),
            {
                "first_name": "Marianna",
                "last_name": "Rossi",
                "codice_fiscale": "RSSMRA85T10A562X",
                "email_digest": "immediate",
            },
        )
        html = response.content.decode()
        assert response.status_code == 200
        assert "Il codice fiscale non è valido" in field_error(html, "codice_fiscale")
        assert 'value="Marianna"' in html
        assert 'value="RSSMRA85T10A562X"' in html
        user.refresh_from_db()
        assert user.first_name == "Maria"

    def test_codice_fiscale_of_another_account(self, logged):
        UserFactory(codice_fiscale=CF_PERSONA)
        response = logged.post(
            reverse("area_personale_profilo"),
            {"first_name": "Maria", "last_name": "Rossi", "codice_fiscale": CF_PERSONA, "email_digest": "never"},
        )
        assert field_error(response.content.decode(), "codice_fiscale") == (
            "Questo codice fiscale è già associato a un altro account."
        )

    def test_own_codice_fiscale_can_be_saved_again(self, logged, user):
        user.codice_fiscale = CF_PERSONA
        user.save()
        response = logged.post(
            reverse("area_personale_profilo"),
            {"first_name": "Maria", "last_name": "Rossi", "codice_fiscale": CF_PERSONA, "email_digest": "never"},
        )
        assert response.status_code == 302

    def test_names_are_required(self, logged):
        response = logged.post(reverse("area_personale_profilo"), {"email_digest": "never"})
        assert field_error(response.content.decode(), "first_name")


class TestEnti:
    def test_lists_only_own_memberships_and_represented_enti(self, logged, user):
        ente = EnteFactory(verified=True, denominazione="Cooperativa Barene")
        MembershipFactory(user=user, ente=ente, verified=True, ruolo=Membership.Ruolo.LEGALE_RAPPRESENTANTE)
        MembershipFactory(user=user, ente__denominazione="APS Ponte dei Pugni")
        MembershipFactory(ente__denominazione="Ente di qualcun altro")

        html = logged.get(reverse("area_personale_enti")).content.decode()

        assert "Cooperativa Barene" in html
        assert "Legale rappresentante" in html
        assert "Verificato" in html
        assert "APS Ponte dei Pugni" in html
        assert "Ente di qualcun altro" not in html
        assert html.count("Ritira la richiesta") == 1

    @pytest.mark.parametrize("count", [1, 20])
    def test_query_count_is_fixed(self, logged, user, count, django_assert_num_queries):
        for _ in range(count):
            MembershipFactory(user=user, verified=True)
        with django_assert_num_queries(ENTI_QUERIES):
            response = logged.get(reverse("area_personale_enti"))
        assert response.status_code == 200


class TestRitira:
    def test_withdraw_own_pending_request(self, logged, user):
        membership = MembershipFactory(user=user)

        response = logged.post(reverse("area_personale_ritira", args=[membership.pk]), follow=True)

        membership.refresh_from_db()
        assert membership.stato == Membership.Stato.REVOCATA
        assert "è stata ritirata" in response.content.decode()
        evento = EventoAudit.objects.for_object(membership).filter(stato_a=Membership.Stato.REVOCATA).get()
        assert evento.autore == user

    def test_someone_elses_request_is_not_found(self, logged):
        membership = MembershipFactory()
        response = logged.post(reverse("area_personale_ritira", args=[membership.pk]))
        assert response.status_code == 404
        membership.refresh_from_db()
        assert membership.stato == Membership.Stato.RICHIESTA

    def test_get_is_not_allowed(self, logged, user):
        membership = MembershipFactory(user=user)
        assert logged.get(reverse("area_personale_ritira", args=[membership.pk])).status_code == 405

    def test_already_withdrawn_shows_an_error(self, logged, user):
        membership = MembershipFactory(user=user, stato=Membership.Stato.REVOCATA)
        response = logged.post(reverse("area_personale_ritira", args=[membership.pk]), follow=True)
        assert "Questo passaggio di stato non è previsto." in response.content.decode()


class TestRichiestaEnteEsistente:
    def test_lookup_then_request(self, logged, user):
        ente = EnteFactory(denominazione="Associazione Sestiere Castello")
        url = reverse("area_personale_richiesta")

        step2 = logged.post(url, {"passo": "cerca", "codice_fiscale": ente.codice_fiscale})
        html = step2.content.decode()
        assert "Associazione Sestiere Castello" in html
        assert 'name="ruolo"' in html
        assert 'name="denominazione"' not in html

        response = logged.post(
            url,
            {
                "passo": "rappresenta",
                "codice_fiscale": ente.codice_fiscale,
                "ruolo": Membership.Ruolo.DELEGATO,
                "motivazione": "Delega del consiglio direttivo del 3 marzo.",
            },
            follow=True,
        )

        membership = Membership.objects.get(user=user, ente=ente)
        assert membership.stato == Membership.Stato.RICHIESTA
        assert membership.ruolo == Membership.Ruolo.DELEGATO
        assert response.redirect_chain[-1][0] == reverse("area_personale_enti")
        assert "Richiesta inviata" in response.content.decode()

    def test_duplicate_active_request_next_to_the_codice_fiscale(self, logged, user):
        membership = MembershipFactory(user=user)

        response = logged.post(
            reverse("area_personale_richiesta"), {"passo": "cerca", "codice_fiscale": membership.ente.codice_fiscale}
        )

        assert field_error(response.content.decode(), "codice_fiscale") == (
            "Hai già una richiesta in corso o una rappresentanza attiva per questo ente."
        )

    def test_duplicate_posted_directly_is_refused(self, logged, user):
        membership = MembershipFactory(user=user)

        response = logged.post(
            reverse("area_personale_richiesta"),
            {"passo": "rappresenta", "codice_fiscale": membership.ente.codice_fiscale, "ruolo": "referente"},
        )

        assert "Hai già una richiesta in corso" in response.content.decode()
        assert Membership.objects.filter(user=user).count() == 1

    def test_after_withdrawal_a_new_request_is_possible(self, logged, user):
        membership = MembershipFactory(user=user, stato=Membership.Stato.REVOCATA)
        response = logged.post(
            reverse("area_personale_richiesta"), {"passo": "cerca", "codice_fiscale": membership.ente.codice_fiscale}
        )
        assert 'name="ruolo"' in response.content.decode()

    def test_invalid_codice_fiscale(self, logged):
        response = logged.post(reverse("area_personale_richiesta"), {"passo": "cerca", "codice_fiscale": "12345678901"})
        html = response.content.decode()
        assert "Il codice fiscale non è valido" in field_error(html, "codice_fiscale")
        assert 'value="12345678901"' in html

    def test_first_step_shows_the_form(self, logged):
        html = logged.get(reverse("area_personale_richiesta")).content.decode()
        assert re.search(r'<label\s+for="id_codice_fiscale"', html)
        assert "Passo 1 di 2" in html


def registration_data(**overrides):
    quartiere = Quartiere.objects.get(nome="Cannaregio")
    data = {
        "passo": "registra",
        "denominazione": "Associazione Fondamenta Nove",
        "tipo": Ente.Tipo.APS,
        "codice_fiscale": new_codice_fiscale(),
        "partita_iva": "",
        "runts_numero": "123456",
        "runts_sezione": Ente.SezioneRunts.APS,
        "indirizzo": "Cannaregio 5000",
        "cap": "30121",
        "quartiere": str(quartiere.pk),
        "email": "info@fondamentanove.example.it",
        "pec": "",
        "telefono": "041 123 4567",
        "sito_web": "https://fondamentanove.example.it",
        "ruolo": Membership.Ruolo.LEGALE_RAPPRESENTANTE,
        "motivazione": "Presidente eletta nell'assemblea del 2024.",
    }
    data.update(overrides)
    return data


class TestRichiestaNuovoEnte:
    def test_unknown_codice_fiscale_opens_the_registration_with_it(self, logged):
        codice_fiscale = new_codice_fiscale()
        response = logged.post(
            reverse("area_personale_richiesta"), {"passo": "cerca", "codice_fiscale": codice_fiscale}
        )
        html = response.content.decode()
        assert 'name="denominazione"' in html
        assert f'value="{codice_fiscale}"' in html
        assert '<optgroup label="Venezia-Murano-Burano">' in html

    def test_register_ente_and_request(self, logged, user):
        response = logged.post(reverse("area_personale_richiesta"), registration_data(), follow=True)

        ente = Ente.objects.get(codice_fiscale=new_codice_fiscale())
        assert ente.stato_verifica == Ente.StatoVerifica.DA_VERIFICARE
        assert ente.quartiere.nome == "Cannaregio"
        assert (ente.runts_numero, ente.runts_sezione) == ("123456", "b")
        membership = Membership.objects.get(user=user, ente=ente)
        assert membership.stato == Membership.Stato.RICHIESTA
        assert membership.ruolo == Membership.Ruolo.LEGALE_RAPPRESENTANTE
        assert response.redirect_chain[-1][0] == reverse("area_personale_enti")
        html = response.content.decode()
        assert "Associazione Fondamenta Nove" in html
        assert "Richiesta" in html

    def test_invalid_partita_iva_next_to_the_field_and_input_kept(self, logged):
        response = logged.post(reverse("area_personale_richiesta"), registration_data(partita_iva="12345678901"))

        html = response.content.decode()
        assert "La partita IVA non è valida" in field_error(html, "partita_iva")
        assert 'value="Associazione Fondamenta Nove"' in html
        assert "Presidente eletta nell&#x27;assemblea del 2024." in html
        assert not Ente.objects.filter(codice_fiscale=new_codice_fiscale()).exists()

    def test_invalid_codice_fiscale_next_to_the_field(self, logged):
        response = logged.post(reverse("area_personale_richiesta"), registration_data(codice_fiscale="80000000000"))
        assert "Il codice fiscale non è valido" in field_error(response.content.decode(), "codice_fiscale")

    def test_codice_fiscale_of_a_registered_ente(self, logged):
        ente = EnteFactory()
        response = logged.post(
            reverse("area_personale_richiesta"), registration_data(codice_fiscale=ente.codice_fiscale)
        )
        assert field_error(response.content.decode(), "codice_fiscale") == (
            "Un ente con questo codice fiscale è già registrato."
        )

    def test_runts_number_needs_its_section(self, logged):
        response = logged.post(reverse("area_personale_richiesta"), registration_data(runts_sezione=""))
        assert field_error(response.content.decode(), "runts_sezione") == (
            "Indica la sezione RUNTS insieme al numero di repertorio."
        )

    def test_runts_ignored_for_kinds_outside_the_third_sector(self, logged):
        logged.post(
            reverse("area_personale_richiesta"),
            registration_data(tipo=Ente.Tipo.GRUPPO_INFORMALE, runts_sezione=""),
        )
        ente = Ente.objects.get(codice_fiscale=new_codice_fiscale())
        assert (ente.runts_numero, ente.runts_sezione) == ("", "")

    def test_required_fields(self, logged):
        response = logged.post(reverse("area_personale_richiesta"), registration_data(denominazione="", tipo=""))
        html = response.content.decode()
        assert field_error(html, "denominazione")
        assert field_error(html, "tipo")

    def test_ente_is_not_kept_when_the_request_fails(self, logged, monkeypatch):
        def refuse(**kwargs):
            raise ValidationError("Richiesta non accettata.")

        monkeypatch.setattr(enti_services, "membership_request", refuse)

        response = logged.post(reverse("area_personale_richiesta"), registration_data())

        assert "Richiesta non accettata." in response.content.decode()
        assert not Ente.objects.filter(codice_fiscale=new_codice_fiscale()).exists()


class TestEnteRegisterWithMembership:
    def test_creates_both_with_audit(self, user):
        membership = enti_services.ente_register_with_membership(
            user=user,
            ente_fields={
                "denominazione": "ODV Lido",
                "tipo": Ente.Tipo.ODV,
                "codice_fiscale": codice_fiscale_ente(4242),
            },
            ruolo=Membership.Ruolo.REFERENTE,
        )
        assert membership.ente.denominazione == "ODV Lido"
        assert EventoAudit.objects.for_object(membership.ente).get().autore == user
        assert EventoAudit.objects.for_object(membership).get().autore == user

    def test_invalid_ente_creates_nothing(self, user):
        with pytest.raises(ValidationError):
            enti_services.ente_register_with_membership(
                user=user,
                ente_fields={"denominazione": "ODV Lido", "tipo": Ente.Tipo.ODV, "codice_fiscale": "1"},
                ruolo=Membership.Ruolo.REFERENTE,
            )
        assert not Membership.objects.filter(user=user).exists()
