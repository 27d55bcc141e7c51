"""Istruttoria: checklist, outcomes, soccorso istruttorio with its deadline, preavviso di rigetto's ten days."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from contributi import services
from contributi.models import Candidatura, Preavviso, VerificaChecklist, VoceChecklist
from costellazioni.models import EventoAudit, Messaggio
from tests.contributi.factories import (
    PDF_BYTES,
    SubmittedCandidaturaFactory,
    closed_bando,
    open_bando,
    referente,
)

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


@pytest.fixture
def applicant():
    return referente()


@pytest.fixture
def candidatura(applicant):
    _user, ente = applicant
    bando = closed_bando()
    VoceChecklist.objects.create(bando=bando, testo="Statuto conforme", ordine=1)
    VoceChecklist.objects.create(bando=bando, testo="Firma del legale rappresentante", ordine=2)
    VoceChecklist.objects.create(bando=bando, testo="Preventivi allegati", bloccante=False, ordine=3)
    return SubmittedCandidaturaFactory(bando=bando, ente=ente)


def _answer_all(candidatura, staff, *, ok=True):
    risposte = {v.pk: (ok, "Verificato.") for v in candidatura.bando.checklist.all()}
    services.checklist_save(candidatura=candidatura, actor=staff, risposte=risposte)


class TestStart:
    def test_refused_while_the_call_is_open(self, staff_user, applicant):
        c = SubmittedCandidaturaFactory(bando=open_bando(), ente=applicant[1])
        with pytest.raises(ValidationError, match="ancora aperto"):
            services.istruttoria_start(candidatura=c, actor=staff_user)

    def test_opens_the_checklist_and_records_the_audit_row(self, staff_user, candidatura):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        assert c.stato == S.IN_ISTRUTTORIA
        assert VerificaChecklist.objects.filter(candidatura=c, soddisfatta__isnull=True).count() == 3
        assert EventoAudit.objects.for_object(c).filter(stato_a=S.IN_ISTRUTTORIA).exists()

    def test_only_staff(self, candidatura, applicant):
        with pytest.raises(PermissionDenied, match="Non hai i permessi"):
            services.istruttoria_start(candidatura=candidatura, actor=applicant[0])


class TestAmmissibile:
    def test_requires_every_item_verified(self, staff_user, candidatura):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        with pytest.raises(ValidationError, match="non ancora verificato"):
            services.istruttoria_ammissibile(candidatura=c, actor=staff_user)

    def test_a_blocking_item_not_met_refuses(self, staff_user, candidatura):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        _answer_all(c, staff_user, ok=False)
        with pytest.raises(ValidationError, match="non soddisfatto"):
            services.istruttoria_ammissibile(candidatura=c, actor=staff_user)

    def test_a_non_blocking_item_not_met_still_admits(self, staff_user, candidatura):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        _answer_all(c, staff_user)
        voce = c.bando.checklist.get(bloccante=False)
        services.checklist_save(candidatura=c, actor=staff_user, risposte={voce.pk: (False, "Mancano due preventivi.")})
        c = services.istruttoria_ammissibile(candidatura=c, actor=staff_user)
        assert c.stato == S.AMMISSIBILE
        assert Messaggio.objects.filter(oggetto__contains="ammissibile").exists()


class TestIntegrazioni:
    def test_request_tells_the_applicant_with_the_deadline(
        self, staff_user, candidatura, applicant, django_capture_on_commit_callbacks
    ):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        with django_capture_on_commit_callbacks(execute=True):
            richiesta = services.integrazioni_request(
                candidatura=c,
                actor=staff_user,
                testo="Manca lo statuto firmato.",
                scadenza=datetime(2026, 12, 10, 12, 0, tzinfo=ZoneInfo("Europe/Rome")),
                now=datetime(2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Europe/Rome")),
            )
        c.refresh_from_db()
        assert c.stato == S.INTEGRAZIONI_RICHIESTE
        messaggio = Messaggio.objects.get(destinatario=applicant[0], oggetto__startswith="Integrazioni richieste")
        assert "Manca lo statuto firmato." in messaggio.testo
        assert "entro giovedì 10 dicembre 2026 alle 12:00 (ora di Roma)" in messaggio.testo
        assert any("Integrazioni richieste" in m.subject for m in mail.outbox)
        assert richiesta.is_pending

    def test_reply_with_pdf_returns_to_review(self, staff_user, candidatura, applicant):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        richiesta = services.integrazioni_request(
            candidatura=c, actor=staff_user, testo="Statuto.", scadenza=timezone.now() + timedelta(days=10)
        )
        services.integrazioni_reply(
            richiesta=richiesta,
            actor=applicant[0],
            risposta="Ecco lo statuto.",
            files=[SimpleUploadedFile("statuto.pdf", PDF_BYTES)],
        )
        richiesta.refresh_from_db()
        c.refresh_from_db()
        assert c.stato == S.IN_ISTRUTTORIA
        assert richiesta.risposta_il is not None
        documento = richiesta.documenti.get()
        assert documento.content_type == "application/pdf" and len(documento.sha256) == 64
        officer_message = Messaggio.objects.get(destinatario=staff_user, oggetto__startswith="Integrazioni ricevute")
        assert officer_message.link == f"/admin/contributi/candidatura/{c.pk}/change/"

    def test_reply_after_the_deadline_is_refused_in_italian(self, staff_user, candidatura, applicant):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        scadenza = timezone.now() + timedelta(days=2)
        richiesta = services.integrazioni_request(candidatura=c, actor=staff_user, testo="Statuto.", scadenza=scadenza)
        with pytest.raises(PermissionDenied, match="termine per inviare le integrazioni è scaduto"):
            services.integrazioni_reply(
                richiesta=richiesta, actor=applicant[0], risposta="Tardi.", now=scadenza + timedelta(minutes=1)
            )
        c.refresh_from_db()
        assert c.stato == S.INTEGRAZIONI_RICHIESTE

    def test_a_file_that_is_not_a_pdf_is_refused(self, staff_user, candidatura, applicant):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        richiesta = services.integrazioni_request(
            candidatura=c, actor=staff_user, testo="Statuto.", scadenza=timezone.now() + timedelta(days=2)
        )
        with pytest.raises(ValidationError, match="non è un PDF"):
            services.integrazioni_reply(
                richiesta=richiesta,
                actor=applicant[0],
                risposta="",
                files=[SimpleUploadedFile("finto.pdf", b"MZ\x90\x00 not a pdf")],
            )

    def test_another_ente_cannot_reply(self, staff_user, candidatura):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        richiesta = services.integrazioni_request(
            candidatura=c, actor=staff_user, testo="Statuto.", scadenza=timezone.now() + timedelta(days=2)
        )
        other, _ente = referente()
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente"):
            services.integrazioni_reply(richiesta=richiesta, actor=other, risposta="Io.")

    def test_staff_resume_only_after_the_deadline(self, staff_user, candidatura):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        scadenza = timezone.now() + timedelta(days=2)
        richiesta = services.integrazioni_request(candidatura=c, actor=staff_user, testo="Statuto.", scadenza=scadenza)
        with pytest.raises(ValidationError, match="non è ancora scaduto"):
            services.integrazioni_close(richiesta=richiesta, actor=staff_user)
        services.integrazioni_close(richiesta=richiesta, actor=staff_user, now=scadenza + timedelta(hours=1))
        c.refresh_from_db()
        assert c.stato == S.IN_ISTRUTTORIA


class TestPreavviso:
    def _preavviso(self, staff, candidatura, now=None):
        c = services.istruttoria_start(candidatura=candidatura, actor=staff)
        return services.preavviso_send(candidatura=c, actor=staff, motivi="Ente non iscritto al RUNTS.", now=now)

    def test_gives_ten_days_and_tells_the_applicant(self, staff_user, candidatura, applicant):
        p = self._preavviso(staff_user, candidatura)
        assert p.scadenza - p.inviato_il == timedelta(days=10)
        assert Messaggio.objects.filter(destinatario=applicant[0], testo__contains="RUNTS").exists()

    def test_decision_waits_for_observations_or_ten_days(self, staff_user, candidatura):
        sent = timezone.now()
        p = self._preavviso(staff_user, candidatura, now=sent)
        with pytest.raises(ValidationError, match="ha tempo fino"):
            services.preavviso_decide(
                preavviso=p,
                actor=staff_user,
                esito=Preavviso.Esito.CONFERMATO,
                considerazioni="x",
                now=sent + timedelta(days=9, hours=23),
            )
        p = services.preavviso_decide(
            preavviso=p,
            actor=staff_user,
            esito=Preavviso.Esito.CONFERMATO,
            considerazioni="",
            now=sent + timedelta(days=10, minutes=1),
        )
        c = Candidatura.objects.get(pk=candidatura.pk)
        assert c.stato == S.NON_AMMISSIBILE
        assert "Nessuna osservazione" in p.considerazioni
        audit = EventoAudit.objects.for_object(c).get(stato_a=S.NON_AMMISSIBILE)
        assert "RUNTS" in audit.nota and "Nessuna osservazione" in audit.nota

    def test_observations_allow_an_early_decision_that_records_them(self, staff_user, candidatura, applicant):
        p = self._preavviso(staff_user, candidatura)
        services.preavviso_observations(preavviso=p, actor=applicant[0], osservazioni="Siamo iscritti dal 2024.")
        officer_message = Messaggio.objects.get(
            destinatario=staff_user, oggetto__startswith="Osservazioni al preavviso"
        )
        assert officer_message.link == f"/admin/contributi/preavviso/{p.pk}/change/"
        with pytest.raises(ValidationError, match="come sono state considerate le osservazioni"):
            services.preavviso_decide(preavviso=p, actor=staff_user, esito=Preavviso.Esito.SUPERATO, considerazioni="")
        p = services.preavviso_decide(
            preavviso=p,
            actor=staff_user,
            esito=Preavviso.Esito.SUPERATO,
            considerazioni="Iscrizione verificata sul RUNTS: il motivo è superato.",
        )
        c = Candidatura.objects.get(pk=candidatura.pk)
        assert c.stato == S.IN_ISTRUTTORIA  # the review goes on
        _answer_all(c, staff_user)
        assert services.istruttoria_ammissibile(candidatura=c, actor=staff_user).stato == S.AMMISSIBILE

    def test_observations_after_ten_days_are_refused(self, staff_user, candidatura, applicant):
        p = self._preavviso(staff_user, candidatura)
        with pytest.raises(PermissionDenied, match="10 giorni"):
            services.preavviso_observations(
                preavviso=p, actor=applicant[0], osservazioni="Tardi.", now=p.scadenza + timedelta(seconds=1)
            )

    def test_admissible_refused_while_a_preavviso_is_open(self, staff_user, candidatura):
        p = self._preavviso(staff_user, candidatura)
        _answer_all(p.candidatura, staff_user)
        with pytest.raises(ValidationError, match="preavviso"):
            services.istruttoria_ammissibile(candidatura=p.candidatura, actor=staff_user)

    def test_non_ammissibile_cannot_skip_the_preavviso(self, candidatura, staff_user):
        """The only way to non ammissibile is preavviso_decide; the transition still needs its motivation."""
        c = services.istruttoria_start(candidatura=candidatura, actor=staff_user)
        with pytest.raises(ValidationError, match="Scrivi la motivazione"):
            services.candidatura_transition(candidatura=c, to=S.NON_AMMISSIBILE, actor=staff_user, note="")
