import io
import threading
from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from pypdf import PdfReader

from contributi import services
from contributi.models import Bando, Candidatura
from costellazioni.formatting import deadline
from costellazioni.models import EventoAudit, Messaggio, Protocollo
from tests.contributi.factories import PDF_BYTES, complete_draft, open_bando, referente
from tests.costellazioni.factories import EnteFactory, StaffFactory

pytestmark = pytest.mark.django_db
ROME = ZoneInfo("Europe/Rome")


def submit(c, user, now=None):
    return services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True, now=now)


class TestSubmit:
    def test_submission_takes_protocol_number_snapshot_and_receipt(self, django_capture_on_commit_callbacks):
        bando = open_bando()
        user, ente = referente()
        with django_capture_on_commit_callbacks(execute=True):
            c = submit(complete_draft(bando=bando, user=user, ente=ente), user)
        assert c.stato == Candidatura.Stato.PRESENTATA
        assert c.numero_protocollo.endswith("/000001")
        assert c.snapshot["budget"]["importo_richiesto"] == "13000.00"
        assert len(c.snapshot_sha256) == 64
        assert EventoAudit.objects.for_object(c).filter(stato_a="presentata").exists()
        c.refresh_from_db()
        text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(c.ricevuta.read())).pages)
        assert c.numero_protocollo in text
        assert mail.outbox[-1].attachments[0][2] == "application/pdf"

    def test_submitted_application_is_read_only(self):
        bando = open_bando()
        user, ente = referente()
        c = submit(complete_draft(bando=bando, user=user, ente=ente), user)
        with pytest.raises(PermissionDenied, match="già stata presentata"):
            services.candidatura_save_impatto(candidatura=c, actor=user, impatto={})

    def test_missing_attachment_and_declarations_refused_without_protocol(self):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        c.allegati.all().delete()
        with pytest.raises(ValidationError) as error:
            services.candidatura_submit(candidatura=c, actor=user, veridicita=False, privacy=True)
        assert "Manca l'allegato obbligatorio «Statuto»." in error.value.messages
        assert Protocollo.objects.count() == 0
        c.refresh_from_db()
        assert c.is_draft

    def test_one_application_per_ente(self):
        bando = open_bando()
        user, ente = referente()
        submit(complete_draft(bando=bando, user=user, ente=ente), user)
        with pytest.raises(ValidationError, match="già"):
            services.candidatura_start(bando=bando, ente=ente, actor=user)

    def test_other_ente_referente_cannot_submit(self):
        bando = open_bando()
        user, ente = referente()
        intruder, _other = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente"):
            submit(c, intruder)

    def test_withdraw_until_close(self):
        bando = open_bando()
        user, ente = referente()
        c = submit(complete_draft(bando=bando, user=user, ente=ente), user)
        with pytest.raises(PermissionDenied, match="Il bando è chiuso"):
            services.candidatura_withdraw(candidatura=c, actor=user, now=bando.termine)
        c = services.candidatura_withdraw(candidatura=c, actor=user)
        assert c.stato == Candidatura.Stato.RITIRATA


class TestDeadline:
    def _bando_closing_at(self, chiusura):
        return open_bando(apertura=chiusura - timedelta(days=30), chiusura=chiusura)

    @pytest.mark.parametrize(
        "chiusura",
        [
            datetime(2026, 10, 25, 2, 30, tzinfo=ROME),  # ambiguous hour: the clock goes back at 03:00 CEST
            datetime(2026, 3, 29, 12, 0, tzinfo=ROME),  # day the clock goes forward
            datetime(2026, 11, 30, 12, 0, tzinfo=ROME),
        ],
    )
    def test_one_second_before_accepted_one_second_after_refused(self, chiusura):
        bando = self._bando_closing_at(chiusura)
        user, ente = referente()
        before = chiusura - timedelta(seconds=1)
        c = complete_draft(bando=bando, user=user, ente=ente, now=before)
        late = chiusura + timedelta(seconds=1)
        with pytest.raises(PermissionDenied, match="Il bando si è chiuso"):
            submit(c, user, now=late)
        c.refresh_from_db()
        assert c.is_draft and c.titolo == "Cucine di quartiere"
        assert submit(c, user, now=before).stato == Candidatura.Stato.PRESENTATA

    def test_exactly_at_close_is_refused(self):
        chiusura = datetime(2026, 10, 25, 12, 0, tzinfo=ROME)
        bando = self._bando_closing_at(chiusura)
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente, now=chiusura - timedelta(hours=1))
        with pytest.raises(PermissionDenied, match="si è chiuso"):
            submit(c, user, now=chiusura)

    def test_extension_by_rettifica_reopens_submission(self):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        late = bando.chiusura + timedelta(hours=1)
        services.rettifica_publish(
            bando=bando,
            actor=StaffFactory(),
            oggetto="Proroga",
            testo="Termine prorogato.",
            nuova_chiusura=bando.chiusura + timedelta(days=2),
        )
        assert submit(c, user, now=late).stato == Candidatura.Stato.PRESENTATA


class TestEligibilityAndBudget:
    def test_ente_kind_runts_and_territory(self, django_assert_max_num_queries):
        from costellazioni.models import Municipalita, Quartiere

        bando = open_bando(tipi_ente_ammessi=["odv"], runts_obbligatorio=True)
        m = Municipalita.objects.create(nome="Test Mestre", slug="test-mestre", numero=9)
        quartiere = Quartiere.objects.create(
            municipalita=m, nome="Test Bissuola", slug="test-bissuola", latitudine=45.49, longitudine=12.25
        )
        bando.quartieri.add(quartiere)
        user, ente = referente(EnteFactory(verified=True, quartiere=None))
        c = complete_draft(bando=bando, user=user, ente=ente)
        c.quartieri.clear()
        errors = services.eligibility_errors(c)
        assert len(errors) == 3

    def test_budget_limits_and_cofinancing(self):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        assert services.budget_errors(c) == []
        c = services.candidatura_save_budget(
            candidatura=c,
            actor=user,
            cofinanziamento=Decimal("100"),
            voci=[{"categoria": "personale", "descrizione": "Educatori", "importo": Decimal("40000")}],
        )
        errors = services.budget_errors(c)
        assert any("supera il massimo" in e for e in errors)
        assert any("cofinanziamento deve coprire" in e for e in errors)

    def test_cofinancing_above_total_refused(self):
        bando = open_bando()
        user, ente = referente()
        c = services.candidatura_start(bando=bando, ente=ente, actor=user)
        with pytest.raises(ValidationError, match="non può superare il costo totale"):
            services.candidatura_save_budget(
                candidatura=c,
                actor=user,
                cofinanziamento=Decimal("100"),
                voci=[{"categoria": "beni", "descrizione": "Sedie", "importo": Decimal("50")}],
            )


class TestAttachments:
    def _draft(self):
        bando = open_bando()
        user, ente = referente()
        return bando, user, services.candidatura_start(bando=bando, ente=ente, actor=user)

    def test_renamed_executable_refused(self):
        bando, user, c = self._draft()
        exe = SimpleUploadedFile("statuto.pdf", b"MZ\x90\x00" + b"\x00" * 100, content_type="application/pdf")
        with pytest.raises(ValidationError, match="non è un PDF"):
            services.allegato_upload(
                candidatura=c, actor=user, richiesto=bando.allegati_richiesti.first(), uploaded=exe
            )

    def test_size_limit(self, settings):
        settings.UPLOAD_MAX_BYTES = 100
        bando, user, c = self._draft()
        big = SimpleUploadedFile("statuto.pdf", PDF_BYTES + b"0" * 200)
        with pytest.raises(ValidationError, match="dimensione massima"):
            services.allegato_upload(
                candidatura=c, actor=user, richiesto=bando.allegati_richiesti.first(), uploaded=big
            )

    def test_pdf_stored_privately_with_digest(self, settings):
        bando, user, c = self._draft()
        a = services.allegato_upload(
            candidatura=c,
            actor=user,
            richiesto=bando.allegati_richiesti.first(),
            uploaded=SimpleUploadedFile("s.pdf", PDF_BYTES),
        )
        assert a.file.path.startswith(settings.MEDIA_ROOT + "/privato/")
        assert len(a.sha256) == 64 and a.content_type == "application/pdf"
        assert a.file.url == f"/bandi/allegati/{a.pk}/"  # the permission-checked view, never a storage URL


class TestFrozenCall:
    def test_published_call_refuses_changes_to_frozen_fields(self):
        bando = open_bando()
        bando.contributo_massimo = Decimal("50000")
        with pytest.raises(ValidationError, match="si corregge solo con una rettifica"):
            bando.save()
        with pytest.raises(ValidationError, match="criteri e allegati richiesti si correggono solo con una rettifica"):
            bando.criteri.first().delete()
        bando.refresh_from_db()
        bando.descrizione = "Testo corretto."
        bando.save()

    def test_publish_requires_criteria(self):
        from tests.contributi.factories import BandoFactory

        bando = BandoFactory(criteri=False)
        with pytest.raises(ValidationError, match="criteri di valutazione"):
            services.bando_publish(bando=bando, actor=StaffFactory())

    def test_publish_requires_the_tranche_plan(self):
        from contributi.models import Bando
        from contributi.services.erogazioni import PIANO_PREDEFINITO
        from tests.contributi.factories import BandoFactory

        bando, staff = BandoFactory(), StaffFactory()
        with pytest.raises(ValidationError, match="piano delle tranche di pagamento"):
            services.bando_publish(bando=bando, actor=staff)
        assert Bando.objects.get(pk=bando.pk).stato == Bando.Stato.BOZZA
        services.tranche_plan_set(bando=bando, actor=staff, tranche=PIANO_PREDEFINITO)
        assert services.bando_publish(bando=bando, actor=staff).stato == Bando.Stato.PUBBLICATO


class TestStepEnte:
    def test_confirming_updates_the_ente_and_the_application_keeps_a_copy(self):
        bando = open_bando()
        user, ente = referente()
        c = services.candidatura_start(bando=bando, ente=ente, actor=user)
        dati = {"denominazione": ente.denominazione, "codice_fiscale": ente.codice_fiscale, "pec": "aps@pec.example.it"}
        c = services.candidatura_save_ente(candidatura=c, actor=user, dati=dati)
        ente.refresh_from_db()
        assert ente.pec == "aps@pec.example.it"
        assert c.dati_ente["pec"] == "aps@pec.example.it"
        assert c.dati_ente["codice_fiscale"] == ente.codice_fiscale
        assert EventoAudit.objects.for_object(ente).get().autore == user

    def test_the_codice_fiscale_of_a_verified_ente_is_refused_and_nothing_is_saved(self):
        bando = open_bando()
        user, ente = referente()
        c = services.candidatura_start(bando=bando, ente=ente, actor=user)
        with pytest.raises(ValidationError) as error:
            services.candidatura_save_ente(
                candidatura=c, actor=user, dati={"codice_fiscale": "80012340271", "pec": "aps@pec.example.it"}
            )
        assert "codice_fiscale" in error.value.message_dict
        ente.refresh_from_db()
        c.refresh_from_db()
        assert ente.pec == "" and Candidatura.Passo.ENTE not in c.passi_completati


class TestRettifica:
    def test_extension_moves_the_deadline_and_is_audited(self):
        bando, staff = open_bando(), StaffFactory()
        nuova = bando.termine + timedelta(days=7)
        r = services.rettifica_publish(
            bando=bando, actor=staff, oggetto="Proroga", testo="Si proroga.", nuova_chiusura=nuova
        )
        bando.refresh_from_db()
        assert (r.numero, bando.termine) == (1, nuova)
        assert EventoAudit.objects.for_object(bando).filter(nota="Proroga").exists()

    def test_applicants_are_told_but_not_those_who_withdrew(self):
        bando, staff = open_bando(), StaffFactory()
        drafting, ente = referente()
        services.candidatura_start(bando=bando, ente=ente, actor=drafting)
        withdrawn, ente = referente()
        c = submit(complete_draft(bando=bando, user=withdrawn, ente=ente), withdrawn)
        services.candidatura_withdraw(candidatura=c, actor=withdrawn)
        bystander, _ente = referente()
        nuova = bando.termine + timedelta(days=7)
        services.rettifica_publish(bando=bando, actor=staff, oggetto="Proroga", testo="T.", nuova_chiusura=nuova)
        assert list(Messaggio.objects.values_list("destinatario", flat=True)) == [drafting.pk]
        messaggio = Messaggio.objects.get()
        assert messaggio.link == bando.get_absolute_url()
        assert f"Nuova scadenza: entro {deadline(nuova)} (ora di Roma)." in messaggio.testo

    def test_a_pdf_is_stored_and_anything_else_refused(self):
        bando, staff = open_bando(), StaffFactory()
        with pytest.raises(ValidationError) as error:
            services.rettifica_publish(
                bando=bando, actor=staff, oggetto="Errata", testo="T", documento=SimpleUploadedFile("a.pdf", b"MZ")
            )
        assert "documento" in error.value.message_dict
        assert not bando.rettifiche.exists()
        r = services.rettifica_publish(
            bando=bando, actor=staff, oggetto="Errata", testo="T", documento=SimpleUploadedFile("a.pdf", PDF_BYTES)
        )
        assert r.documento.read() == PDF_BYTES


@pytest.mark.usefixtures("committed_db")
def test_concurrent_submissions_keep_protocol_numbers_gapless():
    bando = open_bando()
    drafts = []
    for _i in range(12):
        user, ente = referente()
        drafts.append((complete_draft(bando=bando, user=user, ente=ente), user))
    barrier = threading.Barrier(len(drafts))
    errors = []

    def run(c, user):
        try:
            barrier.wait()
            submit(c, user)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in drafts]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    numbers = sorted(Protocollo.objects.values_list("numero", flat=True))
    assert numbers == list(range(1, 13))
    assert Bando.objects.get(pk=bando.pk).candidature.submitted().count() == 12
