import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from costellazioni.models import EventoAudit
from costellazioni.services.enti import ente_update
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def membership():
    return MembershipFactory(verified=True, ente=EnteFactory(verified=True, indirizzo="Via Piave 1"))


class TestEnteUpdate:
    def test_a_verified_referente_updates_the_contact_data_and_the_change_is_recorded(self, membership):
        ente = ente_update(
            ente=membership.ente, actor=membership.user, indirizzo="Via Bissuola 32", telefono="041 000000"
        )
        ente.refresh_from_db()
        assert (ente.indirizzo, ente.telefono) == ("Via Bissuola 32", "041 000000")
        event = EventoAudit.objects.for_object(ente).get()
        assert event.autore == membership.user
        assert event.nota == "indirizzo, telefono"

    def test_identifying_data_sent_back_unchanged_are_accepted(self, membership):
        ente = membership.ente
        ente_update(
            ente=ente,
            actor=membership.user,
            denominazione=ente.denominazione,
            codice_fiscale=ente.codice_fiscale,
            comune="Venezia Mestre",
        )
        ente.refresh_from_db()
        assert ente.comune == "Venezia Mestre"

    @pytest.mark.parametrize("field", ["codice_fiscale", "denominazione"])
    def test_identifying_data_of_a_verified_ente_cannot_change(self, membership, field):
        ente = membership.ente
        before = getattr(ente, field)
        with pytest.raises(ValidationError) as error:
            ente_update(ente=ente, actor=membership.user, **{field: "80012340271"}, indirizzo="Altrove")
        assert "chiedendolo al Comune" in error.value.message_dict[field][0]
        ente.refresh_from_db()
        assert (getattr(ente, field), ente.indirizzo) == (before, "Via Piave 1")
        assert not EventoAudit.objects.for_object(ente).exists()

    def test_bad_contact_data_are_refused_next_to_the_field(self, membership):
        with pytest.raises(ValidationError) as error:
            ente_update(ente=membership.ente, actor=membership.user, email="non-una-email")
        assert "email" in error.value.message_dict

    def test_nothing_changed_records_nothing(self, membership):
        ente_update(ente=membership.ente, actor=membership.user, indirizzo="Via Piave 1")
        assert not EventoAudit.objects.for_object(membership.ente).exists()

    def test_a_person_who_does_not_represent_the_ente_is_refused(self, membership):
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente non è ancora stata verificata"):
            ente_update(ente=membership.ente, actor=UserFactory(), indirizzo="Altrove")

    def test_a_referente_awaiting_verification_is_refused(self):
        pending = MembershipFactory(ente=EnteFactory(verified=True))
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente non è ancora stata verificata"):
            ente_update(ente=pending.ente, actor=pending.user, indirizzo="Altrove")
        pending.ente.refresh_from_db()
        assert pending.ente.indirizzo != "Altrove"

    def test_other_fields_are_a_programming_error(self, membership):
        with pytest.raises(TypeError, match=r"does not update \['stato_verifica'\]"):
            ente_update(ente=membership.ente, actor=membership.user, stato_verifica="respinto")
