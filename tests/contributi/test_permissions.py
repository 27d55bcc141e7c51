"""contributi.permissions, one class per rule, in the module's order."""

from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser, Permission
from django.core.exceptions import PermissionDenied

from contributi import permissions
from contributi.models import Candidatura
from tests.contributi.factories import (
    BandoFactory,
    CandidaturaFactory,
    SubmittedCandidaturaFactory,
    board,
    closed_bando,
    in_valutazione,
    open_bando,
    referente,
    valutatore,
)
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

S = Candidatura.Stato


def superuser(**kwargs):
    """A superuser outside every group and without access to the admin: counts as staff all the same."""
    return UserFactory(is_superuser=True, **kwargs)


def read_only_staff():
    user = UserFactory(is_staff=True)
    user.user_permissions.add(Permission.objects.get(content_type__app_label="contributi", codename="view_candidatura"))
    return get_user_model().objects.get(pk=user.pk)  # a fresh permission cache


class TestBandoOpenDecision:
    def test_open(self):
        assert permissions.bando_open_decision(open_bando())

    def test_not_yet_open_says_when(self):
        bando = open_bando()
        decision = permissions.bando_open_decision(bando, now=bando.apertura - timedelta(seconds=1))
        assert not decision and "apre le candidature" in decision.reason

    def test_closed_says_the_draft_stays(self):
        bando = open_bando()
        decision = permissions.bando_open_decision(bando, now=bando.termine + timedelta(seconds=1))
        assert not decision and "si è chiuso" in decision.reason

    def test_draft_call_is_not_open(self):
        assert not BandoFactory().is_open()


class TestCanApply:
    def test_verified_referente_of_verified_ente_while_open(self):
        user, ente = referente()
        assert permissions.can_apply(user, bando=open_bando(), ente=ente)

    def test_unverified_membership(self):
        membership = MembershipFactory(ente=EnteFactory(verified=True))
        decision = permissions.can_apply(membership.user, bando=open_bando(), ente=membership.ente)
        assert not decision and "non è ancora stata verificata" in decision.reason

    def test_not_yet_open(self):
        user, ente = referente()
        bando = open_bando()
        assert not permissions.can_apply(user, bando=bando, ente=ente, now=bando.apertura - timedelta(seconds=1))


class TestCanEdit:
    def test_draft_of_own_ente(self):
        user, ente = referente()
        assert permissions.can_edit(user, CandidaturaFactory(ente=ente))

    def test_submitted_is_frozen(self):
        user, ente = referente()
        decision = permissions.can_edit(user, SubmittedCandidaturaFactory(ente=ente, bando=open_bando()))
        assert not decision and "già stata presentata" in decision.reason

    def test_found_among_the_represented_enti_the_membership_is_not_asked_again(self, django_assert_num_queries):
        user, ente = referente()
        draft = CandidaturaFactory(ente=ente)
        with django_assert_num_queries(0):
            assert permissions.can_edit(user, draft, represented=True)
        with django_assert_num_queries(1):
            assert permissions.can_edit(user, draft)

    def test_found_among_the_represented_enti_the_call_and_the_state_still_count(self):
        user, ente = referente()
        draft = CandidaturaFactory(ente=ente)
        after = draft.bando.termine + timedelta(seconds=1)
        decision = permissions.can_edit(user, draft, represented=True, now=after)
        assert not decision and "Il bando si è chiuso" in decision.reason
        submitted = SubmittedCandidaturaFactory(ente=ente, bando=open_bando())
        decision = permissions.can_edit(user, submitted, represented=True)
        assert not decision and "già stata presentata" in decision.reason


class TestCanWithdraw:
    def test_submitted_while_open(self):
        user, ente = referente()
        assert permissions.can_withdraw(user, SubmittedCandidaturaFactory(ente=ente, bando=open_bando()))

    def test_draft_cannot_be_withdrawn(self):
        user, ente = referente()
        decision = permissions.can_withdraw(user, CandidaturaFactory(ente=ente))
        assert not decision and "Si può ritirare solo" in decision.reason

    def test_closed_call(self):
        user, ente = referente()
        decision = permissions.can_withdraw(user, SubmittedCandidaturaFactory(ente=ente))
        assert not decision and "Il bando è chiuso" in decision.reason


class TestCanReadFiles:
    @pytest.mark.parametrize("make", [StaffFactory, superuser], ids=["staff", "superuser"])
    def test_staff_and_superusers(self, make):
        assert permissions.can_read_files(make(), SubmittedCandidaturaFactory())

    def test_referente_of_the_ente(self):
        user, ente = referente()
        assert permissions.can_read_files(user, SubmittedCandidaturaFactory(ente=ente))

    def test_stranger_is_told_why(self):
        decision = permissions.can_read_files(UserFactory(), SubmittedCandidaturaFactory())
        assert not decision and "non è ancora stata verificata" in decision.reason


class TestMayWorkSelection:
    @pytest.mark.parametrize("make", [StaffFactory, superuser], ids=["staff", "superuser"])
    def test_staff_and_superusers(self, make):
        assert permissions.may_work_selection(make())

    def test_inactive_superuser(self):
        assert not permissions.may_work_selection(superuser(is_active=False))

    def test_others(self):
        user, _ente = referente()
        assert not permissions.may_work_selection(user)
        assert not permissions.may_work_selection(valutatore())
        assert not permissions.may_work_selection(read_only_staff())
        assert not permissions.may_work_selection(AnonymousUser())


class TestRequireSelectionWorker:
    def test_staff_and_superusers_pass(self):
        permissions.require_selection_worker(StaffFactory())
        permissions.require_selection_worker(superuser())

    def test_others_are_refused(self):
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
            permissions.require_selection_worker(valutatore())

    def test_the_payment_services_let_a_superuser_work(self):
        """The payments had a guard of their own that refused superusers; they ask this rule now."""
        from contributi import services

        piano = [{"nome": "Saldo", "percentuale": 100, "condizione": "rendiconto_finale"}]
        rows = services.tranche_plan_set(bando=open_bando(), actor=superuser(), tranche=piano)
        assert [row.nome for row in rows] == ["Saldo"]
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione"):
            services.tranche_plan_set(bando=open_bando(), actor=valutatore(), tranche=piano)


class TestSeesAllCandidature:
    @pytest.mark.parametrize("make", [StaffFactory, superuser, read_only_staff], ids=["staff", "super", "read"])
    def test_staff_superusers_and_read_only_staff(self, make):
        user = make()
        assert permissions.sees_all_candidature(user)
        CandidaturaFactory()
        assert Candidatura.objects.visible_to(user).count() == 1

    def test_admin_access_alone_is_not_enough(self):
        assert not permissions.sees_all_candidature(UserFactory(is_staff=True))
        assert not permissions.sees_all_candidature(AnonymousUser())

    def test_referente_sees_only_own_ente(self):
        user, ente = referente()
        mine = CandidaturaFactory(ente=ente)
        CandidaturaFactory()
        assert not permissions.sees_all_candidature(user)
        assert list(Candidatura.objects.visible_to(user)) == [mine]

    def test_anonymous_and_stranger_see_nothing(self):
        CandidaturaFactory()
        assert not Candidatura.objects.visible_to(AnonymousUser()).exists()
        assert not Candidatura.objects.visible_to(UserFactory()).exists()


class TestSeesAllValutazioni:
    def test_staff_and_superusers(self):
        assert permissions.sees_all_valutazioni(StaffFactory())
        assert permissions.sees_all_valutazioni(superuser())

    def test_board_members_and_read_only_staff_do_not(self):
        assert not permissions.sees_all_valutazioni(valutatore())
        assert not permissions.sees_all_valutazioni(read_only_staff())


class TestCanEditChecklist:
    @pytest.mark.parametrize("stato", [S.IN_ISTRUTTORIA, S.INTEGRAZIONI_RICHIESTE])
    def test_staff_during_the_istruttoria(self, stato):
        candidatura = SubmittedCandidaturaFactory(stato=stato)
        assert permissions.can_edit_checklist(StaffFactory(), candidatura)
        assert permissions.can_edit_checklist(superuser(), candidatura)

    def test_not_before_or_after_the_istruttoria(self):
        assert not permissions.can_edit_checklist(StaffFactory(), SubmittedCandidaturaFactory())
        assert not permissions.can_edit_checklist(StaffFactory(), SubmittedCandidaturaFactory(stato=S.AMMISSIBILE))
        assert not permissions.can_edit_checklist(StaffFactory(), None)

    def test_not_by_the_applicant(self):
        user, ente = referente()
        candidatura = SubmittedCandidaturaFactory(ente=ente, stato=S.IN_ISTRUTTORIA)
        assert not permissions.can_edit_checklist(user, candidatura)


class TestCanDecide:
    def test_a_colleague(self):
        assert permissions.can_decide(StaffFactory(), SubmittedCandidaturaFactory())

    def test_not_the_author(self):
        staff = StaffFactory()
        decision = permissions.can_decide(staff, SubmittedCandidaturaFactory(creata_da=staff))
        assert not decision and "che hai presentato tu" in decision.reason

    def test_not_a_member_of_the_applying_ente(self):
        staff = StaffFactory()
        candidatura = SubmittedCandidaturaFactory()
        MembershipFactory(user=staff, ente=candidatura.ente, verified=True)
        decision = permissions.can_decide(staff, candidatura)
        assert not decision and "ne fai parte" in decision.reason


class TestCanAccept:
    def test_referente_when_financed(self):
        user, ente = referente()
        assert permissions.can_accept(user, SubmittedCandidaturaFactory(ente=ente, stato=S.FINANZIATA))

    def test_only_when_financed(self):
        user, ente = referente()
        decision = permissions.can_accept(user, SubmittedCandidaturaFactory(ente=ente))
        assert not decision and "solo quando la candidatura è finanziata" in decision.reason


class TestCanSeeScores:
    def test_staff_and_superusers_before_publication(self):
        candidatura = SubmittedCandidaturaFactory()
        assert permissions.can_see_scores(StaffFactory(), candidatura)
        assert permissions.can_see_scores(superuser(), candidatura)

    def test_the_applicant_waits_for_the_ranking(self):
        user, ente = referente()
        decision = permissions.can_see_scores(user, SubmittedCandidaturaFactory(ente=ente))
        assert not decision and "pubblicazione della graduatoria" in decision.reason


# --- the evaluation board -------------------------------------------------------------------------


@pytest.fixture
def seduta(staff_user):
    """A call under evaluation: the president and a member, one application assigned to both, nothing declared."""
    bando = closed_bando()
    presidente, membro = board(bando, size=2)
    candidatura = in_valutazione(
        SubmittedCandidaturaFactory(bando=bando), staff=staff_user, membri=[presidente, membro], declare=False
    )
    return candidatura, presidente, membro


def represent(membro, candidatura):
    """The member becomes a verified representative of the applying ente: a conflict the portal sees."""
    MembershipFactory(user=membro.utente, ente=candidatura.ente, verified=True)


class TestBoardMember:
    def test_the_seat_on_the_calls_board(self, seduta):
        candidatura, presidente, _membro = seduta
        assert permissions.board_member(presidente.utente, candidatura) == presidente

    def test_nobody_else_has_one(self, seduta):
        candidatura, *_members = seduta
        assert permissions.board_member(valutatore(), candidatura) is None
        assert permissions.board_member(AnonymousUser(), candidatura) is None


class TestHasConflict:
    def test_none_without_ties_or_declaration(self, seduta):
        candidatura, _presidente, membro = seduta
        assert not permissions.has_conflict(membro, candidatura)

    def test_declared(self, seduta):
        candidatura, _presidente, membro = seduta
        membro.dichiarazioni.create(candidatura=candidatura, conflitto=True, nota="Socio.")
        assert permissions.has_conflict(membro, candidatura)

    def test_seen_by_the_portal(self, seduta):
        candidatura, _presidente, membro = seduta
        represent(membro, candidatura)
        assert permissions.has_automatic_conflict(membro.utente, candidatura)
        assert permissions.has_conflict(membro, candidatura)


class TestCanBeAssigned:
    def test_a_member_without_conflict(self, seduta):
        candidatura, _presidente, membro = seduta
        assert permissions.can_be_assigned(membro, candidatura)

    def test_not_with_a_conflict_the_portal_sees(self, seduta):
        candidatura, _presidente, membro = seduta
        represent(membro, candidatura)
        decision = permissions.can_be_assigned(membro, candidatura)
        assert not decision and decision.code == "automatic_conflict" and "non gli si assegna" in decision.reason

    def test_not_after_a_declared_conflict(self, seduta):
        candidatura, _presidente, membro = seduta
        membro.dichiarazioni.create(candidatura=candidatura, conflitto=True, nota="Socio.")
        decision = permissions.can_be_assigned(membro, candidatura)
        assert not decision and decision.code == "declared_conflict"


class TestCanDeclareConflict:
    def test_an_assigned_member_either_way(self, seduta):
        candidatura, _presidente, membro = seduta
        assert permissions.can_declare_conflict(membro.utente, candidatura, conflitto=False)
        assert permissions.can_declare_conflict(membro.utente, candidatura, conflitto=True)

    def test_the_president_without_assignment_a_member_not(self, seduta, staff_user):
        candidatura, presidente, membro = seduta
        other = SubmittedCandidaturaFactory(bando=candidatura.bando)
        assert permissions.can_declare_conflict(presidente.utente, other, conflitto=False)
        decision = permissions.can_declare_conflict(membro.utente, other, conflitto=False)
        assert not decision and "non ti è stata assegnata" in decision.reason

    def test_not_a_member(self, seduta):
        candidatura, *_members = seduta
        decision = permissions.can_declare_conflict(valutatore(), candidatura, conflitto=True)
        assert not decision and "Non fai parte della commissione" in decision.reason

    def test_no_conflict_is_not_declared_where_the_portal_sees_one(self, seduta):
        candidatura, _presidente, membro = seduta
        represent(membro, candidatura)
        decision = permissions.can_declare_conflict(membro.utente, candidatura, conflitto=False)
        assert not decision and "Hai un conflitto di interessi" in decision.reason
        assert permissions.can_declare_conflict(membro.utente, candidatura, conflitto=True)


class TestCanScore:
    def test_after_declaring_no_conflict(self, seduta):
        candidatura, _presidente, membro = seduta
        decision = permissions.can_score(membro.utente, candidatura)
        assert not decision and "Prima di valutare dichiara" in decision.reason
        membro.dichiarazioni.create(candidatura=candidatura, conflitto=False)
        assert permissions.can_score(membro.utente, candidatura)

    def test_never_after_declaring_a_conflict(self, seduta):
        candidatura, _presidente, membro = seduta
        membro.dichiarazioni.create(candidatura=candidatura, conflitto=True, nota="Socio.")
        decision = permissions.can_score(membro.utente, candidatura)
        assert not decision and "Hai dichiarato un conflitto" in decision.reason

    def test_never_with_a_conflict_the_portal_sees_even_after_declaring_none(self, seduta):
        candidatura, _presidente, membro = seduta
        membro.dichiarazioni.create(candidatura=candidatura, conflitto=False)
        represent(membro, candidatura)
        decision = permissions.can_score(membro.utente, candidatura)
        assert not decision and "Hai un conflitto di interessi" in decision.reason

    def test_only_assigned_applications(self, seduta):
        candidatura, _presidente, membro = seduta
        other = SubmittedCandidaturaFactory(bando=candidatura.bando)
        decision = permissions.can_score(membro.utente, other)
        assert not decision and "non ti è stata assegnata" in decision.reason
        decision = permissions.can_score(valutatore(), candidatura)
        assert not decision and "Non fai parte della commissione" in decision.reason

    def test_the_consensus_sheet_is_the_presidents(self, seduta):
        candidatura, presidente, membro = seduta
        for seat in (presidente, membro):
            seat.dichiarazioni.create(candidatura=candidatura, conflitto=False)
        assert permissions.can_score(presidente.utente, candidatura, consenso=True)
        decision = permissions.can_score(membro.utente, candidatura, consenso=True)
        assert not decision and "lo inserisce il presidente" in decision.reason
