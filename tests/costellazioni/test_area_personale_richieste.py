"""Area personale: asking to represent an ente, existing or registered on the way (``views`` and ``services.enti``)."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from costellazioni.models import Ente, EventoAudit, Membership, Quartiere
from costellazioni.services import enti as enti_services
from tests.costellazioni.area_personale_support import field_error, new_codice_fiscale
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory, codice_fiscale_ente

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(first_name="Maria", last_name="Rossi")


@pytest.fixture
def logged(client, user):
    client.force_login(user)
    return client


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
        with pytest.raises(ValidationError, match="Il codice fiscale non è valido"):
            enti_services.ente_register_with_membership(
                user=user,
                ente_fields={"denominazione": "ODV Lido", "tipo": Ente.Tipo.ODV, "codice_fiscale": "1"},
                ruolo=Membership.Ruolo.REFERENTE,
            )
        assert not Membership.objects.filter(user=user).exists()
