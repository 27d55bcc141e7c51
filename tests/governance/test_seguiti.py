"""Site-visit follow-ups and photos from the portal, partnership documents, action items edited in the admin."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from costellazioni.models import EventoAudit, Messaggio
from governance.models import Azione, DocumentoPartenariato, Organo, Partenariato, SeguitoSopralluogo
from governance.services import appalto, azioni, seguiti, verbali
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory
from tests.files import PDF_BYTES as PDF
from tests.governance.factories import MembroOrganoFactory, OrganoFactory

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def membro_staff(db):
    """A member in office of the project staff body (not staff comunale)."""
    organo = OrganoFactory(tipo=Organo.Tipo.STAFF, nome="Staff di progetto", slug="staff-di-progetto")
    return MembroOrganoFactory(organo=organo).user


@pytest.fixture
def visita(staff):
    return appalto.sopralluogo_record(
        actor=staff,
        data=timezone.localdate(),
        luogo="Via Bissuola 20/A",
        partecipanti="Staff di progetto, cooperativa appaltatrice",
        esiti="Manca la segnaletica per l'accesso senza barriere.",
    )


def entro(giorni: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=giorni)


class TestSeguitiServices:
    def test_a_project_staff_member_adds_a_follow_up_and_its_owner_is_told(self, visita, membro_staff):
        owner = UserFactory()
        seguito = seguiti.seguito_create(
            sopralluogo=visita,
            actor=membro_staff,
            descrizione="Cartello all'ingresso",
            scadenza=entro(14),
            responsabile=owner,
        )
        assert seguito.stato == SeguitoSopralluogo.Stato.APERTO and seguito.autore == membro_staff
        assert EventoAudit.objects.for_object(seguito).filter(evento="governance.azione_registrata").exists()
        messaggio = Messaggio.objects.get(destinatario=owner)
        assert messaggio.link == visita.get_absolute_url()

    def test_a_follow_up_needs_an_owner(self, visita, staff):
        with pytest.raises(ValidationError, match="Indica chi se ne occupa"):
            seguiti.seguito_create(sopralluogo=visita, actor=staff, descrizione="Cartello", scadenza=entro(7))

    def test_others_cannot_add_follow_ups_or_photos(self, visita):
        estraneo = UserFactory()
        with pytest.raises(PermissionDenied, match="staff di progetto"):
            seguiti.seguito_create(
                sopralluogo=visita, actor=estraneo, descrizione="X", scadenza=entro(7), responsabile=estraneo
            )
        with pytest.raises(PermissionDenied, match="staff di progetto"):
            appalto.sopralluogo_add_photo(
                sopralluogo=visita, actor=estraneo, uploaded=SimpleUploadedFile("a.png", png()), didascalia="Foto"
            )

    def test_a_project_staff_member_adds_a_photo(self, visita, membro_staff):
        foto = appalto.sopralluogo_add_photo(
            sopralluogo=visita, actor=membro_staff, uploaded=SimpleUploadedFile("a.png", png()), didascalia="Ingresso"
        )
        assert foto.sopralluogo == visita and foto.content_type == "image/png"

    def test_the_owner_completes_it_with_the_trail_but_cannot_cancel_it(self, visita, staff):
        owner = UserFactory()
        seguito = seguiti.seguito_create(
            sopralluogo=visita, actor=staff, descrizione="Rampa", scadenza=entro(30), responsabile=owner
        )
        with pytest.raises(PermissionDenied, match="Non hai i permessi"):
            seguiti.seguito_transition(seguito=seguito, to="annullato", actor=owner, note="Non serve")
        seguito = seguiti.seguito_transition(seguito=seguito, to="in_corso", actor=owner)
        seguito = seguiti.seguito_transition(seguito=seguito, to="completato", actor=owner)
        assert seguito.chiuso_il is not None
        assert list(
            EventoAudit.objects.for_object(seguito)
            .filter(stato_da__gt="")
            .order_by("pk")
            .values_list("stato_a", flat=True)
        ) == ["in_corso", "completato"]

    def test_cancelling_needs_a_reason_and_a_closed_one_does_not_reopen(self, visita, staff):
        seguito = seguiti.seguito_create(
            sopralluogo=visita, actor=staff, descrizione="Rampa", scadenza=entro(30), ente_responsabile=EnteFactory()
        )
        with pytest.raises(ValidationError, match="motivazione"):
            seguiti.seguito_transition(seguito=seguito, to="annullato", actor=staff)
        seguiti.seguito_transition(seguito=seguito, to="annullato", actor=staff, note="Rampa già prevista")
        with pytest.raises(ValidationError, match="non è previsto"):
            seguiti.seguito_transition(seguito=seguito, to="in_corso", actor=staff)


class TestDocumentiPartenariato:
    @pytest.fixture
    def partenariato(self, staff):
        ente = EnteFactory(verified=True, denominazione="Spazio Bissuola APS")
        partenariato = Partenariato.objects.create(nome="Rete Bissuola", progetto="Casa di quartiere", finalita="X")
        partenariato.partner.set([ente])
        return partenariato

    def test_staff_uploads_and_a_partner_downloads_as_attachment(self, client, partenariato, staff):
        documento = seguiti.documento_partenariato_upload(
            partenariato=partenariato, actor=staff, uploaded=SimpleUploadedFile("intesa.pdf", PDF), titolo="Intesa"
        )
        assert documento.content_type == "application/pdf" and len(documento.sha256) == 64
        partner = MembershipFactory(verified=True, ente=partenariato.partner.get()).user
        client.force_login(partner)
        response = client.get(documento.file.url)
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == PDF

    def test_others_get_404_and_cannot_upload(self, client, partenariato, staff):
        documento = seguiti.documento_partenariato_upload(
            partenariato=partenariato, actor=staff, uploaded=SimpleUploadedFile("intesa.pdf", PDF), titolo="Intesa"
        )
        estraneo = UserFactory()
        client.force_login(estraneo)
        assert client.get(documento.file.url).status_code == 404
        with pytest.raises(PermissionDenied, match="riservati ai partner"):
            seguiti.documento_partenariato_upload(
                partenariato=partenariato, actor=estraneo, uploaded=SimpleUploadedFile("a.pdf", PDF), titolo="A"
            )

    def test_a_file_that_is_not_a_pdf_or_image_is_refused(self, partenariato, staff):
        with pytest.raises(ValidationError, match="file"):
            seguiti.documento_partenariato_upload(
                partenariato=partenariato, actor=staff, uploaded=SimpleUploadedFile("a.pdf", b"MZ nope"), titolo="A"
            )
        assert not DocumentoPartenariato.objects.exists()


class TestAzioneEdit:
    @pytest.fixture
    def azione(self, svolta, staff):
        verbali.verbale_write(riunione=svolta, actor=staff, testi={})
        decisione = verbali.decisione_record(punto=svolta.punti.get(ordine=1), actor=staff, testo="Punti di ascolto")
        return azioni.azione_create(
            decisione=decisione, actor=staff, descrizione="Mappare i luoghi", scadenza=entro(20), ente=EnteFactory()
        )

    def test_the_edit_is_audited_with_what_changed(self, azione, staff):
        azioni.azione_edit(
            azione=azione,
            actor=staff,
            descrizione="Mappare i luoghi di Mestre",
            scadenza=entro(40),
            ente=azione.ente_responsabile,
        )
        evento = EventoAudit.objects.for_object(azione).get(evento="governance.azione_modificata")
        assert "Mappare i luoghi di Mestre" in evento.nota and "scadenza" in evento.nota

    def test_a_closed_item_is_not_edited_and_others_cannot_edit(self, azione, staff):
        with pytest.raises(PermissionDenied, match="presidenza"):
            azioni.azione_edit(azione=azione, actor=UserFactory(), descrizione="X", scadenza=entro(1), ente=None)
        azioni.azione_transition(azione=azione, to=Azione.Stato.COMPLETATA, actor=staff)
        with pytest.raises(ValidationError, match="chiusa non si modifica"):
            azioni.azione_edit(
                azione=azione, actor=staff, descrizione="X", scadenza=entro(1), ente=azione.ente_responsabile
            )
