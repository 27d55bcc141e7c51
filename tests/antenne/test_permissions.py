"""One class per rule of antenne/permissions.py and the querysets that decide who sees what."""

import pytest

from antenne import permissions, workflows
from antenne.models import Attivita, RichiestaPortierato
from costellazioni.workflows import STAFF
from tests.antenne.factories import AntennaFactory, AttivitaFactory, OperatoreFactory, RichiestaPortieratoFactory
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestFieldLogVisibility:
    def test_operator_sees_only_their_own(self):
        mine, _other = AttivitaFactory(), AttivitaFactory()
        assert list(Attivita.objects.visible_to(mine.operatore.user)) == [mine]

    def test_coordinator_sees_their_team_not_other_teams(self):
        coordinatore = OperatoreFactory(coordinatore=True)
        team = AttivitaFactory(operatore__coordinato_da=coordinatore)
        own = AttivitaFactory(operatore=coordinatore)
        AttivitaFactory()
        assert set(Attivita.objects.visible_to(coordinatore.user)) == {team, own}

    def test_citizen_and_anonymous_see_nothing(self):
        from django.contrib.auth.models import AnonymousUser

        AttivitaFactory()
        assert not Attivita.objects.visible_to(UserFactory()).exists()
        assert not Attivita.objects.visible_to(AnonymousUser()).exists()

    def test_staff_sees_everything(self, staff_user):
        AttivitaFactory(), AttivitaFactory()
        assert Attivita.objects.visible_to(staff_user).count() == 2

    def test_inactive_operator_profile_cannot_use_the_log(self):
        operatore = OperatoreFactory(attivo=False)
        assert not permissions.can_use_field_log(operatore.user)


class TestAntennaRoles:
    def test_assigned_operator(self):
        operatore = OperatoreFactory()
        assert workflows.OPERATORE in permissions.antenna_roles(operatore.user, AntennaFactory(operatore=operatore))

    def test_any_operator_while_unassigned(self):
        assert workflows.OPERATORE in permissions.antenna_roles(OperatoreFactory().user, AntennaFactory())

    def test_other_operator_has_no_role(self):
        antenna = AntennaFactory(operatore=OperatoreFactory())
        assert permissions.antenna_roles(OperatoreFactory().user, antenna) == set()

    def test_staff(self, staff_user):
        assert STAFF in permissions.antenna_roles(staff_user, AntennaFactory())


class TestPortieratoRoles:
    def test_antenna_account_manages(self):
        account = UserFactory()
        richiesta = RichiestaPortieratoFactory(antenna__account=account)
        assert workflows.GESTORE in permissions.portierato_roles(account, richiesta)
        assert RichiestaPortierato.objects.gestite_da(account).get() == richiesta

    def test_requester_is_not_manager(self):
        richiesta = RichiestaPortieratoFactory()
        assert permissions.portierato_roles(richiesta.richiedente, richiesta) == {workflows.RICHIEDENTE}


class TestBancaManagement:
    def test_coordinator_and_staff_verify_members(self, staff_user):
        assert permissions.can_manage_banca(staff_user)
        assert permissions.can_manage_banca(OperatoreFactory(coordinatore=True).user)

    def test_operator_and_citizen_do_not(self):
        assert not permissions.can_manage_banca(OperatoreFactory().user)
        assert not permissions.can_manage_banca(UserFactory())


class TestBancaRoles:
    """Who coordinates the time bank: verifies and turns down membership requests (workflows.SOCIO)."""

    def test_staff_and_coordinators_hold_a_role_of_the_table(self, staff_user):
        for user in [staff_user, OperatoreFactory(coordinatore=True).user]:
            roles = permissions.banca_roles(user)
            assert all(roles & t.allowed for t in workflows.SOCIO.values())

    def test_plain_operators_citizens_and_inactive_coordinators_hold_none(self):
        from django.contrib.auth.models import AnonymousUser

        assert permissions.banca_roles(OperatoreFactory().user) == set()
        assert permissions.banca_roles(UserFactory()) == set()
        assert permissions.banca_roles(AnonymousUser()) == set()
        assert permissions.banca_roles(OperatoreFactory(coordinatore=True, attivo=False).user) == set()

    def test_turning_down_needs_a_reason(self):
        assert all(t.note_required for (_da, a), t in workflows.SOCIO.items() if a == "respinto")


class TestSeesAllAttivita:
    def test_staff_and_superusers(self, staff_user):
        superuser = UserFactory(is_superuser=True)
        assert permissions.sees_all_attivita(staff_user)
        assert permissions.sees_all_attivita(superuser)
        AttivitaFactory()
        assert Attivita.objects.visible_to(superuser).count() == 1

    def test_read_only_staff_with_the_view_permission(self):
        from django.contrib.auth import get_user_model
        from django.contrib.auth.models import Permission

        user = UserFactory(is_staff=True)
        assert not permissions.sees_all_attivita(user)
        user.user_permissions.add(Permission.objects.get(content_type__app_label="antenne", codename="view_attivita"))
        assert permissions.sees_all_attivita(get_user_model().objects.get(pk=user.pk))

    def test_operators_and_citizens_do_not(self):
        assert not permissions.sees_all_attivita(OperatoreFactory(coordinatore=True).user)
        assert not permissions.sees_all_attivita(UserFactory())


class TestCanFireOnAnAntenna:
    """The antenna's passages use the core ``can_fire`` with the roles ``antenna_roles`` gives."""

    def _transition(self):
        return next(iter(workflows.ANTENNA.values()))

    def test_a_role_of_the_transition_may_fire_it(self):
        from costellazioni.permissions import can_fire

        transition = self._transition()
        user = UserFactory()
        assert can_fire(user, transition, roles=set(transition.allowed))

    def test_without_a_role_the_reason_is_given(self):
        from costellazioni.permissions import can_fire

        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=OperatoreFactory())
        decision = can_fire(
            operatore.user, self._transition(), roles=permissions.antenna_roles(operatore.user, antenna)
        )
        assert not decision and decision.reason == "Non hai i permessi per questa operazione."


class TestCanSeeRichiedente:
    def test_managers_see_who_asked_while_the_request_is_open(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore, account=UserFactory())
        richiesta = RichiestaPortieratoFactory(antenna=antenna)
        assert permissions.can_see_richiedente(operatore.user, richiesta)
        assert permissions.can_see_richiedente(antenna.account, richiesta)
        altro = OperatoreFactory()
        decision = permissions.can_see_richiedente(altro.user, richiesta)
        assert not decision and decision.reason == "Solo chi gestisce l'antenna vede chi ha chiesto il servizio."
        richiesta.stato = RichiestaPortierato.Stato.SVOLTA
        decision = permissions.can_see_richiedente(operatore.user, richiesta)
        assert not decision and decision.reason == "I recapiti restano visibili solo finché la richiesta è aperta."


class TestCanRegisterAntenna:
    def test_staff_and_operators_may(self, staff_user):
        assert permissions.can_register_antenna(staff_user)
        assert permissions.can_register_antenna(OperatoreFactory().user)

    def test_citizens_and_inactive_operators_may_not_and_are_told_why(self):
        for user in (UserFactory(), OperatoreFactory(attivo=False).user):
            decision = permissions.can_register_antenna(user)
            assert not decision
            assert decision.reason == "Solo il personale del Comune e gli operatori di comunità registrano le antenne."


class TestCanEditAntenna:
    def test_its_operator_a_coordinator_and_staff_may(self, staff_user):
        antenna = AntennaFactory(operatore=OperatoreFactory())
        assert permissions.can_edit_antenna(antenna.operatore.user, antenna)
        assert permissions.can_edit_antenna(OperatoreFactory(coordinatore=True).user, antenna)
        assert permissions.can_edit_antenna(staff_user, antenna)

    def test_another_operator_and_staff_without_the_role_may_not(self):
        antenna = AntennaFactory(operatore=OperatoreFactory())
        for user in (OperatoreFactory().user, UserFactory(is_staff=True)):
            decision = permissions.can_edit_antenna(user, antenna)
            assert not decision and decision.reason == "Non hai i permessi per questa operazione."


class TestCanCorrectTelefono:
    def test_the_person_who_asked_and_staff(self, staff_user):
        richiesta = RichiestaPortieratoFactory()
        assert permissions.can_correct_telefono(richiesta.richiedente, richiesta)
        assert permissions.can_correct_telefono(staff_user, richiesta)

    def test_not_the_antenna_that_reads_it(self):
        richiesta = RichiestaPortieratoFactory(antenna=AntennaFactory(account=UserFactory()))
        decision = permissions.can_correct_telefono(richiesta.antenna.account, richiesta)
        assert decision.reason == "Solo chi ha fatto la richiesta o il personale del Comune ne corregge il telefono."
