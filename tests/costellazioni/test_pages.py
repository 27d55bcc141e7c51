import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import permission_denied, server_error

from tests.costellazioni.factories import MessaggioFactory, UserFactory

pytestmark = pytest.mark.django_db

CONTENT_PAGES = [
    ("home", "Costellazioni civiche"),
    ("il_progetto", "Il progetto"),
    ("privacy", "Informativa sul trattamento dei dati personali"),
    ("accessibilita", "Dichiarazione di accessibilità"),
    ("note_legali", "Note legali"),
]
ALL_PAGES = [*CONTENT_PAGES, ("cerca", "Cerca nel sito")]
MACRO_AZIONI = [
    "Ricerca-azione",
    "Co-programmazione",
    "Attivazione e messa in rete di HUB",
    "Erogazione di contributi alle organizzazioni sociali",
    "Monitoraggio e valutazione",
]
# The only other hosts a page may link to: AGID, for the accessibility procedure.
ALLOWED_EXTERNAL_HOSTS = {"form.agid.gov.it"}


class LinkCollector(HTMLParser):
    """Every src= and href= value in a page, and the text of its <h1>."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.h1 = []
        self._in_h1 = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in {"src", "href"} and value is not None:
                self.urls.append(value)
        if tag == "h1":
            self._in_h1 = True

    def handle_endtag(self, tag):
        if tag == "h1":
            self._in_h1 = False

    def handle_data(self, data):
        if self._in_h1:
            self.h1.append(data)


def parse(response):
    collector = LinkCollector()
    collector.feed(response.content.decode())
    return collector


def text(response):
    return unescape(response.content.decode())


@pytest.mark.parametrize(("url_name", "heading"), ALL_PAGES)
def test_page_renders_in_italian_with_its_heading(client, url_name, heading):
    response = client.get(reverse(url_name))
    assert response.status_code == 200
    assert '<html lang="it">' in response.content.decode()
    assert " ".join("".join(parse(response).h1).split()) == heading


@pytest.mark.parametrize(("url_name", "heading"), CONTENT_PAGES)
def test_page_has_its_own_title_and_description(client, url_name, heading):
    body = text(client.get(reverse(url_name)))
    title = re.search(r"<title>(.*?)</title>", body, re.S).group(1)
    assert title.endswith("— Comune di Venezia")
    description = re.search(r'<meta name="description" content="([^"]+)">', body).group(1)
    assert len(description) > 60


@pytest.mark.parametrize(("url_name", "heading"), ALL_PAGES)
def test_no_page_loads_or_links_another_host(client, url_name, heading):
    for url in parse(client.get(reverse(url_name))).urls:
        if url.startswith(("mailto:", "tel:")):
            continue
        parts = urlsplit(url)
        if parts.scheme or parts.netloc:
            assert parts.scheme == "https" and parts.netloc in ALLOWED_EXTERNAL_HOSTS, url
        else:
            assert url.startswith(("/", "#", "?")), url


def test_kit_and_scripts_come_from_static_vendor(client):
    urls = parse(client.get("/")).urls
    for expected in (
        "/static/vendor/bootstrap-italia/css/bootstrap-italia.min.css",
        "/static/vendor/bootstrap-italia/css/fonts.css",
        "/static/vendor/bootstrap-italia/js/bootstrap-italia.bundle.min.js",
        "/static/vendor/htmx/htmx.min.js",
    ):
        assert expected in urls
        assert finders.find(expected.removeprefix("/static/"))
    assert any(url.startswith("/static/vendor/bootstrap-italia/svg/sprites.svg#it-") for url in urls)


def test_kit_version_is_declared_in_the_page_and_matches_the_vendored_files(client):
    version = Path(finders.find("vendor/bootstrap-italia/VERSION")).read_text().strip()
    assert re.fullmatch(r"2\.\d+\.\d+", version)
    assert f'<meta name="bootstrap-italia-version" content="{version}">' in client.get("/").content.decode()
    css = Path(finders.find("vendor/bootstrap-italia/css/bootstrap-italia.min.css")).read_text()
    assert f"--bootstrap-italia-version: '{version}'" in css
    bundle = Path(finders.find("vendor/bootstrap-italia/js/bootstrap-italia.bundle.min.js")).read_text()
    assert f'window.BOOTSTRAP_ITALIA_VERSION="{version}"' in bundle


def test_every_font_url_resolves_to_a_vendored_file():
    fonts_css = Path(finders.find("vendor/bootstrap-italia/css/fonts.css"))
    urls = re.findall(r"url\('([^']+)'\)", fonts_css.read_text())
    assert len(urls) > 40
    for url in urls:
        path = (fonts_css.parent / url.split("?")[0].split("#")[0]).resolve()
        assert path.is_file(), url
    families = {"Titillium_Web", "Lora", "Roboto_Mono"}
    assert families <= {url.split("/")[2] for url in urls}


def test_home_shows_mission_and_the_five_macro_actions(client):
    body = text(client.get("/"))
    assert "Creazione di un sistema di welfare generativo e partecipativo" in body
    for title in MACRO_AZIONI:
        assert title in body
    for section in ("Bandi aperti", "Prossimi incontri pubblici", "HUB e antenne sul territorio"):
        assert section in body
    for path in ("/bandi/", "/governance/", "/hub/"):
        assert f'href="{path}"' in body


def test_il_progetto_has_an_index_pointing_at_its_sections(client):
    response = client.get(reverse("il_progetto"))
    body = text(response)
    anchors = re.findall(r'<a class="list-item" href="#([\w-]+)"', body)
    assert anchors == ["mission", "strategia", "macro-azioni", "hub-antenne", "governance", "cura-della-rete"]
    for anchor in anchors:
        assert f'id="{anchor}"' in body
    for level in ("Partenariato rilevante", "Staff di progetto", "Comitato di gestione"):
        assert level in body


def test_footer_carries_the_eu_funding_and_legal_links(client):
    body = text(client.get("/"))
    footer = body[body.index('<footer class="it-footer"') :]
    assert "Cofinanziato dall'Unione europea" in footer
    assert "PN Metro Plus e Città medie Sud 2021-2027 — Operazione VE4.4.11.2.a" in footer
    assert "Comune di Venezia" in footer
    assert footer.count('href="#eu-star"') == 12
    assert 'href="/privacy/"' in footer
    assert 'href="/note-legali/"' in footer
    assert 'href="/accessibilita/" data-element="accessibility-link">Dichiarazione di accessibilità' in footer
    assert "mailto:costellazioni@comune.venezia.it" in footer


def test_accessibility_link_goes_to_agid_when_configured(client, settings):
    settings.AGID_ACCESSIBILITY_FORM_URL = "https://form.agid.gov.it/view/abc-123"
    body = client.get("/").content.decode()
    assert 'href="https://form.agid.gov.it/view/abc-123" data-element="accessibility-link"' in body


def test_privacy_lists_only_first_party_technical_cookies(client):
    body = text(client.get(reverse("privacy")))
    for cookie in ("sessionid", "csrftoken", "django_language"):
        assert f"<code>{cookie}</code>" in body
    assert "Titolare del trattamento" in body
    assert "Responsabile della protezione dei dati" in body


def test_accessibility_statement_follows_the_agid_model(client):
    body = text(client.get(reverse("accessibilita")))
    for section in (
        "Stato di conformità",
        "Contenuti non accessibili",
        "Redazione della dichiarazione di accessibilità",
        "Meccanismo di feedback e informazioni di contatto",
        "Procedura di attuazione",
    ):
        assert f"<h2>{section}</h2>" in body
    assert 'href="https://form.agid.gov.it/"' in body
    assert 'href="mailto:costellazioni@comune.venezia.it"' in body


def test_breadcrumbs_on_every_page_but_home(client):
    crumbs = 'aria-label="Percorso di navigazione"'
    assert crumbs not in client.get("/").content.decode()
    for url_name, _heading in ALL_PAGES[1:]:
        body = text(client.get(reverse(url_name)))
        trail = body[body.index(crumbs) : body.index("</nav>", body.index(crumbs))]
        assert '<a href="/">Home</a>' in trail
        assert '<li class="breadcrumb-item active" aria-current="page">' in trail


def test_navbar_marks_the_current_section(client):
    body = client.get(reverse("il_progetto")).content.decode()
    assert re.search(r'<a class="nav-link active" href="/il-progetto/" aria-current="page">', body)
    for path in ("/hub/", "/antenne/", "/bandi/", "/coprogrammazione/", "/governance/", "/monitoraggio/"):
        assert re.search(rf'<a class="nav-link" href="{path}"( data-element="[a-z-]+")?>', body)


def test_skip_links_and_landmarks(client):
    body = text(client.get("/"))
    assert '<a class="visually-hidden-focusable" href="#main-content">Vai al contenuto</a>' in body
    assert '<a class="visually-hidden-focusable" href="#footer">Vai al footer</a>' in body
    assert '<main id="main-content"' in body
    assert '<footer class="it-footer" id="footer">' in body
    assert re.search(r'<label for="header-search-q">Cerca nel sito</label>', body)
    assert 'action="/cerca/" method="get" role="search"' in body


def test_anonymous_header_offers_login_and_language_switch(client):
    body = text(client.get("/"))
    assert "Accedi all'area personale" in body
    assert 'data-element="personal-area-login"' in body
    assert f'action="{reverse("set_language")}" method="post"' in body
    assert 'name="language" value="en"' in body


def test_signed_in_header_shows_name_unread_messages_and_logout(client):
    user = UserFactory(first_name="Lucia", last_name="Zanon")
    MessaggioFactory.create_batch(3, destinatario=user)
    client.force_login(user)
    body = text(client.get("/"))
    assert "Lucia Zanon" in body
    assert 'href="/area-personale/"' in body
    assert re.search(r'href="/area-personale/messaggi/">.*?>3</span>.*?Messaggi: 3 non letti', body, re.S)
    assert f'action="{reverse("account_logout")}" method="post"' in body
    assert "Accedi all'area personale" not in body


def test_rating_widget_on_content_pages_but_not_on_search(client):
    assert 'data-element="feedback"' in client.get(reverse("il_progetto")).content.decode()
    assert 'data-element="feedback"' not in client.get(reverse("cerca")).content.decode()


# The home's sections from other apps: open calls (contributi), the HUB map and the next HUB events (hubs),
# the next public meetings (governance), the open surveys (ricerca).
@pytest.mark.parametrize(("url_name", "queries"), [("home", 5), ("il_progetto", 0)])
def test_query_count_for_anonymous_visitors(client, django_assert_num_queries, url_name, queries):
    with django_assert_num_queries(queries):
        assert client.get(reverse(url_name)).status_code == 200


def test_not_found_page(client):
    response = client.get("/questa-pagina-non-esiste/")
    assert response.status_code == 404
    body = text(response)
    assert "<h1>Pagina non trovata</h1>" in body
    assert 'data-element="feedback"' not in body


def test_forbidden_page():
    request = RequestFactory().get("/area-riservata/")
    request.user = AnonymousUser()
    response = permission_denied(request, PermissionDenied())
    assert response.status_code == 403
    assert "<h1>Accesso non consentito</h1>" in unescape(response.content.decode())


def test_server_error_page_needs_no_context():
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    body = unescape(response.content.decode())
    assert "<h1>Si è verificato un errore</h1>" in body
    assert '<html lang="it">' in body
