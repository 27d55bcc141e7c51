"""Strategic lines linked to the theory-of-change elements they serve: admin, process page, new versions."""

import pytest
from django.urls import reverse

from coprogrammazione import services
from coprogrammazione.models import DocumentoIstruttorio
from ricerca import services as ricerca_services
from ricerca.models import ElementoToc, TeoriaCambiamento
from tests.coprogrammazione.factories import ManifestazioneFactory, PercorsoFactory, RisorsaFactory
from tests.costellazioni.factories import StaffFactory
from tests.ricerca.factories import ElementoFactory, TeoriaFactory

pytestmark = pytest.mark.django_db
T = TeoriaCambiamento.Stato


def approved_elements(*titles):
    """Elements of an approved theory of change, one per title."""
    staff = StaffFactory()
    teoria = TeoriaFactory()
    elementi = [ElementoFactory(teoria=teoria, titolo=titolo) for titolo in titles]
    ricerca_services.teoria_transition(teoria=teoria, to=T.IN_CONSULTAZIONE, actor=staff)
    TeoriaCambiamento.objects.filter(pk=teoria.pk).update(stato=T.APPROVATA)
    return elementi


def approved_document(percorso, *, linee):
    documento = DocumentoIstruttorio.objects.create(percorso=percorso, versione=1, premessa="Esito dei tavoli.")
    for ordine, (titolo, elementi) in enumerate(linee, start=1):
        linea = documento.linee.create(ordine=ordine, titolo=titolo, descrizione="Descrizione della linea.")
        linea.elementi_toc.set(elementi)
    return services.documento_istruttorio_approve(documento=documento, actor=StaffFactory())


class TestProcessPage:
    def test_each_line_names_the_elements_it_serves_with_a_link_to_the_theory(self, client):
        visite, reti = approved_elements("Più relazioni di aiuto tra vicini", "Reti stabili tra ETS e Comune")
        percorso = PercorsoFactory()
        approved_document(percorso, linee=[("Visite a domicilio", [visite, reti]), ("Spazi di quartiere", [])])
        html = client.get(percorso.get_absolute_url()).content.decode()
        assert "Contribuisce alla teoria del cambiamento" in html
        assert "Più relazioni di aiuto tra vicini" in html and "Reti stabili tra ETS e Comune" in html
        assert reverse("ricerca_azione:teoria_versione", args=[visite.teoria.versione]) in html
        assert html.count("Contribuisce alla teoria del cambiamento") == 1  # the line without elements says nothing

    def test_an_element_of_a_draft_theory_is_named_without_a_link(self, client):
        bozza = ElementoFactory(titolo="Elemento ancora in bozza")
        percorso = PercorsoFactory()
        approved_document(percorso, linee=[("Visite a domicilio", [bozza])])
        html = client.get(percorso.get_absolute_url()).content.decode()
        assert "Elemento ancora in bozza" in html
        assert reverse("ricerca_azione:teoria_versione", args=[bozza.teoria.versione]) not in html

    @pytest.mark.parametrize("n", [1, 12])
    def test_query_count_with_linked_lines(self, client, django_assert_num_queries, n):
        elementi = approved_elements(*[f"Elemento {i}" for i in range(3)])
        percorso = PercorsoFactory(aperto=True)
        for _ in range(n):
            manifestazione = ManifestazioneFactory(percorso=percorso, ammessa=True)
            RisorsaFactory(percorso=percorso, ente=manifestazione.ente)
        approved_document(percorso, linee=[(f"Linea {i}", elementi) for i in range(n)])
        # percorso, participants, resources, documents, final document, its lines, their elements with the
        # theory, MOUs (+ parties), meetings
        with django_assert_num_queries(9):
            assert client.get(percorso.get_absolute_url()).status_code == 200


def test_a_new_version_of_the_document_keeps_the_links():
    (elemento,) = approved_elements("Partecipazione attiva dei cittadini")
    percorso = PercorsoFactory()
    prima = approved_document(percorso, linee=[("Luoghi d'incontro", [elemento])])
    seconda = services.documento_istruttorio_new_version(documento=prima, actor=StaffFactory())
    assert list(seconda.linee.get().elementi_toc.all()) == [elemento]
    assert list(prima.linee.get().elementi_toc.all()) == [elemento]


class TestAdmin:
    @pytest.fixture
    def staff_client(self, client):
        client.force_login(StaffFactory())
        return client

    def test_the_line_picks_elements_by_name_from_public_versions_only(self, staff_client):
        (approvato,) = approved_elements("Reti di vicinato")
        ElementoFactory(titolo="Reti di vicinato in bozza")
        response = staff_client.get(
            reverse("admin:autocomplete"),
            {
                "term": "vicinato",
                "app_label": "coprogrammazione",
                "model_name": "lineastrategica",
                "field_name": "elementi_toc",
            },
        )
        assert response.status_code == 200
        assert [r["id"] for r in response.json()["results"]] == [str(approvato.pk)]

    def test_the_document_page_saves_the_links(self, staff_client):
        elementi = approved_elements("Più relazioni di aiuto tra vicini", "Reti stabili tra ETS e Comune")
        documento = DocumentoIstruttorio.objects.create(percorso=PercorsoFactory(), versione=1)
        url = reverse("admin:coprogrammazione_documentoistruttorio_change", args=[documento.pk])
        page = staff_client.get(url).content.decode()
        assert 'data-ajax--url="/admin/autocomplete/"' in page or "admin-autocomplete" in page
        response = staff_client.post(
            url,
            {
                "percorso": documento.percorso.pk,
                "versione": 1,
                "premessa": "",
                "linee-TOTAL_FORMS": 1,
                "linee-INITIAL_FORMS": 0,
                "linee-0-ordine": 1,
                "linee-0-titolo": "Visite a domicilio",
                "linee-0-descrizione": "Volontari formati visitano le persone sole.",
                "linee-0-risultati_attesi": "",
                "linee-0-elementi_toc": [e.pk for e in elementi],
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert set(documento.linee.get().elementi_toc.all()) == set(elementi)

    def test_elements_are_edited_only_in_their_theory(self, staff_client):
        elemento = ElementoFactory()
        assert staff_client.get(reverse("admin:ricerca_elementotoc_add")).status_code == 403
        response = staff_client.get(reverse("admin:ricerca_elementotoc_change", args=[elemento.pk]))
        assert response.status_code == 200 and 'name="titolo"' not in response.content.decode()
        assert "ricerca/elementotoc/" not in staff_client.get(reverse("admin:index")).content.decode()
        assert ElementoToc.objects.filter(pk=elemento.pk).exists()
