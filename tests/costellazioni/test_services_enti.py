import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from costellazioni.models import Ente, EventoAudit, Membership, Messaggio
from costellazioni.services.enti import (
    ente_correct,
    ente_create,
    ente_record,
    ente_set_verification,
    membership_correct,
    membership_request,
    membership_set_state,
)
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


class TestEnteVerification:
    def test_staff_verifies_and_the_change_is_recorded(self):
        staff = StaffFactory()
        ente = EnteFactory()
        ente = ente_set_verification(ente=ente, to=Ente.StatoVerifica.VERIFICATO, actor=staff)
        ente.refresh_from_db()
        assert ente.is_verified and ente.verificato_da == staff and ente.verificato_il is not None
        event = EventoAudit.objects.for_object(ente).get()
        assert (event.autore, event.stato_da, event.stato_a) == (staff, "da_verificare", "verificato")

    def test_a_rejection_needs_a_reason(self):
        with pytest.raises(ValidationError) as error:
            ente_set_verification(ente=EnteFactory(), to=Ente.StatoVerifica.RESPINTO, actor=StaffFactory(), note=" ")
        assert "note" in error.value.message_dict

    def test_someone_without_the_role_may_not_verify(self):
        ente = EnteFactory()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
            ente_set_verification(ente=ente, to=Ente.StatoVerifica.VERIFICATO, actor=UserFactory())
        ente.refresh_from_db()
        assert ente.stato_verifica == Ente.StatoVerifica.DA_VERIFICARE
        assert not EventoAudit.objects.exists()

    def test_a_transition_outside_the_table_is_refused(self):
        with pytest.raises(ValidationError, match="Questo passaggio di stato non è previsto"):
            ente_set_verification(ente=EnteFactory(), to=Ente.StatoVerifica.DA_VERIFICARE, actor=StaffFactory())

    def test_representatives_are_told(self):
        membership = MembershipFactory(verified=True)
        ente_set_verification(ente=membership.ente, to=Ente.StatoVerifica.VERIFICATO, actor=StaffFactory())
        assert Messaggio.objects.for_user(membership.user).filter(tipo="ente").count() == 1

    def test_create_records_the_registration(self):
        person = UserFactory()
        ente = ente_create(
            actor=person, denominazione="Remiere di Castello APS", tipo=Ente.Tipo.APS, codice_fiscale="80012340271"
        )
        assert EventoAudit.objects.for_object(ente).get().autore == person

    def test_create_refuses_an_invalid_codice_fiscale(self):
        with pytest.raises(ValidationError) as error:
            ente_create(actor=UserFactory(), denominazione="X", tipo=Ente.Tipo.APS, codice_fiscale="80012340272")
        assert "codice_fiscale" in error.value.message_dict


class TestMembership:
    def test_request_then_staff_verifies_and_the_person_is_told(self, mailoutbox, django_capture_on_commit_callbacks):
        person, staff = UserFactory(), StaffFactory()
        membership = membership_request(user=person, ente=EnteFactory(), ruolo=Membership.Ruolo.REFERENTE)
        with django_capture_on_commit_callbacks(execute=True):
            membership = membership_set_state(membership=membership, to=Membership.Stato.VERIFICATA, actor=staff)
        assert membership.verificata_da == staff
        assert [e.stato_a for e in EventoAudit.objects.for_object(membership).order_by("id")] == [
            "richiesta",
            "verificata",
        ]
        assert Messaggio.objects.for_user(person).count() == 1
        assert len(mailoutbox) == 1 and mailoutbox[0].to == [person.email]

    def test_a_duplicate_active_request_is_refused_with_a_message(self):
        membership = MembershipFactory()
        with pytest.raises(ValidationError, match="già una richiesta"):
            membership_request(user=membership.user, ente=membership.ente, ruolo=Membership.Ruolo.REFERENTE)

    def test_the_person_may_withdraw_their_own_request_but_not_verify_it(self):
        membership = MembershipFactory()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
            membership_set_state(membership=membership, to=Membership.Stato.VERIFICATA, actor=membership.user)
        membership = membership_set_state(membership=membership, to=Membership.Stato.REVOCATA, actor=membership.user)
        assert membership.stato == Membership.Stato.REVOCATA
        assert not Messaggio.objects.exists()  # nobody to tell: the person did it

    def test_another_person_may_not_withdraw_it(self):
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
            membership_set_state(membership=MembershipFactory(), to=Membership.Stato.REVOCATA, actor=UserFactory())


class TestCorrectionsByTheComune:
    def test_identifying_data_are_corrected_and_unchanged_ones_leave_no_trace(self):
        staff = StaffFactory()
        ente = EnteFactory(denominazione="Remiera")
        ente_correct(ente=ente, actor=staff, denominazione="Remiera", tipo=ente.tipo)
        assert not EventoAudit.objects.for_object(ente).exists()
        ente = ente_correct(ente=ente, actor=staff, denominazione="Remiera Castello")
        assert ente.denominazione == "Remiera Castello"
        assert EventoAudit.objects.for_object(ente).get().evento == "costellazioni.dati_dell_ente_corretti"

    def test_the_verification_is_not_a_field_to_correct(self):
        with pytest.raises(TypeError, match=r"ente_correct\(\) does not update \['stato_verifica'\]"):
            ente_correct(ente=EnteFactory(), actor=StaffFactory(), stato_verifica=Ente.StatoVerifica.VERIFICATO)

    def test_only_the_comune_records_an_ente_in_the_admin(self):
        with pytest.raises(PermissionDenied, match="Solo il personale del Comune corregge i dati degli enti"):
            ente_record(actor=UserFactory(), denominazione="X", tipo=Ente.Tipo.APS, codice_fiscale="80012340272")
        assert not Ente.objects.exists()

    def test_a_membership_state_is_not_a_field_to_correct(self):
        with pytest.raises(TypeError, match=r"membership_correct\(\) does not update \['stato'\]"):
            membership_correct(membership=MembershipFactory(), actor=StaffFactory(), stato=Membership.Stato.VERIFICATA)

    def test_nobody_corrects_their_own_request(self):
        own = MembershipFactory(user=StaffFactory(), motivazione="")
        with pytest.raises(PermissionDenied, match="Non puoi decidere su una richiesta che hai presentato tu"):
            membership_correct(membership=own, actor=own.user, motivazione="Presidente")
        own.refresh_from_db()
        assert own.motivazione == ""
