"""Minutes approved by a recorded vote at a later meeting, corrections as versions, decisions and their actions."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils import timezone
from pypdf import PdfReader

from costellazioni.models import EventoAudit
from governance.models import Azione, Decisione, Riunione, Verbale
from governance.services import azioni, verbali
from tests.governance.conftest import hold
from tests.governance.factories import MembroOrganoFactory, OrganoFactory, PuntoFactory, RiunioneFactory, at

pytestmark = pytest.mark.django_db


def bozza(riunione, staff, testo="Si discute delle priorità."):
    punto = riunione.punti.get(ordine=1)
    return verbali.verbale_write(
        riunione=riunione, actor=staff, premessa="Seduta aperta alle 17.40.", testi={punto.pk: testo}
    )


class TestMinutes:
    def test_draft_then_approval_at_a_later_meeting(self, svolta, successiva, staff):
        verbale = bozza(svolta, staff)
        verbale = verbali.verbale_approve(
            verbale=verbale, in_riunione=successiva, favorevoli=4, contrari=0, astenuti=1, actor=staff
        )
        assert (verbale.stato, verbale.approvato_in, verbale.voti_favorevoli) == ("approvato", successiva, 4)
        assert Riunione.objects.get(pk=svolta.pk).stato == Riunione.Stato.VERBALE_APPROVATO
        eventi = EventoAudit.objects.for_object(verbale).values_list("stato_a", flat=True)
        assert list(eventi) == ["approvato"]

    def test_the_same_meeting_cannot_approve_its_own_minutes(self, svolta, staff):
        with pytest.raises(ValidationError, match="riunione successiva dello stesso organo"):
            verbali.verbale_approve(
                verbale=bozza(svolta, staff), in_riunione=svolta, favorevoli=4, contrari=0, astenuti=0, actor=staff
            )

    def test_another_body_cannot_approve(self, svolta, staff):
        altro = OrganoFactory()
        MembroOrganoFactory(organo=altro)
        altra = hold(RiunioneFactory(organo=altro, inizio=at(-2)), staff, presenti=1)
        with pytest.raises(ValidationError, match="stesso organo"):
            verbali.verbale_approve(
                verbale=bozza(svolta, staff), in_riunione=altra, favorevoli=1, contrari=0, astenuti=0, actor=staff
            )

    def test_no_quorum_no_approval(self, organo, membri, svolta, staff):
        scarsa = hold(RiunioneFactory(organo=organo, inizio=at(-3)), staff, presenti=2)
        with pytest.raises(ValidationError, match="quorum non è stato raggiunto"):
            verbali.verbale_approve(
                verbale=bozza(svolta, staff), in_riunione=scarsa, favorevoli=2, contrari=0, astenuti=0, actor=staff
            )

    def test_a_vote_without_majority_does_not_approve(self, svolta, successiva, staff):
        with pytest.raises(ValidationError, match="non ha ottenuto la maggioranza"):
            verbali.verbale_approve(
                verbale=bozza(svolta, staff), in_riunione=successiva, favorevoli=2, contrari=2, astenuti=1, actor=staff
            )

    def test_more_votes_than_people_are_refused(self, svolta, successiva, staff):
        with pytest.raises(ValidationError, match="superano i presenti"):
            verbali.verbale_approve(
                verbale=bozza(svolta, staff), in_riunione=successiva, favorevoli=6, contrari=0, astenuti=0, actor=staff
            )

    def test_an_approved_minute_without_a_vote_is_refused_by_the_database(self, svolta, successiva, staff):
        verbale = bozza(svolta, staff)
        with pytest.raises(IntegrityError, match="verbale_approvato_con_voto"):
            Verbale.objects.filter(pk=verbale.pk).update(stato="approvato", approvato_in=successiva)

    def test_a_correction_is_a_new_version_with_its_reason(self, svolta, successiva, organo, staff):
        primo = verbali.verbale_approve(
            verbale=bozza(svolta, staff), in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff
        )
        with pytest.raises(ValidationError, match="motivo della correzione"):
            verbali.verbale_correct(riunione=svolta, actor=staff, motivo=" ", testi={}, premessa="")
        correzione = verbali.verbale_correct(
            riunione=svolta,
            actor=staff,
            motivo="Il nome di un ente era sbagliato.",
            testi={svolta.punti.get(ordine=1).pk: "Testo corretto."},
            premessa="Seduta aperta alle 17.40.",
        )
        assert correzione.versione == 2 and correzione.stato == "bozza"
        assert Verbale.objects.get(pk=primo.pk).stato == "approvato"  # in force until the correction is approved
        terza = hold(RiunioneFactory(organo=organo, inizio=at(-1)), staff, presenti=5)
        verbali.verbale_approve(
            verbale=correzione, in_riunione=terza, favorevoli=5, contrari=0, astenuti=0, actor=staff
        )
        assert dict(Verbale.objects.filter(riunione=svolta).values_list("versione", "stato")) == {
            1: "sostituito",
            2: "approvato",
        }
        sostituzione = EventoAudit.objects.for_object(primo).get(stato_a="sostituito")
        assert sostituzione.nota == "Il nome di un ente era sbagliato."

    def test_an_approved_minute_is_not_rewritten_in_place(self, svolta, successiva, staff):
        verbali.verbale_approve(
            verbale=bozza(svolta, staff), in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff
        )
        with pytest.raises(ValidationError, match="avvia una correzione"):
            bozza(svolta, staff, testo="Riscritto")

    def test_minutes_are_written_only_after_the_meeting(self, organo, membri, staff):
        futura = RiunioneFactory(organo=organo)
        PuntoFactory(riunione=futura, ordine=1)
        with pytest.raises(ValidationError, match="dopo che la riunione si è svolta"):
            bozza(futura, staff)

    def test_the_pdf_has_the_items_decisions_and_the_vote(self, svolta, successiva, staff):
        verbale = bozza(svolta, staff, testo="Gli enti discutono le priorità.")
        verbali.decisione_record(
            punto=svolta.punti.get(ordine=1), actor=staff, testo="Priorità agli anziani soli.", favorevoli=4, contrari=0
        )
        verbale = verbali.verbale_approve(
            verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff
        )
        import io

        text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(verbali.verbale_pdf(verbale))).pages)
        for expected in [
            "Priorità per il 2027",
            "Gli enti discutono le priorità.",
            "Priorità agli anziani soli.",
            "5 voti favorevoli",
        ]:
            assert expected in text


class TestDecisions:
    def test_a_vote_sets_the_outcome(self, svolta, staff):
        punto = svolta.punti.get(ordine=1)
        approvata = verbali.decisione_record(punto=punto, actor=staff, testo="Sì", favorevoli=3, contrari=1, astenuti=0)
        respinta = verbali.decisione_record(punto=punto, actor=staff, testo="No", favorevoli=1, contrari=3, astenuti=0)
        consenso = verbali.decisione_record(punto=punto, actor=staff, testo="Condivisa")
        assert [approvata.esito, respinta.esito, consenso.esito] == ["approvata", "respinta", "consenso"]

    def test_half_a_vote_is_refused(self, svolta, staff):
        with pytest.raises(ValidationError, match="sia i voti favorevoli sia quelli contrari"):
            verbali.decisione_record(punto=svolta.punti.get(ordine=1), actor=staff, testo="?", favorevoli=3)

    def test_the_database_refuses_an_approval_without_majority(self, svolta, staff):
        decisione = verbali.decisione_record(
            punto=svolta.punti.get(ordine=1), actor=staff, testo="Sì", favorevoli=3, contrari=1
        )
        with pytest.raises(IntegrityError, match="decisione_approvata_a_maggioranza"):
            Decisione.objects.filter(pk=decisione.pk).update(voti_contrari=5)

    def test_orientations_belong_to_the_strategic_level(self, staff):
        comitato = OrganoFactory(comitato=True)
        MembroOrganoFactory(organo=comitato)
        riunione = hold(RiunioneFactory(organo=comitato, inizio=at(-2)), staff, presenti=1)
        punto = PuntoFactory(riunione=riunione, ordine=1)
        with pytest.raises(ValidationError, match="orientamenti strategici sono dell'assemblea"):
            verbali.decisione_record(punto=punto, actor=staff, tipo="orientamento", testo="Indirizzo")


@pytest.fixture
def catena(svolta, staff):
    """An assembly orientation, and the committee's activity that implements it (held three weeks ago)."""
    orientamento = verbali.decisione_record(
        punto=svolta.punti.get(ordine=1), actor=staff, tipo="orientamento", testo="Priorità agli anziani soli"
    )
    comitato = OrganoFactory(comitato=True)
    MembroOrganoFactory(organo=comitato, presidente=True)
    riunione = hold(RiunioneFactory(organo=comitato, inizio=at(-21)), staff, presenti=1)
    attivita = verbali.decisione_record(
        punto=PuntoFactory(riunione=riunione, ordine=1),
        actor=staff,
        tipo="attivita",
        testo="Punti di ascolto al Lido",
        orientamento=orientamento,
    )
    return orientamento, attivita


class TestActionsAndResults:
    def test_open_actions_are_carried_to_every_later_meeting_until_closed(self, catena, staff):
        _orientamento, attivita = catena
        comitato = attivita.punto.riunione.organo
        responsabile = MembroOrganoFactory(organo=comitato).user
        azione = azioni.azione_create(
            decisione=attivita,
            actor=staff,
            descrizione="Trovare le sedi",
            scadenza=timezone.localdate() + datetime.timedelta(days=10),
            responsabile=responsabile,
        )
        seconda = RiunioneFactory(organo=comitato, inizio=at(-7))
        terza = RiunioneFactory(organo=comitato, inizio=at(10))
        assert list(Azione.objects.da_verificare_in(seconda)) == [azione]
        assert list(Azione.objects.da_verificare_in(terza)) == [azione]
        assert list(Azione.objects.da_verificare_in(attivita.punto.riunione)) == []  # not before its own meeting
        azioni.azione_update(azione=azione, actor=responsabile, nota="Sedi trovate.", to="completata", riunione=seconda)
        assert list(Azione.objects.da_verificare_in(terza)) == []
        azione.refresh_from_db()
        assert azione.chiusa_il is not None
        assert [a.riunione for a in azione.aggiornamenti.all()] == [seconda]

    def test_somebody_else_cannot_update_an_action(self, catena, staff):
        _orientamento, attivita = catena
        azione = azioni.azione_create(
            decisione=attivita,
            actor=staff,
            descrizione="Trovare le sedi",
            scadenza=timezone.localdate(),
            responsabile=staff,
        )
        with pytest.raises(PermissionDenied, match="Non puoi aggiornare"):
            azioni.azione_update(azione=azione, actor=MembroOrganoFactory().user, nota="Fatto", to="completata")

    def test_an_action_has_an_owner(self, catena, staff):
        _orientamento, attivita = catena
        with pytest.raises(ValidationError, match="azione_ha_un_responsabile"):
            azioni.azione_create(
                decisione=attivita, actor=staff, descrizione="Senza nessuno", scadenza=timezone.localdate()
            )

    def test_cancelling_an_action_needs_a_reason(self, catena, staff):
        _orientamento, attivita = catena
        azione = azioni.azione_create(
            decisione=attivita,
            actor=staff,
            descrizione="Trovare le sedi",
            scadenza=timezone.localdate(),
            responsabile=staff,
        )
        with pytest.raises(ValidationError, match="a che punto è l'azione"):
            azioni.azione_transition(azione=azione, to="annullata", actor=staff)

    def test_expected_results_come_from_the_committee(self, catena, staff):
        orientamento, attivita = catena
        risultato = azioni.risultato_create(
            decisione=attivita, actor=staff, descrizione="Anziani raggiunti", indicatore="Persone over 75", target="120"
        )
        assert risultato.stato == "previsto"
        with pytest.raises(ValidationError, match="comitato di gestione"):
            azioni.risultato_create(
                decisione=orientamento, actor=staff, descrizione="Anziani", indicatore="Persone", target="120"
            )


def test_an_expected_result_moves_through_the_table_with_its_note(catena, staff):
    _orientamento, attivita = catena
    risultato = azioni.risultato_create(
        decisione=attivita, actor=staff, descrizione="Anziani raggiunti", indicatore="Over 75", target="120"
    )
    azioni.risultato_set_stato(risultato=risultato, actor=staff, stato="in_corso", nota="Primi 40 colloqui.")
    assert EventoAudit.objects.for_object(risultato).get().nota == "Primi 40 colloqui."
    with pytest.raises(PermissionDenied, match="Non hai i permessi"):
        azioni.risultato_set_stato(risultato=risultato, actor=MembroOrganoFactory().user, stato="raggiunto")
