import csv
import io
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from contributi import services
from contributi.models import Bando
from costellazioni.models import EventoAudit
from tests.contributi.factories import PDF_BYTES, BandoFactory, complete_draft, open_bando, referente
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted():
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    return services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _export(admin_client, bando, action):
    url = reverse("admin:contributi_bando_changelist")
    return admin_client.post(url, {"action": action, "_selected_action": [bando.pk]})


def test_csv_export(admin_client, submitted):
    response = _export(admin_client, submitted.bando, "esporta_csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Protocollo"
    assert rows[1][0] == submitted.numero_protocollo


def test_xlsx_export(admin_client, submitted):
    response = _export(admin_client, submitted.bando, "esporta_xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A2"].value == submitted.numero_protocollo


def test_published_call_shows_frozen_fields_read_only(admin_client, submitted):
    response = admin_client.get(reverse("admin:contributi_bando_change", args=[submitted.bando.pk]))
    assert response.status_code == 200
    assert 'name="contributo_massimo"' not in response.content.decode()


def test_candidatura_change_page_shows_snapshot_read_only(admin_client, submitted):
    response = admin_client.get(reverse("admin:contributi_candidatura_change", args=[submitted.pk]))
    assert response.status_code == 200
    assert submitted.numero_protocollo in response.content.decode()
    assert "snapshot" not in [f for f in ("snapshot",) if f'name="{f}"' in response.content.decode()]


def test_changelist_filters(admin_client, submitted):
    url = reverse("admin:contributi_candidatura_changelist")
    response = admin_client.get(url, {"stato": "presentata", "bando__id__exact": submitted.bando_id})
    assert response.status_code == 200
    assert Bando.objects.count() == 1


class TestRettificaInTheAdmin:
    @pytest.fixture
    def staff_client(self, client, staff_user):
        client.force_login(staff_user)
        return client

    @staticmethod
    def _url(bando):
        return reverse("admin:contributi_bando_rettifica", args=[bando.pk])

    @staticmethod
    def _when(moment):
        local = timezone.localtime(moment)
        return {"nuova_chiusura_0": local.strftime("%d/%m/%Y"), "nuova_chiusura_1": local.strftime("%H:%M:%S")}

    def test_staff_publish_an_extension_with_its_pdf_from_the_change_page(self, staff_client, staff_user):
        bando = open_bando()
        change = staff_client.get(reverse("admin:contributi_bando_change", args=[bando.pk])).content.decode()
        assert self._url(bando) in change
        assert staff_client.get(self._url(bando)).status_code == 200
        nuova = (bando.termine + timedelta(days=7)).replace(microsecond=0)
        response = staff_client.post(
            self._url(bando),
            {
                "oggetto": "Proroga del termine",
                "testo": "Il termine è prorogato di una settimana.",
                **self._when(nuova),
                "documento": SimpleUploadedFile("determina.pdf", PDF_BYTES),
            },
        )
        assert response.status_code == 302
        rettifica = bando.rettifiche.get()
        bando.refresh_from_db()
        assert (rettifica.numero, rettifica.autore, bando.termine) == (1, staff_user, nuova)
        assert rettifica.documento.read() == PDF_BYTES
        assert EventoAudit.objects.for_object(bando).filter(evento="contributi.rettifica_pubblicata").exists()
        assert "Proroga del termine" in staff_client.get(response.url).content.decode()

    def test_an_earlier_deadline_and_a_fake_pdf_are_refused_in_italian(self, staff_client):
        bando = open_bando()
        data = {"oggetto": "Proroga", "testo": "T", **self._when(bando.termine - timedelta(days=1))}
        response = staff_client.post(self._url(bando), data)
        assert "La proroga deve spostare il termine più avanti." in response.content.decode()
        data = {"oggetto": "Errata", "testo": "T", "documento": SimpleUploadedFile("a.pdf", b"MZ\x90\x00")}
        response = staff_client.post(self._url(bando), data)
        assert "Il file non è un PDF" in response.content.decode()
        response = staff_client.post(self._url(bando), {"oggetto": "", "testo": ""})
        assert "Questo campo è obbligatorio" in response.content.decode()
        assert not bando.rettifiche.exists()

    def test_a_draft_call_has_no_amendments(self, staff_client):
        bando = BandoFactory()
        change = staff_client.get(reverse("admin:contributi_bando_change", args=[bando.pk])).content.decode()
        assert self._url(bando) not in change
        response = staff_client.post(self._url(bando), {"oggetto": "Errata", "testo": "T"})
        assert "Un bando in bozza si corregge direttamente" in response.content.decode()
        assert not bando.rettifiche.exists()

    def test_people_without_the_permission_cannot_publish(self, client):
        bando = open_bando()
        client.force_login(UserFactory(is_staff=True))
        assert client.post(self._url(bando), {"oggetto": "X", "testo": "T"}).status_code == 403
        assert not bando.rettifiche.exists()


def test_change_page_shows_private_files_by_name(admin_client):
    from django.core.files.base import ContentFile

    from contributi.models import DocumentoBando

    bando = open_bando()
    bando.documento.save("bando.pdf", ContentFile(PDF_BYTES))
    DocumentoBando.objects.create(bando=bando, titolo="Modulo", file=ContentFile(PDF_BYTES, name="modulo.pdf"))
    services.rettifica_publish(
        bando=bando,
        actor=StaffFactory(),
        oggetto="Errata",
        testo="T",
        documento=SimpleUploadedFile("a.pdf", PDF_BYTES),
    )
    response = admin_client.get(reverse("admin:contributi_bando_change", args=[bando.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert "modulo" in content and f"rettifica-{bando.slug}-1.pdf" in content
