"""Assurance level: stored on the session at sign-in, required to submit a grant application."""

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from contributi.models import Candidatura
from costellazioni.identita import livelli
from costellazioni.permissions import has_identity_level, require_identity_level
from tests.contributi.factories import complete_draft, open_bando, referente
from tests.costellazioni.factories import DEFAULT_PASSWORD
from tests.identita.test_login import MARCO, sign_in

pytestmark = pytest.mark.django_db

SPID_L1 = "https://www.spid.gov.it/SpidL1"
SPID_L3 = "https://www.spid.gov.it/SpidL3"


def request_with(level=None, provider="spid"):
    request = RequestFactory().post("/bandi/x/candidatura/1/invio/")
    request.session = SessionStore()
    if level is not None:
        livelli.remember(request, provider_id=provider, level=level)
    return request


class TestLevelFromClaims:
    @pytest.mark.parametrize(
        ("provider", "acr", "level"),
        [
            ("spid", SPID_L1, 1),
            ("spid", "https://www.spid.gov.it/SpidL2", 2),
            ("spid", SPID_L3, 3),
            ("spid", "http://eidas.europa.eu/LoA/substantial", 2),
            ("spid", "urn:unknown", 0),
            ("cie", "", livelli.CIE_LEVEL),
        ],
    )
    def test_acr_to_level(self, provider, acr, level):
        assert livelli.level_from_claims(provider, {"acr": acr}) == level


class TestHasIdentityLevel:
    def test_not_required_when_spid_and_cie_are_not_configured(self, settings):
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
        assert has_identity_level(request_with(None))

    def test_not_required_when_the_setting_is_zero(self, oidc_op, settings):
        settings.SPID_LEVEL_REQUIRED_FOR_SUBMISSION = 0
        assert has_identity_level(request_with(None))

    @pytest.mark.parametrize(("level", "provider"), [(2, "spid"), (3, "spid"), (livelli.CIE_LEVEL, "cie")])
    def test_spid_l2_or_more_and_cie_are_enough(self, oidc_op, level, provider):
        assert has_identity_level(request_with(level, provider))

    @pytest.mark.parametrize("level", [None, 1])
    def test_password_or_spid_l1_are_not(self, oidc_op, level):
        decision = has_identity_level(request_with(level))
        assert not decision
        assert decision.reason == (
            "Per questa operazione serve l'accesso con SPID di livello 2 o superiore, oppure con CIE."
        )

    def test_a_level_can_be_asked_explicitly(self, oidc_op):
        assert not has_identity_level(request_with(2), level=3)

    def test_require_raises_with_a_link_to_sign_in_again(self, oidc_op):
        with pytest.raises(ValidationError, match="SPID di livello 2") as raised:
            require_identity_level(request_with(1))
        assert raised.value.code == "identity_level"
        assert (
            'href="/accounts/identita/livello/?next=%2Fbandi%2Fx%2Fcandidatura%2F1%2Finvio%2F"'
            in (raised.value.messages[0])
        )


class TestSessionLevel:
    def test_password_sign_in_clears_a_level_left_on_the_session(self, client, oidc_op):
        user, _ente = referente()
        session = client.session
        session[livelli.SESSION_KEY] = {"provider": "spid", "livello": 3}
        session.save()

        response = client.post(reverse("account_login"), {"login": user.email, "password": DEFAULT_PASSWORD})

        assert response.url == reverse("area_personale")
        assert client.session["_auth_user_id"] == str(user.pk)
        assert livelli.SESSION_KEY not in client.session


class TestSubmission:
    def step_invio(self, candidatura):
        return reverse(
            "contributi:passo", kwargs={"slug": candidatura.bando.slug, "pk": candidatura.pk, "passo": "invio"}
        )

    def test_password_session_cannot_submit_and_is_told_how(self, client, oidc_op):
        user, ente = referente()
        candidatura = complete_draft(bando=open_bando(), user=user, ente=ente)
        client.force_login(user)

        response = client.post(self.step_invio(candidatura), {"veridicita": "on", "privacy": "on"})

        html = response.content.decode()
        assert "Per questa operazione serve l&#x27;accesso con SPID di livello 2 o superiore, oppure con CIE." in html
        assert f'<a href="/accounts/identita/livello/?next={self.step_invio(candidatura).replace("/", "%2F")}">' in html
        candidatura.refresh_from_db()
        assert candidatura.stato == Candidatura.Stato.BOZZA

    def test_spid_l1_is_refused_then_l2_submits(self, client, oidc_op):
        user, ente = referente()
        candidatura = complete_draft(bando=open_bando(), user=user, ente=ente)
        client.force_login(user)
        oidc_op.sign_in_as(codice_fiscale=MARCO, acr=SPID_L1)
        sign_in(client, process="connect")
        client.post(self.step_invio(candidatura), {"veridicita": "on", "privacy": "on"})
        candidatura.refresh_from_db()
        assert candidatura.stato == Candidatura.Stato.BOZZA

        page = client.get(reverse("identita_livello") + "?next=" + self.step_invio(candidatura))
        assert "Ora sei entrato con SPID di livello 1." in page.content.decode()
        assert "acr_values%3Dhttps%253A%252F%252Fwww.spid.gov.it%252FSpidL2" in page.content.decode()
        oidc_op.sign_in_as(codice_fiscale=MARCO, acr="https://www.spid.gov.it/SpidL2")
        back = sign_in(client, next_url=self.step_invio(candidatura))
        assert back.url == self.step_invio(candidatura)
        client.post(self.step_invio(candidatura), {"veridicita": "on", "privacy": "on"})

        candidatura.refresh_from_db()
        assert candidatura.stato == Candidatura.Stato.PRESENTATA

    def test_a_password_account_links_spid_from_the_refusal_and_submits(self, client, oidc_op):
        user, ente = referente()
        candidatura = complete_draft(bando=open_bando(), user=user, ente=ente)
        client.force_login(user)
        client.post(self.step_invio(candidatura), {"veridicita": "on", "privacy": "on"})

        page = client.get(reverse("identita_livello") + "?next=" + self.step_invio(candidatura))
        assert '<input type="hidden" name="process" value="connect">' in page.content.decode()
        oidc_op.sign_in_as(codice_fiscale=MARCO)
        back = sign_in(client, process="connect", next_url=self.step_invio(candidatura))
        assert back.url == self.step_invio(candidatura)
        client.post(self.step_invio(candidatura), {"veridicita": "on", "privacy": "on"})

        candidatura.refresh_from_db()
        assert candidatura.stato == Candidatura.Stato.PRESENTATA
        user.refresh_from_db()
        assert user.codice_fiscale == MARCO

    def test_without_spid_configured_nothing_changes(self, client, settings):
        settings.SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": []}}
        user, ente = referente()
        candidatura = complete_draft(bando=open_bando(), user=user, ente=ente)
        client.force_login(user)

        client.post(self.step_invio(candidatura), {"veridicita": "on", "privacy": "on"})

        candidatura.refresh_from_db()
        assert candidatura.stato == Candidatura.Stato.PRESENTATA


class TestMouSignature:
    def test_a_password_session_cannot_sign_an_mou_and_is_told_how(self, client, oidc_op):
        from coprogrammazione import services as coprogrammazione_services
        from tests.coprogrammazione.factories import protocollo_with_parties, referente_of, signed_copy
        from tests.costellazioni.factories import StaffFactory

        protocollo, parti = protocollo_with_parties()
        protocollo = coprogrammazione_services.protocollo_send_for_signature(
            protocollo=protocollo, actor=StaffFactory()
        )
        client.force_login(referente_of(parti[0].ente))
        url = reverse("coprogrammazione:firma", args=[protocollo.pk, parti[0].pk])

        response = client.post(url, {"file": signed_copy(protocollo)})

        assert response.status_code == 400
        assert "serve l&#x27;accesso con SPID di livello 2" in response.content.decode()
        parti[0].refresh_from_db()
        assert not parti[0].has_signed
