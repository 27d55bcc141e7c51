"""Area personale: dashboard, profile, the list of memberships, withdrawing a request."""

import re

import pytest
from django.urls import reverse

from costellazioni.models import EventoAudit, Membership
from tests.costellazioni.area_personale_support import field_error
from tests.costellazioni.factories import (
    EnteFactory,
    MembershipFactory,
    MessaggioFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def user():
    return UserFactory(first_name="Maria", last_name="Rossi")


@pytest.fixture
def logged(client, user):
    client.force_login(user)
    return client


# Session, user, unread messages (context processor), the page's own reads.
# 3 of the core (user, unread count, memberships; the session from the cache), one for every card's probes (hubs'
# bookings and appointments, the applications by state, board membership, the time bank and the front desk, the
# contractor's reports, whether the person is a community operator), then governance's next meetings and
# co-programming's two (expressions of interest, MOUs to sign). Without a represented ente co-programming asks
# nothing (2 fewer); with more memberships than the page lists, which enti the person represents is one more query.
DASHBOARD_QUERIES = 7
DASHBOARD_QUERIES_WITHOUT_ENTI = DASHBOARD_QUERIES - 2
ENTI_QUERIES = 5  # the session from the cache

CF_PERSONA = "RSSMRA85T10A562S"


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

    @pytest.mark.parametrize(
        ("count", "verified", "queries"),
        [
            (1, True, DASHBOARD_QUERIES),
            (5, True, DASHBOARD_QUERIES),
            (20, True, DASHBOARD_QUERIES + 1),
            (1, False, DASHBOARD_QUERIES_WITHOUT_ENTI),
            (20, False, DASHBOARD_QUERIES_WITHOUT_ENTI + 1),
        ],
    )
    def test_query_count_is_fixed(self, logged, user, count, verified, queries, django_assert_num_queries):
        MembershipFactory.create_batch(count, user=user, verified=verified, ente__verified=verified)
        with django_assert_num_queries(queries):
            response = logged.get(reverse("area_personale"))
        assert response.status_code == 200

    @pytest.mark.parametrize("count", [1, 20])
    def test_the_cards_count_only_the_applications_of_enti_represented_now(self, logged, user, count):
        """However many memberships, and whether the page lists them all or not: a verified membership of a
        verified ente counts, a request, a revoked membership or an ente not yet verified does not."""
        from tests.contributi.factories import SubmittedCandidaturaFactory

        memberships = MembershipFactory.create_batch(count, user=user, verified=True, ente__verified=True)
        SubmittedCandidaturaFactory(ente=memberships[0].ente)
        SubmittedCandidaturaFactory(ente=MembershipFactory(user=user, ente__verified=True).ente)  # only asked
        SubmittedCandidaturaFactory(ente=MembershipFactory(user=user, verified=True).ente)  # ente not verified
        revoked = MembershipFactory(user=user, verified=True, ente__verified=True, stato=Membership.Stato.REVOCATA)
        SubmittedCandidaturaFactory(ente=revoked.ente)
        html = logged.get(reverse("area_personale")).content.decode()
        assert "Bozze: <strong>0</strong> · presentate: <strong>1</strong>." in html


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
