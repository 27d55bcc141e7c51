"""Evaluation board: conflicts exclude a member everywhere, scores stay within the criterion, the final score."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from contributi import permissions, services
from contributi.models import (
    Bando,
    Candidatura,
    Punteggio,
    RegoleSelezione,
    Valutazione,
)
from tests.contributi.factories import (
    SubmittedCandidaturaFactory,
    board,
    closed_bando,
    in_valutazione,
    score,
)

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


@pytest.fixture
def setup(staff_user):
    bando = closed_bando()
    membri = board(bando, size=3)
    c = SubmittedCandidaturaFactory(bando=bando)
    c = in_valutazione(c, staff=staff_user, membri=membri, declare=False)
    return bando, membri, c


class TestConflict:
    def test_a_conflicted_member_neither_sees_nor_scores(self, setup):
        _bando, (a, b, _c), candidatura = setup
        services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=False)
        services.conflitto_declare(candidatura=candidatura, actor=b.utente, conflitto=True, nota="Socio dell'ente.")
        score(candidatura, a, [30, 50])
        assert Candidatura.objects.assigned_to(b.utente).count() == 0
        assert Candidatura.objects.visible_to(b.utente).count() == 0
        assert not Valutazione.objects.visible_to(b.utente).filter(candidatura=candidatura).exists()
        assert not permissions.can_read_files(b.utente, candidatura)
        with pytest.raises(PermissionDenied, match="conflitto"):
            score(candidatura, b, [10, 10])

    def test_a_conflict_needs_a_reason_and_is_declared_once(self, setup):
        _bando, (a, *_rest), candidatura = setup
        with pytest.raises(ValidationError, match="motivo del conflitto"):
            services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=True, nota="")
        services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=False)
        with pytest.raises(ValidationError, match="già reso"):
            services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=True, nota="Ripensamento")

    def test_scoring_needs_the_declaration_first(self, setup):
        _bando, (a, *_rest), candidatura = setup
        with pytest.raises(PermissionDenied, match="dichiara"):
            score(candidatura, a, [10, 10])

    def test_a_conflicted_member_cannot_be_assigned_again(self, setup, staff_user):
        _bando, (a, *_rest), candidatura = setup
        services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=True, nota="Parente.")
        with pytest.raises(ValidationError, match="conflitto"):
            services.assegnazione_create(candidatura=candidatura, membro=a, actor=staff_user)

    def test_others_scores_are_hidden_until_the_own_sheet_is_submitted(self, setup):
        _bando, (a, b, _c), candidatura = setup
        for m in (a, b):
            services.conflitto_declare(candidatura=candidatura, actor=m.utente, conflitto=False)
        score(candidatura, a, [30, 50])
        visible = Valutazione.objects.visible_to(b.utente).filter(candidatura=candidatura)
        assert not visible.exists()
        score(candidatura, b, [20, 40], submit=False)
        assert list(Valutazione.objects.visible_to(b.utente).filter(candidatura=candidatura)) == [
            Valutazione.objects.get(membro=b)
        ]
        score(candidatura, b, [20, 40])
        assert Valutazione.objects.visible_to(b.utente).filter(candidatura=candidatura).count() == 2


class TestScores:
    def test_points_above_the_maximum_are_refused(self, setup):
        _bando, (a, *_rest), candidatura = setup
        services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=False)
        with pytest.raises(ValidationError, match="Da 0 a 40 punti"):
            score(candidatura, a, [41, 10])
        with pytest.raises(ValidationError, match="Da 0 a 40 punti"):
            score(candidatura, a, [-1, 10])

    def test_the_database_refuses_them_too(self, setup):
        _bando, (a, *_rest), candidatura = setup
        services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=False)
        sheet = score(candidatura, a, [10, 10], submit=False)
        criterio = candidatura.bando.criteri.get(codice="A.1")
        with pytest.raises(IntegrityError, match="punteggio_within_criterion_max"), transaction.atomic():
            Punteggio.objects.filter(valutazione=sheet, criterio=criterio).update(punti=Decimal("40.5"))
        with (
            pytest.raises(IntegrityError, match="punteggio_massimo_is_criterion_max"),
            transaction.atomic(),
        ):  # a forged maximum does not match the criterion
            Punteggio.objects.filter(valutazione=sheet, criterio=criterio).update(massimo=100, punti=90)
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS punteggio_massimo_is_criterion_max IMMEDIATE")

    def test_submit_needs_every_criterion_and_then_freezes(self, setup):
        _bando, (a, *_rest), candidatura = setup
        services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=False)
        criterio = candidatura.bando.criteri.first()
        with pytest.raises(ValidationError, match="manca"):
            services.punteggi_save(
                candidatura=candidatura, actor=a.utente, punteggi={criterio.pk: (10, "")}, submit=True
            )
        sheet = score(candidatura, a, [30, 50])
        assert sheet.totale == Decimal("80")
        with pytest.raises(ValidationError, match="già stata inviata"):
            score(candidatura, a, [10, 10])

    def test_an_unassigned_member_cannot_score(self, staff_user):
        bando = closed_bando()
        a, b = board(bando, size=2)
        c = in_valutazione(SubmittedCandidaturaFactory(bando=bando), staff=staff_user, membri=[a])
        with pytest.raises(PermissionDenied, match="assegnata"):
            score(c, b, [10, 10])


class TestFinalScore:
    def test_average_of_submitted_sheets(self, setup, staff_user):
        _bando, membri, candidatura = setup
        for m in membri:
            services.conflitto_declare(candidatura=candidatura, actor=m.utente, conflitto=False)
        score(candidatura, membri[0], [30, 50])
        score(candidatura, membri[1], [20, 41])
        with pytest.raises(ValidationError, match="non ha ancora inviato"):
            services.valutazione_conclude(candidatura=candidatura, actor=staff_user)
        score(candidatura, membri[2], [25, 45], submit=False)  # a draft does not count
        finale = services.punteggio_finale(candidatura)
        assert finale["totale"] == Decimal("70.50")
        assert finale["criteri"] == {"A.1": Decimal("25.00"), "A.2": Decimal("45.50")}

    def test_a_conflicted_member_does_not_hold_up_the_conclusion(self, setup, staff_user):
        _bando, (a, b, c), candidatura = setup
        services.conflitto_declare(candidatura=candidatura, actor=a.utente, conflitto=False)
        services.conflitto_declare(candidatura=candidatura, actor=b.utente, conflitto=False)
        services.conflitto_declare(candidatura=candidatura, actor=c.utente, conflitto=True, nota="Ex dipendente.")
        score(candidatura, a, [30, 50])
        score(candidatura, b, [30, 50])
        assert services.valutazione_conclude(candidatura=candidatura, actor=staff_user).stato == S.VALUTATA

    def test_consensus_mode_uses_the_presidents_sheet(self, staff_user):
        bando = closed_bando()
        Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.BOZZA)  # rules are set before opening
        RegoleSelezione.objects.create(bando=Bando.objects.get(pk=bando.pk), modalita_punteggio="consenso")
        Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.PUBBLICATO)
        presidente, membro = board(bando, size=2)
        c = in_valutazione(SubmittedCandidaturaFactory(bando=bando), staff=staff_user, membri=[presidente, membro])
        score(c, membro, [10, 10])
        with pytest.raises(PermissionDenied, match="presidente"):
            score(c, membro, [20, 20], consenso=True)
        with pytest.raises(ValidationError, match="collegiale"):
            services.valutazione_conclude(candidatura=c, actor=staff_user)
        score(c, presidente, [35, 55], consenso=True)
        assert services.punteggio_finale(c)["totale"] == Decimal("90.00")
        assert services.valutazione_conclude(candidatura=c, actor=staff_user).stato == S.VALUTATA

    def test_starting_the_evaluation_moves_the_call(self, setup):
        bando, _membri, _c = setup
        bando.refresh_from_db()
        assert bando.stato == Bando.Stato.IN_VALUTAZIONE


class TestRulesFrozen:
    def test_rules_cannot_change_once_applications_can_be_submitted(self):
        bando = closed_bando()
        regole = RegoleSelezione.objects.create(bando=bando)  # the defaults may always be recorded
        regole.soglia_minima = Decimal("60")
        with pytest.raises(ValidationError, match="non si possono più cambiare"):
            regole.save()
        with pytest.raises(ValidationError, match="non si possono più cambiare"):
            RegoleSelezione(bando=closed_bando(), finanziamento_parziale=False).save()


def test_the_president_keeps_a_draft_consensus_sheet(staff_user):
    bando = closed_bando()
    Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.BOZZA)
    RegoleSelezione.objects.create(bando=Bando.objects.get(pk=bando.pk), modalita_punteggio="consenso")
    Bando.objects.filter(pk=bando.pk).update(stato=Bando.Stato.PUBBLICATO)
    presidente, membro = board(bando, size=2)
    c = in_valutazione(SubmittedCandidaturaFactory(bando=bando), staff=staff_user, membri=[presidente, membro])
    sheet = score(c, presidente, [30, 30], submit=False, consenso=True)
    assert list(Valutazione.objects.visible_to(presidente.utente)) == [sheet]
    assert not Valutazione.objects.visible_to(membro.utente).exists()
