"""Public pages: the index with the seed's three levels, one meeting, the register, the chain, the feed."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from icalendar import Calendar

from governance.extensions import home_prossimi_incontri
from governance.services import rete, verbali
from tests.costellazioni.factories import EnteFactory, UserFactory
from tests.files import PDF_BYTES, pdf_bytes
from tests.governance.conftest import hold
from tests.governance.factories import MembroOrganoFactory, OrganoFactory, PuntoFactory, RiunioneFactory, at

pytestmark = pytest.mark.django_db

RISERVATO = pdf_bytes(text="riservato")


class TestIndex:
    def test_the_three_levels_bodies_members_and_next_meetings(self, client, organo, membri):
        membri[0].consenso_pubblicazione = True
        membri[0].save()
        RiunioneFactory(organo=organo, titolo="Assemblea d'autunno", inizio=at(12))
        RiunioneFactory(organo=organo, titolo="Riunione riservata", inizio=at(13), visibilita="privata")
        OrganoFactory(nome="Staff di progetto", tipo="staff", privato=True)
        html = client.get("/governance/").content.decode()
        for text in [
            "Livello Strategico",
            "partenariato rilevante",
            "Livello Coordinamento",
            "attività e risultati attesi condivisi",
            "Livello Operativo",
            "relazioni delle attività del soggetto appaltatore",
            "Assemblea d&#x27;autunno",
            str(membri[0].user),
        ]:
            assert text.lower() in html.lower(), text
        assert "Riunione riservata" not in html
        assert "Staff di progetto" not in html
        assert str(membri[1].user) not in html  # no consent, no name

    @pytest.mark.parametrize("n", [1, 8])
    def test_query_count_does_not_grow(self, client, staff, django_assert_num_queries, n):
        from governance.models import Partenariato

        for i in range(n):
            organo = OrganoFactory()
            MembroOrganoFactory(organo=organo)
            RiunioneFactory(organo=organo, inizio=at(10))
            rete.partenariato_save(
                partenariato=Partenariato(nome=f"Isole in rete {i}", progetto="Ascolto", finalita="Anziani soli"),
                partner=[EnteFactory(), EnteFactory()],
                actor=staff,
            )
        with django_assert_num_queries(5):  # bodies, their members, next meetings, partnerships, partners
            assert client.get("/governance/").status_code == 200


class TestMeetingPage:
    def test_agenda_and_approved_minutes_of_a_public_meeting(self, client, svolta, successiva, staff):
        punto = svolta.punti.get(ordine=1)
        verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={punto.pk: "Gli enti discutono."})
        verbali.decisione_record(
            punto=punto, actor=staff, testo="Priorità agli anziani soli.", favorevoli=4, contrari=0
        )
        assert "Gli enti discutono." not in client.get(svolta.get_absolute_url()).content.decode()
        verbali.verbale_approve(
            verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff
        )
        html = client.get(svolta.get_absolute_url()).content.decode()
        for text in ["Priorità per il 2027", "Gli enti discutono.", "Priorità agli anziani soli.", "favorevoli 4"]:
            assert text in html
        assert "Partecipanti e presenze" not in html  # the register is for members

    def test_private_meeting_is_not_found_for_others_and_open_to_members(self, client, staff):
        organo = OrganoFactory(comitato=True)
        membro = MembroOrganoFactory(organo=organo).user
        riunione = RiunioneFactory(organo=organo, visibilita="privata")
        assert client.get(riunione.get_absolute_url()).status_code == 404
        client.force_login(UserFactory())
        assert client.get(riunione.get_absolute_url()).status_code == 404
        client.force_login(membro)
        assert client.get(riunione.get_absolute_url()).status_code == 200

    @pytest.mark.parametrize("n", [1, 10])
    def test_query_count(self, client, organo, membri, django_assert_num_queries, n):
        riunione = RiunioneFactory(organo=organo, inizio=at(10))
        for i in range(n):
            PuntoFactory(riunione=riunione, ordine=i + 1)
        with django_assert_num_queries(4):  # meeting, minutes, agenda, decisions
            assert client.get(riunione.get_absolute_url()).status_code == 200

    def test_a_member_answers_from_the_page(self, client, organo, membri):
        riunione = RiunioneFactory(organo=organo, inizio=at(10))
        client.force_login(membri[2].user)
        response = client.post(f"/governance/riunioni/{riunione.pk}/rispondi/", {"risposta": "partecipo"}, follow=True)
        assert "la tua risposta è registrata" in response.content.decode()
        assert riunione.partecipazioni.get(user=membri[2].user).risposta == "partecipo"

    def test_a_bad_answer_is_explained(self, client, organo, membri):
        riunione = RiunioneFactory(organo=organo, inizio=at(10))
        client.force_login(membri[2].user)
        response = client.post(f"/governance/riunioni/{riunione.pk}/rispondi/", {"risposta": "boh"}, follow=True)
        assert "Scegli se parteciperai o no." in response.content.decode()

    def test_private_minutes_pdf_only_for_members(self, client, staff):
        organo = OrganoFactory(comitato=True)
        membro = MembroOrganoFactory(organo=organo, presidente=True).user
        riunione = hold(RiunioneFactory(organo=organo, inizio=at(-5), visibilita="privata"), staff, presenti=1)
        verbali.verbale_write(riunione=riunione, actor=staff, testi={})
        url = f"/governance/riunioni/{riunione.pk}/verbale.pdf"
        assert client.get(url).status_code == 404
        client.force_login(membro)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment")


class TestCalendarFeed:
    def test_valid_and_only_public_meetings(self, client, organo):
        pubblica = RiunioneFactory(organo=organo, titolo="Assemblea pubblica", inizio=at(10, 18))
        RiunioneFactory(organo=organo, titolo="Seduta riservata", inizio=at(11), visibilita="privata")
        RiunioneFactory(organo=OrganoFactory(privato=True), titolo="Staff", inizio=at(12))
        response = client.get("/governance/calendario.ics")
        assert response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        events = calendar.walk("VEVENT")
        assert [str(e["summary"]) for e in events] == ["Assemblea del partenariato: Assemblea pubblica"]
        [event] = events
        assert event["dtstart"].dt == pubblica.inizio
        assert event["dtstart"].dt.utcoffset() == datetime.timedelta(hours=1)  # Rome in winter
        assert str(event["uid"]) == f"riunione-{pubblica.pk}@costellazioni"
        assert calendar.walk("VTIMEZONE")

    def test_query_count(self, client, organo, django_assert_num_queries):
        for i in range(5):
            RiunioneFactory(organo=organo, inizio=at(10 + i))
        with django_assert_num_queries(1):
            client.get("/governance/calendario.ics")


class TestRegisterAndChain:
    @pytest.fixture
    def decisioni(self, svolta, successiva, staff):
        punto = svolta.punti.get(ordine=1)
        verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={})
        orientamento = verbali.decisione_record(
            punto=punto, actor=staff, tipo="orientamento", testo="Priorità agli anziani soli nelle isole"
        )
        verbali.verbale_approve(
            verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff
        )
        return orientamento

    def test_register_is_searchable_and_shows_only_approved_public_decisions(
        self, client, decisioni, successiva, staff
    ):
        PuntoFactory(riunione=successiva, ordine=1)
        verbali.decisione_record(punto=successiva.punti.get(), actor=staff, testo="Decisione in bozza")
        html = client.get("/governance/decisioni/").content.decode()
        assert "Priorità agli anziani soli nelle isole" in html and "Decisione in bozza" not in html
        assert "anziani soli" in client.get("/governance/decisioni/?q=isole").content.decode()
        assert "Nessuna decisione corrisponde" in client.get("/governance/decisioni/?q=biciclette").content.decode()

    @pytest.mark.parametrize("n", [1, 12])
    def test_register_query_count(self, client, decisioni, staff, django_assert_num_queries, n):
        punto = decisioni.punto
        for i in range(n):
            verbali.decisione_record(punto=punto, actor=staff, testo=f"Decisione {i}")
        with django_assert_num_queries(4):  # count, page, action items, bodies for the filter
            assert client.get("/governance/decisioni/").status_code == 200

    def test_chain_from_orientation_to_results(self, client, decisioni, staff):
        from governance.services import azioni

        comitato = OrganoFactory(comitato=True, nome="Comitato di gestione")
        MembroOrganoFactory(organo=comitato, presidente=True)
        riunione = hold(RiunioneFactory(organo=comitato, inizio=at(-3)), staff, presenti=1)
        attivita = verbali.decisione_record(
            punto=PuntoFactory(riunione=riunione, ordine=1),
            actor=staff,
            tipo="attivita",
            testo="Punti di ascolto al Lido",
            orientamento=decisioni,
        )
        azioni.risultato_create(
            decisione=attivita, actor=staff, descrizione="Anziani raggiunti", indicatore="Over 75", target="120 persone"
        )
        verbale = verbali.verbale_write(riunione=riunione, actor=staff, testi={})
        seconda = hold(RiunioneFactory(organo=comitato, inizio=at(-1)), staff, presenti=1)
        verbali.verbale_approve(verbale=verbale, in_riunione=seconda, favorevoli=1, contrari=0, astenuti=0, actor=staff)
        html = client.get("/governance/orientamenti/").content.decode()
        for text in [
            "Priorità agli anziani soli nelle isole",
            "Punti di ascolto al Lido",
            "Anziani raggiunti",
            "120 persone",
        ]:
            assert text in html


class TestFilesAndHome:
    def test_document_download_is_an_attachment_checked_by_visibility(self, client, organo, membri):
        versione = rete.documento_upload(
            organo=organo,
            actor=membri[0].user,
            titolo="Bozza",
            riservato=True,
            uploaded=SimpleUploadedFile("bozza.pdf", RISERVATO),
        )
        url = f"/governance/documenti/versioni/{versione.pk}/"
        assert client.get(url).status_code == 404
        client.force_login(membri[1].user)
        response = client.get(url)
        assert response["Content-Disposition"].startswith("attachment")
        assert response["X-Content-Type-Options"] == "nosniff"
        assert b"".join(response.streaming_content) == RISERVATO

    def test_home_slot_lists_the_next_public_meetings(self, client, organo):
        RiunioneFactory(organo=organo, titolo="Assemblea d'autunno", inizio=at(5))
        RiunioneFactory(organo=organo, titolo="Seduta riservata", inizio=at(6), visibilita="privata")
        RiunioneFactory(organo=organo, titolo="Annullata", inizio=at(7), stato="annullata")
        assert [r.titolo for r in home_prossimi_incontri(None)["prossimi_incontri"]] == ["Assemblea d'autunno"]
        assert "Assemblea d&#x27;autunno" in client.get("/").content.decode()


class TestDocumentUpload:
    def test_a_member_uploads_a_document_then_a_version(self, client, organo, membri):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from governance.models import DocumentoOrgano

        client.force_login(membri[2].user)
        url = f"/governance/organi/{organo.slug}/documenti/"
        client.post(url, {"titolo": "Regolamento", "file": SimpleUploadedFile("r.pdf", PDF_BYTES)})
        documento = DocumentoOrgano.objects.get()
        response = client.post(
            url,
            {"documento": documento.pk, "file": SimpleUploadedFile("r2.pdf", PDF_BYTES), "nota": "Art. 3"},
            follow=True,
        )
        assert "Documento caricato." in response.content.decode()
        assert list(documento.versioni.values_list("numero", "nota")) == [(2, "Art. 3"), (1, "")]

    def test_a_fake_pdf_and_a_missing_title_are_explained(self, client, organo, membri):
        from django.core.files.uploadedfile import SimpleUploadedFile

        client.force_login(membri[2].user)
        url = f"/governance/organi/{organo.slug}/documenti/"
        response = client.post(url, {"titolo": "", "file": SimpleUploadedFile("r.pdf", PDF_BYTES)}, follow=True)
        assert "Dai un titolo al nuovo documento." in response.content.decode()
        response = client.post(url, {"titolo": "X", "file": SimpleUploadedFile("r.pdf", b"GIF89a")}, follow=True)
        assert "non è un PDF" in response.content.decode()

    def test_a_non_member_cannot_upload(self, client, organo, membri):
        from django.core.files.uploadedfile import SimpleUploadedFile

        from governance.models import DocumentoOrgano

        client.force_login(UserFactory())
        client.post(
            f"/governance/organi/{organo.slug}/documenti/",
            {"titolo": "Intruso", "file": SimpleUploadedFile("r.pdf", PDF_BYTES)},
        )
        assert not DocumentoOrgano.objects.exists()
        assert "Carica un documento" not in client.get(organo.get_absolute_url()).content.decode()


@pytest.mark.parametrize("n", [1, 8])
def test_body_page_query_count(client, organo, membri, staff, django_assert_num_queries, n):
    from django.core.files.uploadedfile import SimpleUploadedFile

    for i in range(n):
        RiunioneFactory(organo=organo, inizio=at(10 + i))
        rete.documento_upload(
            organo=organo, actor=staff, titolo=f"Documento {i}", uploaded=SimpleUploadedFile("d.pdf", PDF_BYTES)
        )
    with django_assert_num_queries(7):  # body, members, meetings count and page, documents, versions, actions
        assert client.get(organo.get_absolute_url()).status_code == 200


def test_registration_from_the_page_for_an_ente_and_bad_input(client, organo, membri):
    from governance.models import Partecipazione
    from tests.costellazioni.factories import MembershipFactory

    riunione = RiunioneFactory(organo=organo, inizio=at(10), iscrizioni_aperte=True)
    referente = MembershipFactory(verified=True, ente=EnteFactory(verified=True)).user
    client.force_login(referente)
    assert "Partecipo per" in client.get(riunione.get_absolute_url()).content.decode()
    response = client.post(f"/governance/riunioni/{riunione.pk}/iscriviti/", {"ente": "x'; --"}, follow=True)
    assert response.status_code == 200
    riga = Partecipazione.objects.get(riunione=riunione, user=referente)
    assert riga.ente is None
    response = client.post(f"/governance/riunioni/{riunione.pk}/iscriviti/", {}, follow=True)
    assert "Sei già iscritto" in response.content.decode()
