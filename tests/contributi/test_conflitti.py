"""Conflicts of interest the portal sees: a board member who is, or was during the call, a representative of an
applying ente is never assigned its application, cannot open or score it, staff are warned when adding them, and a
score they gave anyway keeps the ranking from being computed."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from contributi import permissions, services
from contributi.models import Assegnazione, Candidatura, MembroCommissione, Valutazione
from costellazioni.models import EventoAudit, Membership
from tests.contributi.factories import (
    SubmittedCandidaturaFactory,
    board,
    closed_bando,
    evaluated,
    referente,
    score,
)
from tests.costellazioni.factories import MembershipFactory, StaffFactory

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


@pytest.fixture
def attack(staff_user):
    """The issue's attack: the referente who submitted the application is put on the call's board."""
    user, ente = referente()
    bando = closed_bando()
    candidatura = SubmittedCandidaturaFactory(bando=bando, ente=ente, presentata_da=user)
    altro = board(bando, size=1)[0]
    membro = services.membro_add(bando=bando, utente=user, actor=staff_user)
    Candidatura.objects.filter(pk=candidatura.pk).update(stato=S.AMMISSIBILE)
    candidatura.refresh_from_db()
    return candidatura, membro, altro


class TestTheAttack:
    def test_he_is_never_assigned_the_application(self, attack, staff_user):
        candidatura, membro, altro = attack
        services.assegnazione_all(candidatura=candidatura, actor=staff_user)
        assert list(Assegnazione.objects.filter(candidatura=candidatura).values_list("membro", flat=True)) == [altro.pk]
        with pytest.raises(ValidationError, match="non gli si assegna") as refused:
            services.assegnazione_create(candidatura=candidatura, membro=membro, actor=staff_user)
        assert refused.value.error_list[0].code == "automatic_conflict"

    def test_declaring_no_conflict_and_scoring_are_refused_and_he_cannot_open_it(self, attack, staff_user, client):
        candidatura, membro, altro = attack
        # Even with an assignment made before the rule (or by hand), the portal refuses.
        Assegnazione.objects.create(membro=membro, candidatura=candidatura, assegnata_da=staff_user)
        services.assegnazione_create(candidatura=candidatura, membro=altro, actor=staff_user)
        candidatura = services.valutazione_start(candidatura=candidatura, actor=staff_user)
        user = membro.utente
        with pytest.raises(PermissionDenied, match="conflitto di interessi"):
            services.conflitto_declare(candidatura=candidatura, actor=user, conflitto=False)
        with pytest.raises(PermissionDenied, match="conflitto di interessi"):
            score(candidatura, membro, [40, 60])
        assert not Valutazione.objects.filter(membro=membro).exists()
        assert not Candidatura.objects.assigned_to(user).exists()
        assert not permissions.is_assigned_evaluator(user, candidatura)
        client.force_login(user)
        assert client.get(reverse("valutazioni:dettaglio", kwargs={"pk": candidatura.pk})).status_code == 404

    def test_a_sheet_given_before_he_joined_the_ente_blocks_the_ranking_until_annulled(self, staff_user):
        bando = closed_bando()
        membri = board(bando, size=2)
        candidatura = evaluated(bando, staff=staff_user, membri=membri, points=[[40, 60], [30, 40]])
        MembershipFactory(user=membri[0].utente, ente=candidatura.ente, verified=True)
        with pytest.raises(ValidationError, match="annulla la scheda") as refused:
            services.graduatoria_compute(bando=bando, actor=staff_user)
        assert refused.value.error_list[0].code == "conflicted_scores"
        assert not Valutazione.objects.visible_to(membri[0].utente).filter(candidatura=candidatura).exists()
        sheet = Valutazione.objects.get(membro=membri[0], candidatura=candidatura)
        with pytest.raises(ValidationError, match="motivo"):
            services.valutazione_annul(valutazione=sheet, actor=staff_user, note="")
        services.valutazione_annul(valutazione=sheet, actor=staff_user, note="Referente dell'ente dal 2026.")
        graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
        assert graduatoria.posizioni.get().punteggio == 70
        assert EventoAudit.objects.for_object(candidatura).filter(nota__contains="Referente dell'ente").exists()

    def test_only_sheets_in_conflict_are_annulled(self, staff_user):
        bando = closed_bando()
        membri = board(bando, size=1)
        candidatura = evaluated(bando, staff=staff_user, membri=membri, points=[[40, 60]])
        sheet = Valutazione.objects.get(membro=membri[0], candidatura=candidatura)
        with pytest.raises(ValidationError, match="Si annullano solo"):
            services.valutazione_annul(valutazione=sheet, actor=staff_user, note="Per errore.")


class TestWhoIsInConflict:
    def test_current_requested_and_during_the_call_memberships_count_rejected_ones_do_not(self):
        bando = closed_bando()
        candidatura = SubmittedCandidaturaFactory(bando=bando)
        verified = MembershipFactory(ente=candidatura.ente, verified=True).user
        requested = MembershipFactory(ente=candidatura.ente).user
        rejected = MembershipFactory(ente=candidatura.ente, stato=Membership.Stato.RESPINTA).user
        revoked_during = MembershipFactory(
            ente=candidatura.ente,
            stato=Membership.Stato.REVOCATA,
            verificata_da=StaffFactory(),
            verificata_il=bando.termine - timedelta(days=2),
        ).user
        revoked_after_joining_late = MembershipFactory(
            ente=candidatura.ente,
            stato=Membership.Stato.REVOCATA,
            verificata_da=StaffFactory(),
            verificata_il=bando.termine + timedelta(hours=1),
        ).user
        conflicted = {
            user
            for user in [verified, requested, rejected, revoked_during, revoked_after_joining_late]
            if Candidatura.objects.conflicting_with(user).filter(pk=candidatura.pk).exists()
        }
        assert conflicted == {verified, requested, revoked_during}


class TestAdminWarning:
    def test_staff_are_warned_when_adding_a_representative_to_the_board(self, client):
        user, ente = referente()
        bando = closed_bando()
        candidatura = SubmittedCandidaturaFactory(bando=bando, ente=ente)
        staff = StaffFactory()
        client.force_login(staff)
        response = client.post(
            reverse("admin:contributi_membrocommissione_add"),
            {"bando": bando.pk, "utente": user.pk, "assegnazioni-TOTAL_FORMS": 0, "assegnazioni-INITIAL_FORMS": 0},
            follow=True,
        )
        assert response.status_code == 200
        warnings = [str(m) for m in response.context["messages"] if m.level_tag == "warning"]
        assert len(warnings) == 1 and candidatura.numero_protocollo in warnings[0] and str(ente) in warnings[0]
        assert MembroCommissione.objects.filter(bando=bando, utente=user).exists()

    def test_no_warning_for_a_member_without_ties(self, client):
        bando = closed_bando()
        SubmittedCandidaturaFactory(bando=bando)
        outsider = StaffFactory()
        client.force_login(StaffFactory())
        response = client.post(
            reverse("admin:contributi_membrocommissione_add"),
            {"bando": bando.pk, "utente": outsider.pk, "assegnazioni-TOTAL_FORMS": 0, "assegnazioni-INITIAL_FORMS": 0},
            follow=True,
        )
        assert not [m for m in response.context["messages"] if m.level_tag == "warning"]
        assert MembroCommissione.objects.filter(bando=bando, utente=outsider).exists()
