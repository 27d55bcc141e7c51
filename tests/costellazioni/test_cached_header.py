"""The page header is kept per language, person, unread count and menu entry; the rest goes in at each request."""

import re

import pytest

from costellazioni.templatetags import portal
from tests.costellazioni.factories import MessaggioFactory, UserFactory

pytestmark = pytest.mark.django_db

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')


def _header(response) -> str:
    html = response.content.decode()
    return html[html.index("<header") : html.index("</header>")]


@pytest.fixture(autouse=True)
def _no_headers_kept():
    portal._HEADERS.clear()
    yield
    portal._HEADERS.clear()


def test_each_person_sees_their_own_name_and_token_from_a_kept_header(client):
    from django.test import Client

    anna = UserFactory(first_name="Anna", last_name="Dal Molin")
    piero = UserFactory(first_name="Piero", last_name="Trevisan")
    other = Client()
    client.force_login(anna)
    other.force_login(piero)
    tokens = []
    for _ in range(2):  # the second time from what the first one kept
        own, theirs = _header(client.get("/area-personale/")), _header(other.get("/area-personale/"))
        assert "Anna Dal Molin" in own and "Piero" not in own
        assert "Piero Trevisan" in theirs and "Anna" not in theirs
        assert len(set(TOKEN.findall(own))) == 1  # the language form's and the log-out form's
        tokens.append(TOKEN.findall(own)[0])
    assert len(portal._HEADERS) == 2
    assert tokens[0] != tokens[1], "each answer masks the token anew: the kept header holds none"
    assert TOKEN.findall(own)[0] != TOKEN.findall(theirs)[0]
    assert "__header_" not in own + theirs


def test_the_address_and_the_search_words_are_this_request_s_and_escaped(client):
    client.force_login(UserFactory())
    client.get("/cerca/?q=orti")
    header = _header(client.get('/cerca/?q=<script>alert("x")</script>'))
    assert '<script>alert("x")</script>' not in header
    assert 'value="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"' in header
    assert 'name="next" value="/cerca/?q=%3Cscript%3Ealert(%22x%22)%3C/script%3E"' in header


def test_a_new_message_and_another_menu_entry_show_at_once(client):
    user = UserFactory()
    client.force_login(user)
    assert "Messaggi: 0 non letti" in _header(client.get("/bandi/"))
    MessaggioFactory(destinatario=user)
    header = _header(client.get("/bandi/"))
    assert "Messaggi: 1 non letto" in header
    assert 'href="/bandi/" aria-current="page"' in header
    header = _header(client.get("/hub/"))
    assert 'href="/hub/" aria-current="page"' in header and 'href="/bandi/" aria-current' not in header


def test_without_a_token_the_header_renders_as_it_is(rf):
    from django.template.loader import render_to_string

    request = rf.get("/hub/?a=1")
    request.user = UserFactory.build()
    html = render_to_string("includes/header.html", {"request": request, "PORTAL_NAME": "Costellazioni civiche"})
    assert 'name="next" value="/hub/?a=1"' in html and not portal._HEADERS
