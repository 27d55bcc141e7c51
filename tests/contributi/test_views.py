import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from contributi import services
from contributi.models import Candidatura
from tests.contributi.factories import PDF_BYTES, BandoFactory, complete_draft, open_bando, referente

pytestmark = pytest.mark.django_db


def test_public_list_and_detail(client, django_assert_max_num_queries):
    bando = open_bando()
    BandoFactory()  # a draft is not public
    with django_assert_max_num_queries(12):
        response = client.get("/bandi/")
    assert bando.titolo in response.content.decode()
    response = client.get(bando.get_absolute_url())
    assert "Qualità del progetto" in response.content.decode()
    assert "Presenta la candidatura" in response.content.decode()


@pytest.mark.parametrize("rows", [1, 30])
def test_list_query_count_is_fixed(client, django_assert_num_queries, rows):
    for _i in range(rows):
        open_bando()
    with django_assert_num_queries(3):
        client.get("/bandi/")


def test_draft_bando_is_404(client):
    assert client.get(BandoFactory().get_absolute_url()).status_code == 404


def _progetto(*, quartieri=(), partner=()) -> dict:
    """The project step's form as the wizard posts it."""
    data = {
        "titolo": "Orti condivisi",
        "sintesi": "S",
        "obiettivi": "O",
        "destinatari": "Famiglie",
        "numero_destinatari": "40",
        "attivita": "Semina — marzo",
        "partner-TOTAL_FORMS": str(len(partner)),
        "partner-INITIAL_FORMS": "0",
    }
    if quartieri:
        data["quartieri"] = list(quartieri)
    for n, row in enumerate(partner):
        data.update({f"partner-{n}-{name}": value for name, value in row.items()})
    return data


def test_wizard_walkthrough(client):
    bando = open_bando()
    user, ente = referente()
    client.force_login(user)
    response = client.post(reverse("contributi:candidatura", kwargs={"slug": bando.slug}), {"ente": ente.pk})
    c = Candidatura.objects.get()
    assert response.url.endswith("/ente/")
    step = lambda p: reverse("contributi:passo", kwargs={"slug": bando.slug, "pk": c.pk, "passo": p})  # noqa: E731
    response = client.post(step("ente"), {"denominazione": ""})
    assert "Questo campo è obbligatorio" in response.content.decode()
    client.post(
        step("ente"),
        {
            "denominazione": ente.denominazione,
            "codice_fiscale": ente.codice_fiscale,
            "indirizzo": "Via Piave 1",
            "comune": "Venezia",
            "email": "a@b.it",
        },
    )
    client.post(step("progetto"), _progetto())
    client.post(
        step("budget"),
        {
            "voci-TOTAL_FORMS": "1",
            "voci-INITIAL_FORMS": "0",
            "voci-0-categoria": "personale",
            "voci-0-descrizione": "Educatore",
            "voci-0-importo": "10000",
            "cofinanziamento": "1500",
        },
    )
    client.post(step("impatto"), {"impatto": "Più legami", "indicatori": "Persone: 40"})
    richiesto = bando.allegati_richiesti.get()
    response = client.post(
        step("allegati"), {"richiesto": richiesto.pk, "file": SimpleUploadedFile("x.pdf", b"MZ\x90")}
    )
    assert "non è un PDF" in response.content.decode()
    client.post(step("allegati"), {"richiesto": richiesto.pk, "file": SimpleUploadedFile("statuto.pdf", PDF_BYTES)})
    client.post(step("allegati"), {"prosegui": "1"})
    response = client.post(step("invio"), {"veridicita": "on", "privacy": "on"})
    c.refresh_from_db()
    assert c.stato == Candidatura.Stato.PRESENTATA, response.content.decode()
    assert c.importo_richiesto == 8500
    response = client.get(reverse("area_personale_candidatura_ricevuta", kwargs={"pk": c.pk}))
    assert response["Content-Type"] == "application/pdf"


def test_the_project_step_shows_again_the_quartieri_and_partners_saved(client):
    from costellazioni.models import Quartiere

    bando = open_bando()
    user, ente = referente()
    client.force_login(user)
    client.post(reverse("contributi:candidatura", kwargs={"slug": bando.slug}), {"ente": ente.pk})
    c = Candidatura.objects.get()
    url = reverse("contributi:passo", kwargs={"slug": bando.slug, "pk": c.pk, "passo": "progetto"})
    scelti = list(Quartiere.objects.order_by("nome")[:2])
    client.post(
        url,
        _progetto(
            quartieri=[q.pk for q in scelti],
            partner=[{"denominazione": "Cooperativa Il Cerchio", "codice_fiscale": "", "ruolo": "Laboratori"}],
        ),
    )
    page = client.get(url).content.decode()
    checked = re.findall(r'name="quartieri" value="(\d+)"[^>]*checked', page)
    assert sorted(int(pk) for pk in checked) == sorted(q.pk for q in scelti)
    assert 'name="partner-0-denominazione" value="Cooperativa Il Cerchio"' in page


def test_other_ente_gets_404_on_drafts_applications_and_attachments(client):
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    intruder, _e = referente()
    client.force_login(intruder)
    allegato = c.allegati.get()
    assert client.get(reverse("area_personale_candidatura", kwargs={"pk": c.pk})).status_code == 404
    assert (
        client.get(reverse("contributi:passo", kwargs={"slug": bando.slug, "pk": c.pk, "passo": "ente"})).status_code
        == 404
    )
    assert client.get(reverse("contributi:allegato", kwargs={"pk": allegato.pk})).status_code == 404
    client.force_login(user)
    assert client.get(reverse("contributi:allegato", kwargs={"pk": allegato.pk})).status_code == 200


def test_staff_opening_a_draft_step_is_sent_to_the_application_with_the_reason(client):
    """Found through the wider query (the ente's referenti are looked up first): the application exists for staff,
    but only its ente edits it."""
    from tests.costellazioni.factories import StaffFactory

    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    client.force_login(StaffFactory())
    response = client.get(reverse("contributi:passo", kwargs={"slug": bando.slug, "pk": c.pk, "passo": "ente"}))
    assert response.status_code == 302
    assert response["Location"] == c.get_absolute_url()
    assert [str(m) for m in response.wsgi_request._messages]
    wrong_call = reverse("contributi:passo", kwargs={"slug": open_bando().slug, "pk": c.pk, "passo": "ente"})
    assert client.get(wrong_call).status_code == 404


@pytest.mark.parametrize("rows", [1, 25])
def test_area_personale_list_query_count(client, django_assert_num_queries, rows):
    user, ente = referente()
    for _i in range(rows):
        services.candidatura_start(bando=open_bando(), ente=ente, actor=user)
    client.force_login(user)
    with django_assert_num_queries(4):  # the session from the cache
        response = client.get(reverse("area_personale_candidature"))
    assert response.status_code == 200


def test_site_search_finds_published_calls_only(client):
    bando = open_bando(titolo="Orti urbani solidali")
    BandoFactory(titolo="Orti segreti in bozza")
    response = client.get("/cerca/", {"q": "orti"})
    content = response.content.decode()
    assert bando.get_absolute_url() in content
    assert "segreti" not in content


def test_home_shows_open_calls(client):
    bando = open_bando(titolo="Idee in Comune")
    assert bando.titolo in client.get("/").content.decode()


@pytest.mark.parametrize("rows", [1, 20])
def test_detail_query_count_is_fixed(client, django_assert_num_queries, rows):
    from contributi.models import FaqBando

    bando = open_bando()
    for i in range(rows):
        FaqBando.objects.create(bando=bando, domanda=f"Domanda {i}?", risposta="Sì.")
    with django_assert_num_queries(7):
        client.get(bando.get_absolute_url())


def test_step_ente_updates_the_ente_but_not_its_codice_fiscale(client):
    bando = open_bando()
    user, ente = referente()
    c = services.candidatura_start(bando=bando, ente=ente, actor=user)
    client.force_login(user)
    url = reverse("contributi:passo", kwargs={"slug": bando.slug, "pk": c.pk, "passo": "ente"})
    assert ente.codice_fiscale in client.get(url).content.decode()
    data = {
        "denominazione": "Un altro nome",
        "codice_fiscale": "80012340271",
        "indirizzo": "Via Bissuola 32",
        "cap": "30173",
        "comune": "Venezia",
        "email": "info@bissuola.example.it",
        "telefono": "041 123456",
    }
    response = client.post(url, data)
    assert response.status_code == 302
    before = (ente.denominazione, ente.codice_fiscale)
    ente.refresh_from_db()
    assert (ente.denominazione, ente.codice_fiscale) == before
    assert (ente.indirizzo, ente.cap, ente.email, ente.telefono) == (
        "Via Bissuola 32",
        "30173",
        "info@bissuola.example.it",
        "041 123456",
    )
    c.refresh_from_db()
    assert c.dati_ente["indirizzo"] == "Via Bissuola 32" and c.dati_ente["codice_fiscale"] == ente.codice_fiscale
    response = client.post(url, {**data, "email": "non-una-email"})
    assert "Inserisci un indirizzo email valido" in response.content.decode()


def test_closed_calls_paginate_keeping_the_line(client):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    for i in range(12):
        open_bando(titolo=f"Chiuso {i:02d}", apertura=now - timedelta(days=40), chiusura=now - timedelta(days=i + 1))
    response = client.get("/bandi/", {"linea": "A"})
    content = response.content.decode()
    assert "?linea=A&amp;page=2" in content and "Chiuso 11" not in content
    assert "Chiuso 11" in client.get("/bandi/", {"linea": "A", "page": "2"}).content.decode()


class TestRettificaDocumento:
    def test_the_act_of_an_amendment_is_public_and_linked_from_the_call(self, client, staff_user):
        bando = open_bando()
        services.rettifica_publish(
            bando=bando,
            actor=staff_user,
            oggetto="Errata corrige",
            testo="Art. 4.",
            documento=SimpleUploadedFile("atto.pdf", PDF_BYTES),
        )
        url = reverse("contributi:rettifica", kwargs={"slug": bando.slug, "numero": 1})
        assert url in client.get(reverse("contributi:bando", kwargs={"slug": bando.slug})).content.decode()
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")

    def test_an_amendment_without_act_or_of_a_draft_call_is_not_found(self, client, staff_user):
        bando = open_bando()
        services.rettifica_publish(bando=bando, actor=staff_user, oggetto="Errata corrige", testo="Art. 4.")
        assert client.get(reverse("contributi:rettifica", kwargs={"slug": bando.slug, "numero": 1})).status_code == 404
        bozza = BandoFactory()
        assert client.get(reverse("contributi:rettifica", kwargs={"slug": bozza.slug, "numero": 1})).status_code == 404
