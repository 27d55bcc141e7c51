import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from costellazioni.forms.pages import ASPETTI_NEGATIVI, ASPETTI_POSITIVI, ValutazionePaginaForm
from costellazioni.models import ValutazionePagina
from tests.costellazioni.factories import StaffFactory

pytestmark = pytest.mark.django_db

URL = "/valutazione/"
THANKS = "Grazie, il tuo parere ci aiuterà a migliorare il servizio!"


def post(client, **data):
    return client.post(URL, {"pagina": "/il-progetto/", **data})


def test_url_name():
    assert reverse("valutazione_pagina") == URL


def test_a_rating_is_stored_and_the_visitor_goes_back_with_thanks(client):
    response = post(client, stelle="5", aspetto="indicazioni_chiare", commento="Tutto chiaro.")
    assert response.status_code == 302
    assert response["Location"] == "/il-progetto/"
    valutazione = ValutazionePagina.objects.get()
    assert (valutazione.pagina, valutazione.stelle, valutazione.aspetto, valutazione.commento) == (
        "/il-progetto/",
        5,
        "indicazioni_chiare",
        "Tutto chiaro.",
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [THANKS]


def test_the_thanks_shows_on_the_page_as_a_status_message(client):
    response = post(client, stelle="2", aspetto="problemi_tecnici")
    body = client.get(response["Location"]).content.decode()
    assert '<div class="alert alert-success" role="status">Grazie, il tuo parere ci aiuterà' in body


def test_stars_alone_are_enough(client):
    assert post(client, stelle="3").status_code == 302
    assert ValutazionePagina.objects.get().aspetto == ""


def test_query_string_is_dropped_from_the_page(client):
    client.post(URL, {"pagina": "/cerca/?q=antenne", "stelle": "4"})
    assert ValutazionePagina.objects.get().pagina == "/cerca/"


def test_a_negative_aspect_with_five_stars_is_refused_in_italian(client):
    response = post(client, stelle="5", aspetto="problemi_tecnici")
    assert response.status_code == 200
    assert not ValutazionePagina.objects.exists()
    form = response.context["rating_form"]
    assert form.errors["aspetto"] == ["Con 4 o 5 stelle scegli uno degli aspetti che hai preferito."]
    body = response.content.decode()
    assert "Con 4 o 5 stelle scegli uno degli aspetti che hai preferito." in body
    # The answers already given are kept.
    assert 'value="5" checked' in body
    assert 'value="problemi_tecnici" checked' in body


def test_a_positive_aspect_with_two_stars_is_refused(client):
    response = post(client, stelle="2", aspetto="indicazioni_chiare")
    assert response.context["rating_form"].errors["aspetto"] == [
        "Con 1, 2 o 3 stelle scegli dove hai incontrato le maggiori difficoltà."
    ]
    assert not ValutazionePagina.objects.exists()


@pytest.mark.parametrize(
    "pagina",
    [
        "https://esempio.example/il-progetto/",
        "//esempio.example/",
        "/\\esempio.example/",
        "javascript:alert(1)",
        "il-progetto/",
        "/pagina-che-non-esiste/",
        "",
    ],
)
def test_only_pages_of_this_portal_can_be_rated(client, pagina):
    response = client.post(URL, {"pagina": pagina, "stelle": "4"})
    assert response.status_code == 200
    assert not ValutazionePagina.objects.exists()
    assert "pagina" in response.context["rating_form"].errors


def test_stars_are_required_and_bounded(client):
    for stelle in ("", "0", "6", "tre"):
        response = post(client, stelle=stelle)
        assert response.context["rating_form"].errors["stelle"] == ["Scegli da 1 a 5 stelle."]
    assert not ValutazionePagina.objects.exists()


def test_comment_is_at_most_200_characters(client):
    response = post(client, stelle="4", commento="x" * 201)
    assert "commento" in response.context["rating_form"].errors
    assert post(client, stelle="4", commento="x" * 200).status_code == 302


def test_aspect_sides_follow_the_model_choices():
    assert len(ASPETTI_POSITIVI) == len(ASPETTI_NEGATIVI) == 5
    assert ASPETTI_POSITIVI[0][0] == "indicazioni_chiare"
    assert ASPETTI_NEGATIVI[-1][0] == "altro_negativo"
    form = ValutazionePaginaForm({"pagina": "/", "stelle": "4", "aspetto": "altro_positivo"})
    assert form.is_valid(), form.errors


def test_with_htmx_the_widget_is_swapped_for_the_thanks(client):
    response = client.post(URL, {"pagina": "/", "stelle": "4"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    body = response.content.decode()
    assert THANKS in body
    assert "<html" not in body
    assert ValutazionePagina.objects.count() == 1


def test_with_htmx_errors_come_back_in_the_widget(client):
    response = client.post(
        URL, {"pagina": "/", "stelle": "1", "aspetto": "indicazioni_chiare"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "<html" not in body
    assert 'data-element="feedback"' in body
    assert "Con 1, 2 o 3 stelle" in body


def test_get_goes_home(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_widget_markup_works_without_javascript(client):
    body = client.get("/il-progetto/").content.decode()
    assert f'action="{URL}"' in body and 'method="post"' in body
    assert 'name="pagina" value="/il-progetto/"' in body
    assert body.count('name="stelle"') == 5
    assert body.count('name="aspetto"') == 10
    assert "Quanto sono chiare le informazioni su questa pagina?" in body
    assert "Quali sono stati gli aspetti che hai preferito?" in body
    assert "Dove hai incontrato le maggiori difficoltà?" in body
    assert '<label for="rating-commento"' in body
    assert 'maxlength="200"' in body


class TestAdmin:
    def test_ratings_are_listed_and_read_only(self, client):
        ValutazionePagina.objects.create(pagina="/il-progetto/", stelle=2, aspetto="problemi_tecnici")
        staff = StaffFactory(is_superuser=True)
        client.force_login(staff)
        changelist = client.get(reverse("admin:costellazioni_valutazionepagina_changelist"))
        assert changelist.status_code == 200
        assert "/il-progetto/" in changelist.content.decode()
        assert client.get(reverse("admin:costellazioni_valutazionepagina_add")).status_code == 403
        search = client.get(reverse("admin:costellazioni_valutazionepagina_changelist"), {"q": "progetto"})
        assert search.status_code == 200
