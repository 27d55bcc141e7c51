"""Hostile input on every public and personal-area page, form and JSON endpoint: never a 5xx, nothing changed.

For each person (a visitor, a referente of two enti, a community operator) every URL of ``targets.routes()`` is
opened with hostile query strings, and every form found on those pages (plus every POST-only URL) is sent the
values of ``HOSTILE``: all fields at once, then one field at a time over an otherwise valid form, as HTML and as
the JSON the phone app sends. Deterministic (a fixed table, a fixed order) and bounded.

Each request runs in a savepoint rolled back afterwards, so every request meets the same demo data. A request
the portal refuses (4xx, or a form shown again with errors) must leave the key tables exactly as they were.
"""

import json
from html.parser import HTMLParser
from urllib.parse import urlencode, urlsplit

import pytest
from django.apps import apps
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.urls import Resolver404, resolve

from costellazioni.models import User
from tests.demo_fixtures import demo, demo_media, seeded_demo  # noqa: F401
from tests.fuzz.targets import routes, urls_for

ROLES = {
    "visitatore": None,
    "referente": "referente@costellazioni.example",
    "operatrice": "operatrice@costellazioni.example",
}
HOSTILE = [
    "\x00",
    "x" * 10_000,
    "😀🇮🇹👩‍👩‍👧 Città",
    "\u202eمرحبا بالعالم עברית",
    "-99999999999999999999",
    "99999999999999999999999999999999",
    "-1",
    "1e309",
    "0001-01-01",
    "9999-12-31T23:59",
    "31/12/99999",
    '{"a": 1}',
]
# One hostile value per field in turn, over an otherwise valid form: the values most likely to get past the HTML.
PER_FIELD = ["x" * 10_000, "-99999999999999999999", "9999-12-31T23:59", "1e309", "😀\u202e"]
HOSTILE_QUERY = [
    {"q": "x" * 5000, "page": "-1", "mese": "9999-99", "anno": "99999", "data": "0001-01-01", "bando": "😀"},
    {"q": "\u202e", "page": "9" * 30, "mese": "0000-12", "anno": "0000", "tipo": "[]", "quartiere": "-1"},
]
KEY_MODELS = [
    "costellazioni.User",
    "costellazioni.Ente",
    "costellazioni.Membership",
    "costellazioni.Messaggio",
    "costellazioni.ValutazionePagina",
    "hubs.Prenotazione",
    "hubs.Appuntamento",
    "antenne.Attivita",
    "antenne.Seguito",
    "antenne.RichiestaPortierato",
    "antenne.SocioBancaDelTempo",
    "antenne.Scambio",
    "ricerca.Bisogno",
    "contributi.Candidatura",
    "contributi.Rendiconto",
    "contributi.Spesa",
]


class _Forms(HTMLParser):
    """The POST forms of a page: action and fields with their initial values (file inputs apart)."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._form = {"action": attrs.get("action") or "", "fields": {}, "files": []}
            self.forms.append(self._form)
        if self._form is None or not attrs.get("name"):
            if (
                tag == "option"
                and self._select is not None
                and attrs.get("value")
                and not self._form["fields"].get(self._select)
            ):
                self._form["fields"][self._select] = attrs["value"]
            return
        name = attrs["name"]
        if name == "csrfmiddlewaretoken":
            return
        if tag == "input":
            kind = (attrs.get("type") or "text").lower()
            if kind == "file":
                self._form["files"].append(name)
            elif kind in {"checkbox", "radio"}:
                if "checked" in attrs or name not in self._form["fields"]:
                    self._form["fields"][name] = attrs.get("value") or "on"
            elif kind not in {"reset", "image"}:
                self._form["fields"].setdefault(name, attrs.get("value") or "")
        elif tag == "button" and attrs.get("value"):
            self._form["fields"].setdefault(name, attrs["value"])
        elif tag == "select":
            self._select = name
            self._form["fields"].setdefault(name, "")
        elif tag == "textarea":
            self._textarea = name
            self._form["fields"].setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _fingerprint() -> list[str]:
    """One digest per key table, of every row's text: any insert, update or delete changes it."""
    tables = [apps.get_model(label)._meta.db_table for label in KEY_MODELS]
    sql = ", ".join(
        f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t.id), '')) FROM {connection.ops.quote_name(table)} t)"
        for table in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}")
        return list(cursor.fetchone())


def _upload(_value) -> SimpleUploadedFile:
    return SimpleUploadedFile("fattura\u202egpj.pdf", b"%PDF-1.4\n<html><script>alert(1)</script>", "text/html")


class Fuzzer:
    def __init__(self, client, role):
        self.client = client
        self.role = role
        self.failures: list[str] = []
        self.requests = 0
        self.baseline = _fingerprint()

    def send(self, method, url, data=None, **extra):
        """One request in a savepoint always rolled back; records a 5xx, or a refusal that changed data."""
        cache.clear()  # rate limits would turn the rest of the run into 429s
        self.requests += 1
        savepoint = transaction.savepoint()
        try:
            response = (
                getattr(self.client, method)(url, data, **extra)
                if data is not None
                else getattr(self.client, method)(url, **extra)
            )
            label = f"{self.role} {method.upper()} {url} {_describe(data)}"
            if response.status_code >= 500:
                error = response.exc_info[1] if getattr(response, "exc_info", None) else ""
                self.failures.append(f"{label} -> {response.status_code} {type(error).__name__}: {error}"[:500])
            elif method == "post" and _refused(response) and _fingerprint() != self.baseline:
                self.failures.append(f"{label} -> {response.status_code} refused but changed data")
            return response
        finally:
            transaction.savepoint_rollback(savepoint)
            connection.needs_rollback = False

    def fuzz_form(self, url, fields, files):
        for value in HOSTILE:
            data = dict.fromkeys(fields, value) | {name: _upload(value) for name in files}
            self.send("post", url, data)
        self.send("post", url, {})  # every field missing
        self.send("post", url, {name: [value, "altro"] for name, value in fields.items()})  # lists, not values
        for index, name in enumerate(fields):
            value = PER_FIELD[index % len(PER_FIELD)]
            self.send("post", url, {**fields, name: value} | {f: _upload(f) for f in files})
        self.send("post", url, dict.fromkeys(fields, HOSTILE[1]), headers={"accept": "application/json"})
        self.send("post", url, json.dumps({"a": [1, {"b": None}]}), content_type="application/json")
        self.send("post", url, "{nul", content_type="application/json")


def _route_of(path: str) -> str:
    """One form per route: the same form for each message or each expense is sent once."""
    try:
        return resolve(path).route
    except Resolver404:
        return path


def _refused(response) -> bool:
    return response.status_code >= 400 or (response.status_code == 200 and b"is-invalid" in response.content)


def _describe(data) -> str:
    if not isinstance(data, dict):
        return repr(data)[:40]
    return ",".join(sorted(data))[:80] + " " + repr(next(iter(data.values()), ""))[:30]


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("role", list(ROLES))
def test_hostile_input_never_causes_a_server_error_nor_changes_data(client, role):
    user = User.objects.get(email=ROLES[role]) if ROLES[role] else None
    if user is not None:
        client.force_login(user)
    client.raise_request_exception = False
    fuzzer = Fuzzer(client, role)
    forms: dict[str, dict] = {}
    post_only: list[str] = []
    urls = [url for route in routes() for url in urls_for(route, user)]
    assert len(urls) > 60
    for url in urls:
        response = fuzzer.send("get", url)
        for query in HOSTILE_QUERY:
            fuzzer.send("get", url + "?" + urlencode(query))
        if response.status_code == 405:
            post_only.append(url)
        elif response.status_code == 200 and "html" in response.get("Content-Type", ""):
            parser = _Forms()
            parser.feed(response.content.decode())
            for form in parser.forms:
                action = urlsplit(form["action"]).path or url
                if action.startswith("/") and not action.startswith(("/admin/", "/i18n/", "/accounts/logout/")):
                    forms.setdefault(_route_of(action), (action, form))
    for action, form in forms.values():
        fuzzer.fuzz_form(action, form["fields"], form["files"])
    for url in post_only:
        if _route_of(url) not in forms:
            fuzzer.fuzz_form(url, {"azione": "conferma", "nota": "", "voto": "5"}, [])
    print(f"{role}: {fuzzer.requests} requests, {len(forms)} forms, {len(post_only)} POST-only URLs")
    assert forms, "no form found: the pages did not render"
    assert fuzzer.failures == []
