"""Public pages: the macro-action, processes, resources, the MOU register, open data, downloads."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils.html import escape

from coprogrammazione import services
from coprogrammazione.models import ManifestazioneInteresse, ProtocolloIntesa
from tests.coprogrammazione.factories import (
    ImpegnoFactory,
    ManifestazioneFactory,
    PercorsoFactory,
    RisorsaFactory,
    protocollo_with_parties,
    referente_of,
    sign_everyone,
    signed_copy,
)
from tests.costellazioni.factories import EnteFactory, MembershipFactory, StaffFactory, UserFactory
from tests.costellazioni.open_data_checks import assert_nothing_personal, persona, read_csv, read_json

pytestmark = pytest.mark.django_db
P = ProtocolloIntesa.Stato


def signed_fast(n_impegni=1, **kwargs):
    """A signed MOU without rendering its PDF (the register reads only data)."""
    protocollo, parti = protocollo_with_parties(**kwargs)
    for _ in range(n_impegni):
        ImpegnoFactory(parte=parti[0])
    protocollo.parti.update(firmato_il=protocollo.data_inizio, firma_sha256="a" * 64, firma_versione=1)
    ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(stato=P.ATTIVO, versione=1, impronta="b" * 64)
    return protocollo


class TestIndice:
    def test_answers_with_the_macro_action_from_the_seed_document(self, client):
        percorso = PercorsoFactory(titolo="Orti condivisi a Gazzera")
        PercorsoFactory(titolo="Percorso in preparazione", pubblicato=False)
        html = client.get("/coprogrammazione/").content.decode()
        assert "Definizione di linee strategiche di intervento condivise" in html
        assert "Incontri per la condivisione di risorse e competenze" in html
        assert "protocolli d&#x27;intesa" in html.lower() or "protocolli d'intesa" in html.lower()
        assert percorso.titolo in html and "Percorso in preparazione" not in html

    @pytest.mark.parametrize("n", [1, 25])
    def test_query_count(self, client, django_assert_num_queries, n):
        for percorso in PercorsoFactory.create_batch(n):
            ManifestazioneFactory(percorso=percorso, ammessa=True)
        with django_assert_num_queries(3):  # count, page with participants, signed MOUs
            assert client.get("/coprogrammazione/").status_code == 200


class TestPercorso:
    def test_shows_phase_participants_resources_and_only_admitted_enti(self, client):
        percorso = PercorsoFactory(aperto=True)
        ammessa = ManifestazioneFactory(percorso=percorso, ammessa=True)
        in_attesa = ManifestazioneFactory(percorso=percorso)
        risorsa = RisorsaFactory(percorso=percorso, ente=ammessa.ente)
        html = client.get(percorso.get_absolute_url()).content.decode()
        assert ammessa.ente.denominazione in html and in_attesa.ente.denominazione not in html.split("Partecipanti")[1]
        assert risorsa.descrizione in html
        assert 'aria-current="step"' in html and "Manifesta interesse" in html

    @pytest.mark.parametrize("n", [1, 20])
    def test_query_count(self, client, django_assert_num_queries, n):
        percorso = PercorsoFactory(aperto=True)
        for _ in range(n):
            manifestazione = ManifestazioneFactory(percorso=percorso, ammessa=True)
            RisorsaFactory(percorso=percorso, ente=manifestazione.ente)
        # percorso, participants, resources, documents, final document, MOUs (+ parties), meetings
        with django_assert_num_queries(7):
            assert client.get(percorso.get_absolute_url()).status_code == 200

    def test_unpublished_is_not_found(self, client):
        assert client.get(PercorsoFactory(pubblicato=False).get_absolute_url()).status_code == 404


class TestManifestaInteresse:
    def test_a_referente_submits_and_is_redirected(self, client):
        percorso = PercorsoFactory(aperto=True)
        ente = EnteFactory(verified=True)
        client.force_login(referente_of(ente))
        url = reverse("coprogrammazione:manifesta_interesse", args=[percorso.slug])
        data = {
            "ente": ente.pk,
            "motivazione": "Lavoriamo con le persone sole.",
            "competenze": "Ascolto",
            "risorse_offerte": "Sala",
            "contatto_nome": "Luisa Scarpa",
            "contatto_email": "luisa@example.it",
        }
        response = client.post(url, data)
        assert response.status_code == 302
        assert ManifestazioneInteresse.objects.get().ente == ente

    def test_bad_input_keeps_what_was_typed(self, client):
        percorso = PercorsoFactory(aperto=True)
        ente = EnteFactory(verified=True)
        client.force_login(referente_of(ente))
        url = reverse("coprogrammazione:manifesta_interesse", args=[percorso.slug])
        response = client.post(url, {"ente": ente.pk, "motivazione": "Testo da non perdere", "contatto_email": "x"})
        assert response.status_code == 400
        html = response.content.decode()
        assert "Testo da non perdere" in html and "Inserisci un indirizzo email valido" in html

    def test_closed_window_shows_the_reason(self, client):
        percorso = PercorsoFactory(chiuso=True)
        client.force_login(referente_of())
        response = client.get(reverse("coprogrammazione:manifesta_interesse", args=[percorso.slug]))
        assert "è chiusa" in response.content.decode()

    def test_visitors_are_sent_to_log_in(self, client):
        percorso = PercorsoFactory(aperto=True)
        response = client.get(reverse("coprogrammazione:manifesta_interesse", args=[percorso.slug]))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


class TestRisorse:
    @pytest.mark.parametrize("n", [1, 30])
    def test_query_count(self, client, django_assert_num_queries, n):
        RisorsaFactory.create_batch(n)
        with django_assert_num_queries(3):  # quartieri for the filter, count, page
            assert client.get("/coprogrammazione/risorse/").status_code == 200

    def test_filter_by_kind(self, client):
        spazio = RisorsaFactory(tipo="spazi", descrizione="Sala del parco")
        RisorsaFactory(tipo="fondi", descrizione="Fondo di solidarietà")
        html = client.get("/coprogrammazione/risorse/", {"tipo": "spazi"}).content.decode()
        assert spazio.descrizione in html and "Fondo di solidarietà" not in html


class TestRegistro:
    def test_shows_signed_mous_only_with_parties_and_commitments(self, client):
        firmato = signed_fast()
        bozza, _parti = protocollo_with_parties(oggetto="Protocollo ancora in bozza")
        html = client.get("/coprogrammazione/protocolli/").content.decode()
        assert escape(firmato.oggetto) in html and escape(bozza.oggetto) not in html
        assert escape(firmato.impegni.get().testo) in html
        assert all(escape(p.denominazione) in html for p in firmato.parti.all())

    def test_an_unsigned_mou_page_is_hidden_from_visitors_but_not_from_its_parties(self, client):
        protocollo, parti = protocollo_with_parties()
        assert client.get(protocollo.get_absolute_url()).status_code == 404
        client.force_login(referente_of(parti[0].ente))
        assert client.get(protocollo.get_absolute_url()).status_code == 200
        client.force_login(UserFactory())
        assert client.get(protocollo.get_absolute_url()).status_code == 404

    @pytest.mark.parametrize("n", [1, 12])
    def test_query_count(self, client, django_assert_num_queries, n):
        for _ in range(n):
            signed_fast(n_impegni=2)
        with django_assert_num_queries(6):  # count, page, parties, their enti, commitments, their parties
            assert client.get("/coprogrammazione/protocolli/").status_code == 200

    @pytest.mark.parametrize("n", [1, 10])
    def test_detail_query_count(self, client, django_assert_num_queries, n):
        protocollo = signed_fast(n_impegni=n)
        with django_assert_num_queries(3):  # MOU, parties, commitments
            assert client.get(protocollo.get_absolute_url()).status_code == 200


class TestOpenData:
    def test_csv_and_json_hold_signed_mous_and_commitments(self, client):
        firmato = signed_fast()
        protocollo_with_parties(oggetto="Bozza riservata")
        rows = list(
            csv.DictReader(io.StringIO(client.get("/coprogrammazione/protocolli/dati/protocolli.csv").content.decode()))
        )
        assert [row["oggetto"] for row in rows] == [firmato.oggetto]
        assert rows[0]["data_fine"] == firmato.data_fine.isoformat()
        data = client.get("/coprogrammazione/protocolli/dati/impegni.json").json()
        assert data["count"] == 1 and data["results"][0]["protocollo"] == firmato.pk
        assert client.get("/coprogrammazione/protocolli/dati/altro.json").status_code == 404

    def test_cells_are_formula_safe(self, client):
        signed_fast(oggetto='=HYPERLINK("http://evil")')
        content = client.get("/coprogrammazione/protocolli/dati/protocolli.csv").content.decode()
        assert "'=HYPERLINK" in content

    def test_data_dictionary(self, client):
        html = client.get("/coprogrammazione/protocolli/dati-aperti/").content.decode()
        assert "impronta_testo" in html and "CC BY 4.0" in html

    def test_mous_give_their_parties_dates_and_commitments_count(self, client):
        firmato = signed_fast(n_impegni=3)
        row = read_csv(client.get("/coprogrammazione/protocolli/dati/protocolli.csv"))[0]
        parti = "; ".join(firmato.parti.order_by("ordine", "pk").values_list("denominazione", flat=True))
        assert row["numero_impegni"] == "3" and row["data_inizio"] == firmato.data_inizio.isoformat()
        assert sorted(row["parti"].split("; ")) == sorted(parti.split("; "))
        result = read_json(client.get("/coprogrammazione/protocolli/dati/protocolli.json"))[0]
        assert result["numero_impegni"] == 3

    def test_nothing_personal_not_the_signatories(self, client):
        firmato = signed_fast()
        referente = persona()
        for parte in firmato.parti.exclude(ente=None):
            MembershipFactory(user=referente, ente=parte.ente)
        responses = [
            client.get(f"/coprogrammazione/protocolli/dati/{dataset}.{fmt}")
            for dataset in ("protocolli", "impegni")
            for fmt in ("csv", "json")
        ]
        assert_nothing_personal(*responses, extra=["Marta Zanon", "Simone Venturini"])

    @pytest.mark.parametrize("n", [1, 5])
    def test_export_query_count(self, client, django_assert_num_queries, n):
        for _ in range(n):
            signed_fast(n_impegni=2)
        for fmt in ("csv", "json"):
            with django_assert_num_queries(5):  # MOUs, parties, their enti, commitments, their parties
                assert client.get(f"/coprogrammazione/protocolli/dati/protocolli.{fmt}").status_code == 200
            with django_assert_num_queries(1):  # commitments with their party and MOU
                assert client.get(f"/coprogrammazione/protocolli/dati/impegni.{fmt}").status_code == 200

    def test_listed_at_dati_aperti_with_the_last_signature(self, client):
        firmato = signed_fast()
        firmato.parti.update(firmato_il=datetime.date(2026, 2, 17))
        html = client.get("/dati-aperti/").content.decode()
        section = html.split('id="dataset-coprogrammazione-protocolli"')[1].split("</section>")[0]
        assert "<code>numero_impegni</code>" in section and "17 febbraio 2026" in section


class TestDocumentiEFirme:
    def test_document_and_signed_copy_downloads(self, client):
        staff = StaffFactory()
        protocollo, parti = protocollo_with_parties()
        services.protocollo_send_for_signature(protocollo=protocollo, actor=staff)
        response = client.get(reverse("coprogrammazione:protocollo_documento", args=[protocollo.pk]))
        assert response.status_code == 404  # not signed yet: not public
        sign_everyone(protocollo, staff)
        response = client.get(reverse("coprogrammazione:protocollo_documento", args=[protocollo.pk]))
        assert response.status_code == 200
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        firma = reverse("coprogrammazione:firma_scarica", args=[protocollo.pk, parti[0].pk])
        client.force_login(UserFactory())
        assert client.get(firma).status_code == 404
        client.force_login(referente_of(parti[0].ente))
        assert client.get(firma).status_code == 200

    def test_a_referente_uploads_the_signed_copy_and_a_wrong_file_gets_a_message(self, client):
        staff = StaffFactory()
        protocollo, parti = protocollo_with_parties()
        protocollo = services.protocollo_send_for_signature(protocollo=protocollo, actor=staff)
        client.force_login(referente_of(parti[0].ente))
        url = reverse("coprogrammazione:firma", args=[protocollo.pk, parti[0].pk])
        from django.core.files.uploadedfile import SimpleUploadedFile

        response = client.post(url, {"file": SimpleUploadedFile("x.pdf", b"not a pdf at all")})
        assert response.status_code == 400 and "non è un PDF" in response.content.decode()
        response = client.post(url, {"file": signed_copy(protocollo)})
        assert response.status_code == 302
        parti[0].refresh_from_db()
        assert parti[0].has_signed


class TestAreaPersonale:
    def test_the_card_lists_interests_and_mous_to_sign(self, client):
        manifestazione = ManifestazioneFactory()
        protocollo, parti = protocollo_with_parties()
        ProtocolloIntesa.objects.filter(pk=protocollo.pk).update(stato=P.IN_FIRMA, versione=1, impronta="b" * 64)
        referente = referente_of(parti[0].ente)
        MembershipFactory(user=referente, ente=manifestazione.ente, verified=True)
        client.force_login(referente)
        html = client.get("/area-personale/").content.decode()
        assert escape(protocollo.oggetto) in html and escape(manifestazione.percorso.titolo) in html

    def test_no_card_for_people_without_enti(self, client):
        client.force_login(UserFactory())
        assert "Manifestazioni di interesse" not in client.get("/area-personale/").content.decode()


class TestRisorsaNuova:
    def test_a_participant_declares_a_resource(self, client):
        manifestazione = ManifestazioneFactory(ammessa=True)
        percorso = manifestazione.percorso
        client.force_login(referente_of(manifestazione.ente))
        url = reverse("coprogrammazione:risorsa_nuova", args=[percorso.slug])
        data = {
            "ente": manifestazione.ente.pk,
            "tipo": "volontari",
            "descrizione": "Volontari per le visite",
            "quantita": "0",
            "unita": "persone",
            "disponibilita": "sabato mattina",
        }
        response = client.post(url, data)
        assert response.status_code == 400 and "maggiore di zero" in response.content.decode()
        assert "Volontari per le visite" in response.content.decode()
        data["quantita"] = "6"
        assert client.post(url, data).status_code == 302
        assert percorso.risorse.get().descrizione == "Volontari per le visite"

    def test_an_ente_not_admitted_cannot(self, client):
        manifestazione = ManifestazioneFactory()
        client.force_login(referente_of(manifestazione.ente))
        url = reverse("coprogrammazione:risorsa_nuova", args=[manifestazione.percorso.slug])
        assert "Solo gli enti ammessi" in client.get(url).content.decode()
        response = client.post(url, {"ente": manifestazione.ente.pk, "tipo": "spazi"})
        assert response.status_code == 400 and not manifestazione.percorso.risorse.exists()


class TestCondivisione:
    def test_the_offering_ente_records_a_sharing_others_may_not(self, client):
        offerente = ManifestazioneFactory(ammessa=True)
        percorso = offerente.percorso
        beneficiario = ManifestazioneFactory(percorso=percorso, ammessa=True)
        risorsa = RisorsaFactory(percorso=percorso, ente=offerente.ente)
        url = reverse("coprogrammazione:condivisione_nuova", args=[percorso.slug, risorsa.pk])
        client.force_login(referente_of(beneficiario.ente))
        assert client.get(url).status_code == 403
        client.force_login(referente_of(offerente.ente))
        assert escape(offerente.ente.denominazione) in client.get(percorso.get_absolute_url()).content.decode()
        data = {
            "beneficiario": beneficiario.ente.pk,
            "data": "2026-11-20",
            "quantita": "2",
            "note": "Sala per la merenda",
        }
        assert client.post(url, data).status_code == 302
        assert risorsa.condivisioni.get().beneficiario == beneficiario.ente
