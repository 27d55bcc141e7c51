"""Contractor reports (submitted → accepted / changes requested), site visits, the contact log, documents."""

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from costellazioni import roles
from costellazioni.models import EventoAudit, Messaggio
from governance.models import ContattoRete, MacroAzione, RapportoAppaltatore
from governance.services import appalto, rete
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory
from tests.files import PDF_BYTES
from tests.governance.factories import MembroOrganoFactory, contratto

pytestmark = pytest.mark.django_db

PDF = PDF_BYTES


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def appaltatore(db):
    ente = EnteFactory(verified=True, denominazione="Cooperativa Barena")
    contratto(ente)
    return MembershipFactory(verified=True, ente=ente).user


@pytest.fixture
def rapporto(appaltatore):
    oggi = timezone.localdate()
    return appalto.rapporto_create(
        appaltatore=appaltatore.memberships.get().ente,
        actor=appaltatore,
        periodo_dal=oggi - datetime.timedelta(days=30),
        periodo_al=oggi,
        attivita=[
            {"macro_azione": MacroAzione.HUB, "descrizione": "Sportello progetti", "ore": 96, "persone_raggiunte": 41}
        ],
    )


class TestReports:
    def test_submitted_then_accepted_with_the_trail(self, rapporto, appaltatore, staff):
        appalto.rapporto_submit(rapporto=rapporto, actor=appaltatore)
        appalto.rapporto_accept(rapporto=rapporto, actor=staff, note="Completa.")
        rapporto.refresh_from_db()
        assert rapporto.stato == "accettato" and rapporto.inviato_il is not None
        trail = EventoAudit.objects.for_object(rapporto).filter().order_by("pk").values_list("stato_a", flat=True)
        assert list(trail) == ["inviato", "accettato"]
        assert Messaggio.objects.get(destinatario=appaltatore).tipo == "report"

    def test_changes_requested_with_a_comment_then_resubmitted(self, rapporto, appaltatore, staff):
        appalto.rapporto_submit(rapporto=rapporto, actor=appaltatore)
        with pytest.raises(ValidationError, match="motivazione"):
            appalto.rapporto_request_changes(rapporto=rapporto, actor=staff, note="")
        appalto.rapporto_request_changes(rapporto=rapporto, actor=staff, note="Allegate il registro presenze.")
        assert [c.testo for c in rapporto.commenti.all()] == ["Allegate il registro presenze."]
        appalto.rapporto_attach(
            rapporto=rapporto, actor=appaltatore, uploaded=SimpleUploadedFile("registro.pdf", PDF, "application/pdf")
        )
        appalto.rapporto_submit(rapporto=rapporto, actor=appaltatore)
        assert RapportoAppaltatore.objects.get(pk=rapporto.pk).stato == "inviato"

    def test_the_contractor_cannot_accept_its_own_report(self, rapporto, appaltatore):
        appalto.rapporto_submit(rapporto=rapporto, actor=appaltatore)
        with pytest.raises(PermissionDenied, match="di un ente che rappresenti"):
            appalto.rapporto_accept(rapporto=rapporto, actor=appaltatore)

    def test_staff_representing_the_contractor_cannot_review_it(self, rapporto, appaltatore, staff):
        MembershipFactory(verified=True, user=staff, ente=rapporto.appaltatore)
        appalto.rapporto_submit(rapporto=rapporto, actor=appaltatore)
        with pytest.raises(PermissionDenied, match="di un ente che rappresenti"):
            appalto.rapporto_accept(rapporto=rapporto, actor=staff)

    def test_somebody_who_is_not_staff_cannot_review(self, rapporto, appaltatore):
        appalto.rapporto_submit(rapporto=rapporto, actor=appaltatore)
        with pytest.raises(PermissionDenied, match="Non hai i permessi"):
            appalto.rapporto_request_changes(rapporto=rapporto, actor=UserFactory(), note="Rifate tutto.")

    def test_only_a_representative_writes_a_report(self, appaltatore):
        with pytest.raises(PermissionDenied, match="rappresentanza"):
            appalto.rapporto_create(
                appaltatore=appaltatore.memberships.get().ente,
                actor=UserFactory(),
                periodo_dal=timezone.localdate(),
                periodo_al=timezone.localdate(),
                attivita=[],
            )

    def test_only_an_ente_with_a_contract_in_force_reports(self):
        referente = MembershipFactory(verified=True, ente=EnteFactory(verified=True)).user
        with pytest.raises(ValidationError, match="appalto in corso"):
            appalto.rapporto_create(
                appaltatore=referente.memberships.get().ente,
                actor=referente,
                periodo_dal=timezone.localdate(),
                periodo_al=timezone.localdate(),
                attivita=[],
            )

    def test_an_empty_report_is_not_submitted(self, appaltatore):
        vuoto = appalto.rapporto_create(
            appaltatore=appaltatore.memberships.get().ente,
            actor=appaltatore,
            periodo_dal=timezone.localdate(),
            periodo_al=timezone.localdate(),
            attivita=[],
        )
        with pytest.raises(ValidationError, match="almeno le attività"):
            appalto.rapporto_submit(rapporto=vuoto, actor=appaltatore)

    def test_an_attachment_is_checked_by_content(self, rapporto, appaltatore):
        with pytest.raises(ValidationError, match="non è un PDF"):
            appalto.rapporto_attach(
                rapporto=rapporto,
                actor=appaltatore,
                uploaded=SimpleUploadedFile("relazione.pdf", b"<script>", "application/pdf"),
            )

    def test_the_contractor_sees_only_its_own_reports(self, rapporto, appaltatore, staff):
        assert list(RapportoAppaltatore.objects.visible_to(appaltatore)) == [rapporto]
        assert list(RapportoAppaltatore.objects.visible_to(UserFactory())) == []
        assert list(RapportoAppaltatore.objects.visible_to(staff)) == [rapporto]


class TestSiteVisitsAndNetwork:
    def test_a_site_visit_with_a_photo(self, staff):
        sopralluogo = appalto.sopralluogo_record(
            actor=staff,
            data=timezone.localdate(),
            luogo="Via Bissuola 20/A",
            partecipanti="Staff e appaltatore",
            esiti="Manca la segnaletica.",
            foto=[(SimpleUploadedFile("ingresso.png", png(), "image/png"), "Ingresso laterale")],
        )
        [foto] = sopralluogo.foto.all()
        assert foto.content_type == "image/png" and len(foto.sha256) == 64

    def test_a_photo_needs_a_caption_and_to_be_an_image(self, staff):
        sopralluogo = appalto.sopralluogo_record(
            actor=staff, data=timezone.localdate(), luogo="Lido", partecipanti="Staff", esiti="Tutto in ordine."
        )
        with pytest.raises(ValidationError, match="Descrivi la foto"):
            appalto.sopralluogo_add_photo(
                sopralluogo=sopralluogo, actor=staff, uploaded=SimpleUploadedFile("a.png", png()), didascalia=""
            )
        with pytest.raises(ValidationError, match="non è un'immagine"):
            appalto.sopralluogo_add_photo(
                sopralluogo=sopralluogo, actor=staff, uploaded=SimpleUploadedFile("a.png", PDF), didascalia="Foto"
            )

    def test_site_visits_are_for_staff(self):
        with pytest.raises(PermissionDenied, match="staff di progetto"):
            appalto.sopralluogo_record(
                actor=UserFactory(), data=timezone.localdate(), luogo="Lido", partecipanti="Io", esiti="Nulla"
            )

    def test_the_contact_log_is_for_operators_and_staff(self, staff):
        operatrice = UserFactory()
        operatrice.groups.add(Group.objects.get(name=roles.OPERATORE))
        contatto = rete.contatto_record(
            actor=operatrice,
            data=timezone.localdate(),
            servizio="Servizio sociale territoriale Lido",
            persone="Assistente sociale, operatrice",
            argomento="Anziana sola",
            esito=ContattoRete.Esito.INVIATO,
        )
        assert list(ContattoRete.objects.visible_to(staff)) == [contatto]
        assert list(ContattoRete.objects.visible_to(UserFactory())) == []
        with pytest.raises(PermissionDenied, match="operatori di comunità"):
            rete.contatto_record(
                actor=UserFactory(),
                data=timezone.localdate(),
                servizio="S",
                persone="P",
                argomento="A",
                esito="nessuno",
            )


class TestDocuments:
    def test_members_upload_versions_and_numbers_follow(self, organo, membri):
        membro = membri[1].user
        prima = rete.documento_upload(
            organo=organo, actor=membro, titolo="Piano operativo", uploaded=SimpleUploadedFile("p.pdf", PDF)
        )
        seconda = rete.documento_upload(
            organo=organo,
            actor=membro,
            documento=prima.documento,
            uploaded=SimpleUploadedFile("p2.pdf", PDF),
            nota="v2",
        )
        assert (prima.numero, seconda.numero) == (1, 2)

    def test_a_non_member_cannot_upload(self, organo):
        with pytest.raises(PermissionDenied, match="Solo i membri"):
            rete.documento_upload(
                organo=organo, actor=MembroOrganoFactory().user, titolo="X", uploaded=SimpleUploadedFile("p.pdf", PDF)
            )
