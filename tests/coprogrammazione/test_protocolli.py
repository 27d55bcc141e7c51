"""MOUs: the document, the all-parties signature rule, the signed-copy check, transitions and renewals."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from coprogrammazione import services
from coprogrammazione.models import Impegno, ParteProtocollo, ProtocolloIntesa
from costellazioni.models import EventoAudit
from tests.coprogrammazione.factories import (
    ImpegnoFactory,
    ParteFactory,
    pdf_upload,
    protocollo_with_parties,
    referente_of,
    sign_everyone,
    signed_copy,
)
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
P = ProtocolloIntesa.Stato


@pytest.fixture
def staff():
    return StaffFactory()


@pytest.fixture
def in_firma(staff):
    protocollo, parti = protocollo_with_parties(n_enti=2)
    ImpegnoFactory(parte=parti[0])
    return services.protocollo_send_for_signature(protocollo=protocollo, actor=staff)


class TestDocument:
    def test_same_text_keeps_the_version_a_new_text_gets_a_new_one(self, staff):
        protocollo, _parti = protocollo_with_parties()
        first = services.protocollo_document(protocollo=protocollo)
        assert first.versione == 1 and len(first.impronta) == 64 and first.documento
        again = services.protocollo_document(protocollo=first)
        assert (again.versione, again.impronta) == (1, first.impronta)
        ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(testo="Art. 1 — Un altro testo.")
        changed = services.protocollo_document(protocollo=protocollo)
        assert changed.versione == 2 and changed.impronta != first.impronta

    def test_the_pdf_carries_version_and_digest(self, in_firma):
        from pypdf import PdfReader

        with in_firma.documento.open("rb") as handle:
            reader = PdfReader(handle)
            assert reader.metadata["/Subject"] == in_firma.codice_documento
            assert f"v{in_firma.versione}-" in in_firma.codice_documento

    def test_send_for_signature_needs_the_city_and_an_ente(self, staff):
        protocollo, _parti = protocollo_with_parties(n_enti=0)
        ParteFactory(protocollo=protocollo)
        protocollo.parti.filter(ente__isnull=True).delete()
        with pytest.raises(ValidationError, match="almeno due parti"):
            services.protocollo_send_for_signature(protocollo=protocollo, actor=staff)

    def test_only_staff_send_for_signature(self):
        protocollo, parti = protocollo_with_parties()
        with pytest.raises(PermissionDenied, match="permessi"):
            services.protocollo_send_for_signature(protocollo=protocollo, actor=referente_of(parti[0].ente))


class TestSignatures:
    def test_firmato_only_when_every_party_has_signed(self, in_firma, staff):
        comune, primo, secondo = in_firma.parti.order_by("pk")
        services.parte_sign(parte=comune, file=signed_copy(in_firma), actor=staff)
        services.parte_sign(parte=primo, file=signed_copy(in_firma), actor=referente_of(primo.ente))
        in_firma.refresh_from_db()
        assert in_firma.stato == P.IN_FIRMA
        services.parte_sign(parte=secondo, file=signed_copy(in_firma), actor=referente_of(secondo.ente))
        in_firma.refresh_from_db()
        assert in_firma.stato == P.FIRMATO
        secondo.refresh_from_db()
        assert secondo.firma_verifica == ParteProtocollo.Verifica.CODICE
        assert secondo.firma_versione == in_firma.versione and len(secondo.firma_sha256) == 64
        assert EventoAudit.objects.for_object(in_firma).filter(stato_a=P.FIRMATO).count() == 1

    def test_the_database_refuses_a_signed_mou_with_a_missing_signature(self, in_firma):
        with pytest.raises(IntegrityError, match="not every party has signed"), transaction.atomic():
            ProtocolloIntesa.objects.filter(pk=in_firma.pk).update(stato=P.FIRMATO)
            with transaction.get_connection().cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def test_the_database_refuses_removing_a_signature_from_a_signed_mou(self, in_firma, staff):
        sign_everyone(in_firma, staff)
        with pytest.raises(IntegrityError, match="not every party has signed"), transaction.atomic():
            ParteProtocollo.objects.filter(protocollo=in_firma).update(
                firmato_il=None, firma_sha256="", firma_versione=None
            )
            with transaction.get_connection().cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def test_a_signed_copy_of_an_older_version_is_refused(self, staff):
        protocollo, parti = protocollo_with_parties()
        vecchia = signed_copy(services.protocollo_document(protocollo=protocollo))
        ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(testo="Art. 1 — Testo corretto.")
        protocollo = services.protocollo_send_for_signature(protocollo=protocollo, actor=staff)
        assert protocollo.versione == 2
        with pytest.raises(ValidationError, match="versione 1.*versione 2"):
            services.parte_sign(parte=parti[0], file=vecchia, actor=referente_of(parti[0].ente))
        parti[0].refresh_from_db()
        assert parti[0].firmato_il is None

    def test_a_file_that_is_not_a_pdf_is_refused(self, in_firma, staff):
        parte = in_firma.parti.first()
        with pytest.raises(ValidationError, match="non è un PDF"):
            services.parte_sign(parte=parte, file=pdf_upload(b"GIF89a not a pdf"), actor=staff)

    def test_a_scan_without_the_code_only_from_staff_declaring_it(self, in_firma, staff):
        import io

        from pypdf import PdfWriter

        writer = PdfWriter()
        writer.add_blank_page(width=595, height=842)
        buffer = io.BytesIO()
        writer.write(buffer)
        scan = buffer.getvalue()
        parte = in_firma.parti.exclude(ente=None).first()
        with pytest.raises(ValidationError, match="non troviamo il codice"):
            services.parte_sign(parte=parte, file=pdf_upload(scan), actor=referente_of(parte.ente), scansione=True)
        with pytest.raises(ValidationError, match="non troviamo il codice"):
            services.parte_sign(parte=parte, file=pdf_upload(scan), actor=staff)
        services.parte_sign(parte=parte, file=pdf_upload(scan), actor=staff, scansione=True)
        parte.refresh_from_db()
        assert parte.firma_verifica == ParteProtocollo.Verifica.SCANSIONE

    def test_a_referente_signs_only_for_its_own_ente(self, in_firma):
        comune, primo, secondo = in_firma.parti.order_by("pk")
        estraneo = referente_of(secondo.ente)
        with pytest.raises(PermissionDenied, match="rappresentanza"):
            services.parte_sign(parte=primo, file=signed_copy(in_firma), actor=estraneo)
        with pytest.raises(PermissionDenied, match="Solo il personale del Comune"):
            services.parte_sign(parte=comune, file=signed_copy(in_firma), actor=estraneo)

    def test_a_future_signature_date_is_refused(self, in_firma, staff):
        with pytest.raises(ValidationError, match="futura"):
            services.parte_sign(
                parte=in_firma.parti.first(),
                file=signed_copy(in_firma),
                actor=staff,
                firmato_il=timezone.localdate() + datetime.timedelta(days=1),
            )

    def test_back_to_draft_withdraws_signatures(self, in_firma, staff):
        parte = in_firma.parti.first()
        services.parte_sign(parte=parte, file=signed_copy(in_firma), actor=staff)
        with pytest.raises(ValidationError, match="motivazione"):
            services.protocollo_transition(protocollo=in_firma, to=P.BOZZA, actor=staff)
        services.protocollo_transition(protocollo=in_firma, to=P.BOZZA, actor=staff, note="Manca un articolo.")
        parte.refresh_from_db()
        assert parte.firmato_il is None and parte.firma_sha256 == ""


class TestTransitions:
    def test_firmato_cannot_be_set_by_hand(self, in_firma, staff):
        with pytest.raises(ValidationError, match="tutte le parti"):
            services.protocollo_transition(protocollo=in_firma, to=P.FIRMATO, actor=staff)

    def test_a_referente_cannot_activate_or_resolve(self, in_firma, staff):
        sign_everyone(in_firma, staff)
        referente = referente_of(in_firma.parti.exclude(ente=None).first().ente)
        with pytest.raises(PermissionDenied, match="permessi"):
            services.protocollo_transition(protocollo=in_firma, to=P.ATTIVO, actor=referente)
        services.protocollo_transition(protocollo=in_firma, to=P.ATTIVO, actor=staff)
        with pytest.raises(ValidationError, match="non è previsto"):
            services.protocollo_transition(protocollo=in_firma, to=P.IN_FIRMA, actor=staff)
        services.protocollo_transition(protocollo=in_firma, to=P.RISOLTO, actor=staff, note="Accordo delle parti.")
        in_firma.refresh_from_db()
        assert in_firma.stato == P.RISOLTO

    def test_dates_move_a_signed_mou_along(self, in_firma, staff):
        sign_everyone(in_firma, staff)
        today = timezone.localdate()
        assert services.protocolli_follow_dates(today=today) == 1
        in_firma.refresh_from_db()
        assert in_firma.stato == P.ATTIVO
        services.protocolli_follow_dates(today=in_firma.data_fine - datetime.timedelta(days=59))
        in_firma.refresh_from_db()
        assert in_firma.stato == P.IN_SCADENZA
        services.protocolli_follow_dates(today=in_firma.data_fine + datetime.timedelta(days=1))
        in_firma.refresh_from_db()
        assert in_firma.stato == P.SCADUTO
        audit = EventoAudit.objects.for_object(in_firma).filter(stato_a=P.SCADUTO).get()
        assert audit.autore is None

    def test_renewal_creates_a_linked_draft_with_parties_and_open_commitments(self, in_firma, staff):
        sign_everyone(in_firma, staff)
        services.protocolli_follow_dates()
        adempiuto = in_firma.impegni.create(
            parte=in_firma.parti.first(), testo="Già fatto", scadenza=timezone.localdate()
        )
        Impegno.objects.filter(pk=adempiuto.pk).update(stato=Impegno.Stato.ADEMPIUTO)
        fine = in_firma.data_fine + datetime.timedelta(days=365)
        nuovo = services.protocollo_renew(protocollo=in_firma, actor=staff, data_fine=fine)
        in_firma.refresh_from_db()
        assert in_firma.stato == P.RINNOVATO and nuovo.precedente == in_firma
        assert nuovo.stato == P.BOZZA and nuovo.parti.count() == 3
        assert list(nuovo.impegni.values_list("testo", flat=True)) == list(
            in_firma.impegni.filter(stato__in=Impegno.APERTI).values_list("testo", flat=True)
        )

    def test_commitments_follow_their_table(self, in_firma, staff):
        impegno = in_firma.impegni.get()
        with pytest.raises(ValidationError, match="dopo la firma"):
            services.impegno_transition(impegno=impegno, to=Impegno.Stato.IN_CORSO, actor=staff)
        sign_everyone(in_firma, staff)
        referente = referente_of(impegno.parte.ente)
        services.impegno_transition(impegno=impegno, to=Impegno.Stato.IN_CORSO, actor=referente)
        with pytest.raises(PermissionDenied, match="permessi"):
            services.impegno_transition(impegno=impegno, to=Impegno.Stato.ADEMPIUTO, actor=referente)
        with pytest.raises(PermissionDenied, match="permessi"):
            services.impegno_transition(impegno=impegno, to=Impegno.Stato.ADEMPIUTO, actor=UserFactory())
        services.impegno_transition(impegno=impegno, to=Impegno.Stato.ADEMPIUTO, actor=staff)
        impegno.refresh_from_db()
        assert impegno.stato == Impegno.Stato.ADEMPIUTO


def test_signature_and_renewal_audit_rows_are_stable_italian_text_in_any_language(in_firma, staff):
    from django.utils import translation

    with translation.override("en"):
        sign_everyone(in_firma, staff)
        services.protocolli_follow_dates()
        nuovo = services.protocollo_renew(
            protocollo=in_firma, actor=staff, data_fine=in_firma.data_fine + datetime.timedelta(days=365)
        )
    firme = EventoAudit.objects.for_object(in_firma).filter(content_type__model="protocollointesa")
    assert (
        sorted(firme.filter(stato_a="").values_list("evento", flat=True)) == ["coprogrammazione.firma_registrata"] * 3
    )
    parte = in_firma.parti.order_by("ordine", "pk").first()
    assert firme.filter(nota=f"{parte.denominazione}, SHA-256 {parte.firma_sha256}").exists()
    rinnovo = EventoAudit.objects.for_object(nuovo).get(content_type__model="protocollointesa")
    assert (rinnovo.evento, rinnovo.nota) == ("coprogrammazione.rinnovo_creato", str(in_firma))
