import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from costellazioni.models import Ente, Membership, Municipalita, Quartiere, User
from costellazioni.territorio import MUNICIPALITA
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestUser:
    def test_email_is_the_login(self):
        user = User.objects.create_user("Laura.Rossi@Example.IT", "Sestiere-2026")
        assert user.email == "laura.rossi@example.it"
        assert user.check_password("Sestiere-2026")
        assert User.USERNAME_FIELD == "email"

    def test_codice_fiscale_is_optional_but_unique_when_present(self):
        UserFactory(codice_fiscale="")
        UserFactory(codice_fiscale="")
        UserFactory(codice_fiscale="RSSMRA85T10A562S")
        with pytest.raises(IntegrityError, match="user_codice_fiscale_unique_when_present"), transaction.atomic():
            UserFactory(codice_fiscale="RSSMRA85T10A562S")

    def test_invalid_codice_fiscale_fails_validation(self):
        user = UserFactory.build(codice_fiscale="RSSMRA85T10A562T")
        with pytest.raises(ValidationError) as error:
            user.full_clean(exclude=["password"])
        assert "codice_fiscale" in error.value.message_dict

    def test_emails_are_unique_whatever_the_case(self):
        UserFactory(email="marta@example.it")
        with pytest.raises(IntegrityError, match="user_email_unique_ci"), transaction.atomic():
            User.objects.create(email="MARTA@example.it")


class TestEnte:
    def test_codice_fiscale_is_validated_and_normalised(self):
        ente = EnteFactory.build(codice_fiscale=" 0033937027 2 ", quartiere=None)
        ente.full_clean()
        assert ente.codice_fiscale == "00339370272"

    def test_runts_number_requires_a_section(self):
        with pytest.raises(IntegrityError, match="ente_runts_numero_requires_sezione"), transaction.atomic():
            EnteFactory(runts_numero="12345", runts_sezione="")

    def test_verified_without_who_and_when_is_refused_by_the_database(self):
        with pytest.raises(IntegrityError, match="ente_verified_records_who_and_when"), transaction.atomic():
            EnteFactory(stato_verifica=Ente.StatoVerifica.VERIFICATO)

    def test_ets_kinds(self):
        assert EnteFactory.build(tipo=Ente.Tipo.ODV).is_ets
        assert not EnteFactory.build(tipo=Ente.Tipo.IMPRESA).is_ets

    def test_represented_by_only_counts_verified_memberships(self):
        verified = MembershipFactory(verified=True)
        MembershipFactory(user=verified.user)
        assert list(Ente.objects.represented_by(verified.user)) == [verified.ente]


class TestMembership:
    def test_one_active_membership_per_person_and_ente(self):
        membership = MembershipFactory()
        with pytest.raises(IntegrityError, match="membership_one_active_per_user_and_ente"), transaction.atomic():
            MembershipFactory(user=membership.user, ente=membership.ente)

    def test_a_new_request_is_allowed_after_a_refusal(self):
        refused = MembershipFactory(stato=Membership.Stato.RESPINTA)
        MembershipFactory(user=refused.user, ente=refused.ente)
        assert Membership.objects.filter(user=refused.user).count() == 2


class TestTerritorio:
    def test_all_six_municipalita_are_loaded(self):
        assert list(Municipalita.objects.values_list("nome", flat=True)) == [
            "Venezia-Murano-Burano",
            "Lido-Pellestrina",
            "Favaro Veneto",
            "Mestre-Carpenedo",
            "Chirignago-Zelarino",
            "Marghera",
        ]

    def test_localities_are_loaded_with_coordinates_in_venice(self):
        expected = sum(len(quartieri) for *_, quartieri in MUNICIPALITA)
        assert Quartiere.objects.count() == expected
        assert Quartiere.objects.get(slug="burano").municipalita.nome == "Venezia-Murano-Burano"
        assert Quartiere.objects.get(slug="bissuola").municipalita.nome == "Mestre-Carpenedo"

    def test_coordinates_outside_venice_are_refused(self):
        with pytest.raises(IntegrityError, match="quartiere_coordinates_in_venice_area"), transaction.atomic():
            Quartiere.objects.create(
                municipalita=Municipalita.objects.first(), nome="Roma", slug="roma", latitudine=41.9, longitudine=12.5
            )
