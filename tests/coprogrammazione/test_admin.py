"""The staff's admin: pages open, actions go through the services, the commitments due list."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from coprogrammazione.models import ManifestazioneInteresse, ProtocolloIntesa
from tests.coprogrammazione.factories import (
    ImpegnoFactory,
    ManifestazioneFactory,
    RisorsaFactory,
    protocollo_with_parties,
)
from tests.costellazioni.factories import StaffFactory
from tests.files import PDF_BYTES

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(StaffFactory())
    return client


@pytest.mark.parametrize(
    "model",
    [
        "percorso",
        "manifestazioneinteresse",
        "risorsa",
        "documentoistruttorio",
        "protocollointesa",
        "impegno",
        "promemoria",
        "contributoriunione",
    ],
)
def test_every_list_opens_for_staff(staff_client, model):
    ManifestazioneFactory()
    RisorsaFactory()
    protocollo, parti = protocollo_with_parties()
    ImpegnoFactory(parte=parti[0])
    assert staff_client.get(reverse(f"admin:coprogrammazione_{model}_changelist")).status_code == 200


def test_change_pages_open(staff_client):
    manifestazione = ManifestazioneFactory()
    protocollo, parti = protocollo_with_parties()
    ImpegnoFactory(parte=parti[0])
    for url in [
        reverse("admin:coprogrammazione_percorso_change", args=[manifestazione.percorso.pk]),
        reverse("admin:coprogrammazione_manifestazioneinteresse_change", args=[manifestazione.pk]),
        reverse("admin:coprogrammazione_protocollointesa_change", args=[protocollo.pk]),
    ]:
        assert staff_client.get(url).status_code == 200


def test_signature_status_at_a_glance(staff_client):
    protocollo, parti = protocollo_with_parties(n_enti=2)
    html = staff_client.get(reverse("admin:coprogrammazione_protocollointesa_changelist")).content.decode()
    assert "0/3" in html


def test_exclusion_needs_a_reason_and_admission_goes_through_the_service(staff_client):
    da_escludere, da_ammettere = ManifestazioneFactory.create_batch(2)
    url = reverse("admin:coprogrammazione_manifestazioneinteresse_changelist")
    response = staff_client.post(
        url, {"action": "escludi", "_selected_action": [da_escludere.pk], "nota": ""}, follow=True
    )
    assert "Scrivi la motivazione" in response.content.decode()
    da_escludere.refresh_from_db()
    assert da_escludere.stato == ManifestazioneInteresse.Stato.PRESENTATA
    staff_client.post(url, {"action": "ammetti", "_selected_action": [da_ammettere.pk], "nota": ""})
    da_ammettere.refresh_from_db()
    assert da_ammettere.stato == ManifestazioneInteresse.Stato.AMMESSA


def test_send_for_signature_from_the_admin(staff_client):
    protocollo, _parti = protocollo_with_parties()
    url = reverse("admin:coprogrammazione_protocollointesa_changelist")
    staff_client.post(url, {"action": "invia_in_firma", "_selected_action": [protocollo.pk], "nota": ""})
    protocollo.refresh_from_db()
    assert protocollo.stato == ProtocolloIntesa.Stato.IN_FIRMA and protocollo.versione == 1


def test_commitments_due_in_the_next_60_days(staff_client):
    today = timezone.localdate()
    presto = ImpegnoFactory(testo="Consegnare il calendario", scadenza=today + datetime.timedelta(days=20))
    ImpegnoFactory(testo="Relazione annuale", scadenza=today + datetime.timedelta(days=200))
    url = reverse("admin:coprogrammazione_impegno_changelist")
    html = staff_client.get(url, {"scadenza": "60"}).content.decode()
    assert presto.testo in html and "Relazione annuale" not in html


def test_a_document_that_is_not_a_pdf_is_refused_next_to_the_field(staff_client):
    from tests.coprogrammazione.factories import PercorsoFactory

    percorso = PercorsoFactory()
    url = reverse("admin:coprogrammazione_percorso_change", args=[percorso.pk])
    data = {
        "titolo": percorso.titolo,
        "slug": percorso.slug,
        "tema": percorso.tema,
        "descrizione": percorso.descrizione,
        "ufficio_responsabile": percorso.ufficio_responsabile,
        "pubblicato": "on",
        "avviso_pdf": SimpleUploadedFile("avviso.pdf", b"<html>not a pdf</html>"),
        "documenti-TOTAL_FORMS": "0",
        "documenti-INITIAL_FORMS": "0",
    }
    response = staff_client.post(url, data)
    assert response.status_code == 200 and "Il file non è un PDF" in response.content.decode()
    data["avviso_pdf"] = SimpleUploadedFile("avviso.pdf", PDF_BYTES)
    response = staff_client.post(url, data)
    assert response.status_code == 302
    percorso.refresh_from_db()
    assert percorso.avviso_pdf


def _percorso_data(percorso=None, **changes):
    return {
        "titolo": percorso.titolo if percorso else "Prossimità a Marghera",
        "slug": percorso.slug if percorso else "prossimita-marghera",
        "tema": "Reti di prossimità",
        "descrizione": "Co-programmazione con gli enti di Marghera.",
        "ufficio_responsabile": "Servizio Sviluppo di comunità",
        "pubblicato": "on",
        "documenti-TOTAL_FORMS": "0",
        "documenti-INITIAL_FORMS": "0",
        **changes,
    }


def test_a_process_is_created_and_edited_through_the_service_with_coded_audit_rows(staff_client):
    from coprogrammazione.events import Evento
    from coprogrammazione.models import Percorso
    from costellazioni.models import EventoAudit

    response = staff_client.post(reverse("admin:coprogrammazione_percorso_add"), _percorso_data())
    assert response.status_code == 302
    percorso = Percorso.objects.get()
    data = _percorso_data(
        percorso,
        tema="Anziani e vicinato",
        **{
            "documenti-TOTAL_FORMS": "1",
            "documenti-0-titolo": "Presentazione",
            "documenti-0-file": SimpleUploadedFile("presentazione.pdf", PDF_BYTES),
            "documenti-0-pubblicato": "on",
        },
    )
    response = staff_client.post(reverse("admin:coprogrammazione_percorso_change", args=[percorso.pk]), data)
    assert response.status_code == 302
    percorso.refresh_from_db()
    assert percorso.tema == "Anziani e vicinato" and percorso.fase == Percorso.Fase.AVVISO
    assert [d.titolo for d in percorso.documenti.all()] == ["Presentazione"]
    assert list(EventoAudit.objects.order_by("pk").values_list("evento", flat=True)) == [
        Evento.PERCORSO_CREATO,
        Evento.PERCORSO_MODIFICATO,
        Evento.DOCUMENTO_DEL_PERCORSO_AGGIUNTO,
    ]


def test_a_started_process_offers_no_delete_and_the_service_refuses_it(staff_client):
    from django.contrib.auth.models import Permission

    from coprogrammazione import services
    from coprogrammazione.models import Percorso
    from tests.coprogrammazione.factories import PercorsoFactory

    avviato = PercorsoFactory(aperto=True)
    staff = staff_client.get("/").wsgi_request.user
    # The staff group has no delete permission on processes; one who is given it still meets the rule.
    staff.user_permissions.add(Permission.objects.get(codename="delete_percorso"))
    assert staff_client.get(reverse("admin:coprogrammazione_percorso_delete", args=[avviato.pk])).status_code == 403
    with pytest.raises(PermissionDenied, match="Un percorso avviato o con manifestazioni di interesse non si elimina"):
        services.percorso_delete(percorso=avviato, actor=staff)
    nuovo = PercorsoFactory()
    url = reverse("admin:coprogrammazione_percorso_delete", args=[nuovo.pk])
    assert staff_client.post(url, {"post": "yes"}).status_code == 302
    assert list(Percorso.objects.all()) == [avviato]


def test_a_process_refused_by_the_service_is_shown_next_to_the_form_without_success(client):
    from django.contrib.auth.models import Permission
    from django.contrib.messages import get_messages

    from coprogrammazione.models import Percorso
    from tests.costellazioni.factories import UserFactory

    # Staff of the admin with the model's permissions, but not staff comunale: the service refuses.
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["add_percorso", "view_percorso"]))
    client.force_login(clerk)
    response = client.post(reverse("admin:coprogrammazione_percorso_add"), _percorso_data(), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "errornote" in html
    assert "Non hai i permessi per questa operazione." in html
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "success"]
    assert not Percorso.objects.exists()


def _protocollo_form(protocollo, **changes):
    """The MOU's change form as posted: its data, its parties and commitments unchanged unless ``changes``."""
    data = {
        "percorso": protocollo.percorso_id or "",
        "oggetto": protocollo.oggetto,
        "testo": protocollo.testo,
        "data_inizio": protocollo.data_inizio.isoformat(),
        "data_fine": protocollo.data_fine.isoformat(),
    }
    parti, impegni = list(protocollo.parti.order_by("pk")), list(protocollo.impegni.order_by("pk"))
    for prefix, rows in [("parti", parti), ("impegni", impegni)]:
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": len(rows)})
        data.update({f"{prefix}-MIN_NUM_FORMS": 0, f"{prefix}-MAX_NUM_FORMS": 1000})
    for i, parte in enumerate(parti):
        fields = ["ordine", "denominazione", "firmatario", "ruolo_firmatario"]
        data.update({f"parti-{i}-{name}": getattr(parte, name) for name in fields})
        data.update(
            {f"parti-{i}-id": parte.pk, f"parti-{i}-protocollo": protocollo.pk, f"parti-{i}-ente": parte.ente_id or ""}
        )
    for i, impegno in enumerate(impegni):
        data.update({f"impegni-{i}-id": impegno.pk, f"impegni-{i}-protocollo": protocollo.pk})
        data.update({f"impegni-{i}-parte": impegno.parte_id, f"impegni-{i}-testo": impegno.testo})
        data[f"impegni-{i}-scadenza"] = impegno.scadenza.isoformat()
    data.update(changes)
    return data


class TestProtocolloForm:
    """A draft's data, parties and commitments are saved by ``protocollo_save``/``protocollo_row_save``."""

    def test_staff_edit_of_a_draft_goes_through_the_service_with_its_code(self, client):
        from costellazioni.models import EventoAudit

        staff = StaffFactory()
        protocollo, parti = protocollo_with_parties()
        ImpegnoFactory(parte=parti[0])
        client.force_login(staff)
        url = reverse("admin:coprogrammazione_protocollointesa_change", args=[protocollo.pk])
        data = _protocollo_form(
            protocollo, oggetto="Merenda solidale a Castello", **{"parti-1-firmatario": "Ada Rossi"}
        )
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        protocollo.refresh_from_db()
        parti[0].refresh_from_db()
        assert (protocollo.oggetto, parti[0].firmatario) == ("Merenda solidale a Castello", "Ada Rossi")
        righe = EventoAudit.objects.for_object(protocollo).order_by("pk")
        assert [(riga.evento, riga.nota, riga.autore) for riga in righe] == [
            ("coprogrammazione.protocollo_modificato", "", staff),
            ("coprogrammazione.parte_o_impegno_modificato", parti[0].denominazione, staff),
        ]

    def test_a_refusal_is_shown_next_to_the_form_and_nothing_is_saved(self, client):
        from django.contrib.auth.models import Permission
        from django.contrib.messages import get_messages

        from costellazioni.models import EventoAudit
        from tests.costellazioni.factories import UserFactory

        protocollo, parti = protocollo_with_parties()
        oggetto = protocollo.oggetto
        clerk = UserFactory(is_staff=True)  # may open the form, but does not act for the City
        clerk.user_permissions.add(
            *Permission.objects.filter(codename__in=["view_protocollointesa", "change_protocollointesa"])
        )
        client.force_login(clerk)
        url = reverse("admin:coprogrammazione_protocollointesa_change", args=[protocollo.pk])
        data = _protocollo_form(
            protocollo, oggetto="Merenda solidale a Castello", **{"parti-1-firmatario": "Ada Rossi"}
        )
        response = client.post(url, data)
        assert response.status_code == 200
        assert response.context["adminform"].form.non_field_errors() == ["Non hai i permessi per questa operazione."]
        assert list(get_messages(response.wsgi_request)) == []
        protocollo.refresh_from_db()
        parti[0].refresh_from_db()
        assert (protocollo.oggetto, parti[0].firmatario) == (oggetto, "Marta Zanon")
        assert not EventoAudit.objects.for_object(protocollo).exists()
