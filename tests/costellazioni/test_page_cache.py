"""Anonymous public pages come from the cache, show an edit at once, and keep their forms working."""

import re

import pytest
from django.conf import settings
from django.test import Client

from costellazioni import page_cache
from costellazioni.page_cache import CACHE_HEADER, public_page
from costellazioni.services.notifications import messaggi_mark_all_read, notify
from tests.antenne.factories import AntennaFactory
from tests.contributi.factories import BandoFactory
from tests.coprogrammazione.factories import PercorsoFactory
from tests.costellazioni.factories import UserFactory
from tests.governance.factories import OrganoFactory
from tests.hubs.factories import HubFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def _hub():
    return HubFactory(nome="HUB Forte Marghera", pubblicato=True), "nome"


def _antenna():
    return AntennaFactory(nome_pubblico="Edicola San Polo"), "nome_pubblico"


def _bando():
    return BandoFactory(published=True, titolo="Bando Orti in Comune"), "titolo"


def _percorso():
    return PercorsoFactory(titolo="Percorso Anziani in rete"), "titolo"


def _organo():
    return OrganoFactory(nome="Assemblea del Lido"), "nome"


# (what to create, the page that shows it)
PAGES = [
    pytest.param(_hub, lambda hub: "/", id="home"),
    pytest.param(_hub, lambda hub: "/hub/", id="hub-list"),
    pytest.param(_hub, lambda hub: f"/hub/{hub.slug}/", id="hub-detail"),
    pytest.param(_antenna, lambda antenna: "/antenne/", id="antenne-list"),
    pytest.param(_antenna, lambda antenna: f"/antenne/{antenna.pk}/", id="antenna-detail"),
    pytest.param(_bando, lambda bando: "/bandi/", id="bandi-list"),
    pytest.param(_bando, lambda bando: f"/bandi/{bando.slug}/", id="bando-detail"),
    pytest.param(_percorso, lambda percorso: "/coprogrammazione/", id="coprogrammazione-list"),
    pytest.param(_percorso, lambda percorso: f"/coprogrammazione/{percorso.slug}/", id="percorso-detail"),
    pytest.param(_organo, lambda organo: "/governance/", id="governance-index"),
    pytest.param(_organo, lambda organo: f"/governance/organi/{organo.slug}/", id="organo-detail"),
]


@pytest.mark.parametrize(("create", "url_of"), PAGES)
def test_a_cached_page_shows_an_edit_at_once(client, create, url_of):
    obj, field = create()
    url = url_of(obj)
    old = getattr(obj, field)
    first = client.get(url)
    assert first.status_code == 200
    assert first[CACHE_HEADER] == "miss"
    assert old in first.content.decode()
    again = client.get(url)
    assert again[CACHE_HEADER] == "hit"
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())

    setattr(obj, field, f"{old} rinnovato")
    obj.save()

    edited = client.get(url)
    assert edited[CACHE_HEADER] == "miss"
    assert f"{old} rinnovato" in edited.content.decode()


def test_a_page_from_the_cache_runs_no_query(client, django_assert_num_queries):
    HubFactory(pubblicato=True)
    client.get("/hub/")
    with django_assert_num_queries(0):
        response = client.get("/hub/")
    assert response[CACHE_HEADER] == "hit"


def test_a_deleted_object_leaves_the_page_at_once(client):
    hub, _field = _hub()
    assert "HUB Forte Marghera" in client.get("/hub/").content.decode()
    hub.delete()
    response = client.get("/hub/")
    assert "HUB Forte Marghera" not in response.content.decode()


def test_logged_in_people_never_get_or_leave_a_cached_page(client):
    HubFactory(nome="HUB Forte Marghera", pubblicato=True)
    person = UserFactory(first_name="Giulia", last_name="Zen")
    assert client.get("/hub/")[CACHE_HEADER] == "miss"
    client.force_login(person)
    response = client.get("/hub/")
    assert CACHE_HEADER not in response
    assert "Giulia Zen" in response.content.decode()
    client.logout()
    anonymous = client.get("/hub/")
    assert anonymous[CACHE_HEADER] == "hit"
    assert "Giulia Zen" not in anonymous.content.decode()


def test_english_and_italian_are_cached_apart(client):
    HubFactory(pubblicato=True)
    italian = client.get("/hub/")
    assert '<html lang="it">' in italian.content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/hub/")
    assert english[CACHE_HEADER] == "miss"
    assert '<html lang="en">' in english.content.decode()
    assert client.get("/hub/")[CACHE_HEADER] == "hit"
    del client.cookies[settings.LANGUAGE_COOKIE_NAME]
    italian_again = client.get("/hub/")
    assert italian_again[CACHE_HEADER] == "hit"
    assert '<html lang="it">' in italian_again.content.decode()


def test_the_forms_of_a_cached_page_still_post():
    HubFactory(pubblicato=True)
    Client(enforce_csrf_checks=True).get("/hub/")  # someone else filled the cache
    visitor = Client(enforce_csrf_checks=True)
    page = visitor.get("/hub/")
    assert page[CACHE_HEADER] == "hit"
    tokens = set(TOKEN.findall(page.content.decode()))
    assert len(tokens) == 1  # rating widget and language switcher: the visitor's own token
    assert page_cache.CSRF_PLACEHOLDER.decode() not in page.content.decode()
    assert settings.CSRF_COOKIE_NAME in page.cookies
    (token,) = tokens

    rating = visitor.post("/valutazione/", {"csrfmiddlewaretoken": token, "pagina": "/hub/", "stelle": "5"})
    assert rating.status_code == 302
    language = visitor.post("/i18n/setlang/", {"csrfmiddlewaretoken": token, "language": "en", "next": "/hub/"})
    assert language.status_code == 302
    assert language.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"

    stranger = Client(enforce_csrf_checks=True)
    stranger.get("/hub/")
    forged = stranger.post("/i18n/setlang/", {"csrfmiddlewaretoken": "x" * 64, "language": "en", "next": "/"})
    assert forged.status_code == 403


def test_a_visitor_with_a_message_waiting_gets_a_fresh_page(client):
    HubFactory(pubblicato=True)
    client.get("/hub/")
    thanks = client.post(
        "/valutazione/",
        {"pagina": "/hub/", "stelle": "5"},
        follow=True,
    )
    assert thanks.redirect_chain == [("/hub/", 302)]
    assert CACHE_HEADER not in thanks
    assert "Grazie, il tuo parere" in thanks.content.decode()
    after = client.get("/hub/")
    assert after[CACHE_HEADER] == "hit"
    assert "Grazie, il tuo parere" not in after.content.decode()


def test_a_log_in_does_not_empty_the_page_cache(client):
    HubFactory(pubblicato=True)
    person = UserFactory()
    client.get("/hub/")
    person.save(update_fields=["last_login"])
    assert client.get("/hub/")[CACHE_HEADER] == "hit"


def test_public_page_names_only_content_apps():
    with pytest.raises(ValueError, match=r"public_page\(\) takes app labels among .* not \['hubz'\]"):
        public_page("hubz")


def test_the_unread_count_is_cached_and_follows_new_and_read_messages(client, django_assert_num_queries):
    person = UserFactory()
    client.force_login(person)
    client.get("/il-progetto/")
    notify(destinatari=[person], tipo="avviso", oggetto="Benvenuta", testo="Ciao")
    assert "Messaggi: 1 non letto" in client.get("/il-progetto/").content.decode()
    with django_assert_num_queries(1):  # the user; session and unread count from the cache
        client.get("/il-progetto/")
    messaggi_mark_all_read(user=person)
    assert "Messaggi: 0 non letti" in client.get("/il-progetto/").content.decode()


def test_a_call_published_by_its_service_shows_at_once(client, staff_user):
    from contributi import services
    from contributi.services.erogazioni import PIANO_PREDEFINITO

    bando = BandoFactory(titolo="Bando Quartieri in festa")
    services.tranche_plan_set(bando=bando, actor=staff_user, tranche=PIANO_PREDEFINITO)
    assert "Bando Quartieri in festa" not in client.get("/bandi/").content.decode()
    assert client.get("/bandi/")[CACHE_HEADER] == "hit"
    services.bando_publish(bando=bando, actor=staff_user)  # an update(): no signal, the service bumps the version
    assert "Bando Quartieri in festa" in client.get("/bandi/").content.decode()
