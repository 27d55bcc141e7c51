"""The site-visit page of the portal and the admin inlines that go through the services."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from costellazioni.models import EventoAudit
from governance.models import Azione, DocumentoPartenariato, Organo, Partenariato, SeguitoSopralluogo
from governance.services import appalto, azioni, seguiti, verbali
from tests.costellazioni.factories import EnteFactory, UserFactory
from tests.files import PDF_BYTES as PDF
from tests.governance.factories import MembroOrganoFactory, OrganoFactory

pytestmark = pytest.mark.django_db


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (0, 0, 0)).save(buffer, format="PNG")
    return buffer.getvalue()


def entro(giorni: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=giorni)


@pytest.fixture
def membro_staff(db):
    organo = OrganoFactory(tipo=Organo.Tipo.STAFF, nome="Staff di progetto", slug="staff-di-progetto")
    return MembroOrganoFactory(organo=organo).user


@pytest.fixture
def visita(staff):
    return appalto.sopralluogo_record(
        actor=staff, data=timezone.localdate(), luogo="Forte Marghera", partecipanti="Staff", esiti="Da sistemare."
    )


class TestSopralluogoPage:
    def test_hidden_from_others(self, client, visita):
        client.force_login(UserFactory())
        assert client.get(visita.get_absolute_url()).status_code == 404
        assert client.get("/governance/sopralluoghi/").status_code == 404

    def test_a_member_adds_a_follow_up_and_a_photo(self, client, visita, membro_staff):
        client.force_login(membro_staff)
        response = client.post(
            visita.get_absolute_url(),
            {
                "seguito-descrizione": "Segnaletica",
                "seguito-responsabile": membro_staff.pk,
                "seguito-scadenza": entro(10).isoformat(),
                "seguito-submit": "",
            },
        )
        assert response.status_code == 302
        assert SeguitoSopralluogo.objects.get().responsabile == membro_staff
        response = client.post(
            visita.get_absolute_url(),
            {"foto-file": SimpleUploadedFile("i.png", png()), "foto-didascalia": "Ingresso", "foto-submit": ""},
        )
        assert response.status_code == 302 and visita.foto.get().didascalia == "Ingresso"
        assert client.get(f"/governance/sopralluoghi/foto/{visita.foto.get().pk}/").status_code == 200

    def test_bad_input_is_explained_next_to_the_field_and_kept(self, client, visita, staff):
        client.force_login(staff)
        response = client.post(
            visita.get_absolute_url(),
            {"seguito-descrizione": "Segnaletica", "seguito-scadenza": entro(10).isoformat(), "seguito-submit": ""},
        )
        assert response.status_code == 200
        assert "Indica chi se ne occupa" in response.content.decode()
        assert "Segnaletica" in response.content.decode()
        response = client.post(
            visita.get_absolute_url(),
            {"foto-file": SimpleUploadedFile("i.png", PDF), "foto-didascalia": "Ingresso", "foto-submit": ""},
        )
        assert response.status_code == 200 and "non è un&#x27;immagine" in response.content.decode()

    def test_the_owner_closes_a_follow_up(self, client, visita, staff):
        owner = UserFactory()
        seguito = seguiti.seguito_create(
            sopralluogo=visita, actor=staff, descrizione="Rampa", scadenza=entro(5), responsabile=owner
        )
        client.force_login(owner)
        response = client.post(f"/governance/sopralluoghi/azioni/{seguito.pk}/stato/", {"to": "completato"})
        assert response.status_code == 302
        seguito.refresh_from_db()
        assert seguito.stato == "completato"
        client.force_login(UserFactory())
        assert (
            client.post(f"/governance/sopralluoghi/azioni/{seguito.pk}/stato/", {"to": "in_corso"}).status_code == 404
        )

    @pytest.mark.parametrize("rows", [1, 4])
    def test_query_count_is_pinned(self, client, visita, staff, rows, django_assert_num_queries):
        for index in range(rows):
            seguiti.seguito_create(
                sopralluogo=visita, actor=staff, descrizione=f"Azione {index}", scadenza=entro(5), responsabile=staff
            )
            appalto.sopralluogo_add_photo(
                sopralluogo=visita, actor=staff, uploaded=SimpleUploadedFile("i.png", png()), didascalia=f"F{index}"
            )
        client.force_login(staff)
        with django_assert_num_queries(QUERIES):
            assert client.get(visita.get_absolute_url()).status_code == 200


QUERIES = 7  # the session and the permissions from the cache


class TestAdminInlines:
    def test_an_existing_action_item_is_edited_and_closed_from_the_inline(self, client, staff, svolta):
        verbali.verbale_write(riunione=svolta, actor=staff, testi={})
        decisione = verbali.decisione_record(punto=svolta.punti.get(ordine=1), actor=staff, testo="Punti di ascolto")
        ente = EnteFactory()
        azione = azioni.azione_create(
            decisione=decisione, actor=staff, descrizione="Mappare", scadenza=entro(20), ente=ente
        )
        client.force_login(staff)
        response = client.post(
            f"/admin/governance/decisione/{decisione.pk}/change/",
            {
                "azioni-TOTAL_FORMS": 1,
                "azioni-INITIAL_FORMS": 1,
                "azioni-MIN_NUM_FORMS": 0,
                "azioni-MAX_NUM_FORMS": 1000,
                "azioni-0-id": azione.pk,
                "azioni-0-decisione": decisione.pk,
                "azioni-0-descrizione": "Mappare i luoghi",
                "azioni-0-ente_responsabile": ente.pk,
                "azioni-0-scadenza": entro(30).isoformat(),
                "azioni-0-nuovo_stato": "completata",
                "azioni-0-nota": "Mappa consegnata.",
                "risultati-TOTAL_FORMS": 0,
                "risultati-INITIAL_FORMS": 0,
                "risultati-MIN_NUM_FORMS": 0,
                "risultati-MAX_NUM_FORMS": 1000,
            },
        )
        assert response.status_code == 302
        azione.refresh_from_db()
        assert (azione.descrizione, azione.scadenza, azione.stato) == ("Mappare i luoghi", entro(30), "completata")
        eventi = set(EventoAudit.objects.for_object(azione).filter().values_list("evento", flat=True))
        assert {"governance.azione_modificata", "governance.azione_completata"} <= eventi
        assert azione.aggiornamenti.get().nota == "Mappa consegnata."
        assert Azione.objects.count() == 1

    def test_a_partnership_document_is_uploaded_in_the_inline(self, client, staff):
        ente = EnteFactory(verified=True)
        partenariato = Partenariato.objects.create(nome="Rete Gazzera", progetto="Orti", finalita="Orti condivisi")
        partenariato.partner.set([ente])
        client.force_login(staff)
        response = client.post(
            f"/admin/governance/partenariato/{partenariato.pk}/change/",
            {
                "nome": "Rete Gazzera",
                "progetto": "Orti",
                "finalita": "Orti condivisi",
                "partner": [ente.pk],
                "stato": "in_costruzione",
                "documenti-TOTAL_FORMS": 1,
                "documenti-INITIAL_FORMS": 0,
                "documenti-MIN_NUM_FORMS": 0,
                "documenti-MAX_NUM_FORMS": 1000,
                "documenti-0-titolo": "Lettera d'intenti",
                "documenti-0-file": SimpleUploadedFile("lettera.pdf", PDF),
            },
        )
        assert response.status_code == 302
        documento = DocumentoPartenariato.objects.get()
        assert documento.caricato_da == staff and documento.nome_originale == "lettera.pdf"
        page = client.get(f"/admin/governance/partenariato/{partenariato.pk}/change/").content.decode()
        assert f"/governance/partenariati/documenti/{documento.pk}/" in page

    def test_a_follow_up_is_added_in_the_site_visit_inline(self, client, staff, visita):
        client.force_login(staff)
        response = client.post(
            f"/admin/governance/sopralluogo/{visita.pk}/change/",
            {
                "foto-TOTAL_FORMS": 0,
                "foto-INITIAL_FORMS": 0,
                "foto-MIN_NUM_FORMS": 0,
                "foto-MAX_NUM_FORMS": 1000,
                "azioni-TOTAL_FORMS": 1,
                "azioni-INITIAL_FORMS": 0,
                "azioni-MIN_NUM_FORMS": 0,
                "azioni-MAX_NUM_FORMS": 1000,
                "azioni-0-descrizione": "Cartello",
                "azioni-0-responsabile": staff.pk,
                "azioni-0-scadenza": entro(3).isoformat(),
            },
        )
        assert response.status_code == 302
        assert SeguitoSopralluogo.objects.get().autore == staff
