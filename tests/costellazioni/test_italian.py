"""The portal's Italian reads right and its amounts have one format, on the pages people open and in the PDFs.

The demo data is rendered as a visitor, an ETS referente and a staff member (public pages, area personale, every
admin changelist) and each page's text is checked for patterns that are known to read wrong.
"""

import io
import re
from datetime import datetime
from decimal import Decimal
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext
from pypdf import PdfReader

from costellazioni.formatting import deadline, euro
from costellazioni.models import User
from tests.demo_fixtures import demo, demo_media, seeded_demo  # noqa: F401

run_on_commit = True  # the receipts and reports of the demo exist, as in ``make run``

ROME = ZoneInfo("Europe/Rome")
PUBLIC_START = ["/", "/hub/", "/antenne/", "/bandi/", "/coprogrammazione/", "/governance/", "/monitoraggio/"]
SKIP = ("logout", "/i18n/", "/admin/logout", "/accounts/", "/cerca/")
ITALIAN_AMOUNT = re.compile(r"\d{1,3}(?:\.\d{3})*,\d{2}\s€")
ENGLISH_AMOUNT = re.compile(r"-?€\d{1,3}(?:,\d{3})*\.\d{2}")
# The plural nouns the portal counts: after a 1 each must be singular.
PLURAL_NOUNS = [
    "candidature",
    "persone",
    "partecipanti",
    "ore",
    "protocolli",
    "condivisioni",
    "connessioni",
    "antenne",
    "prenotazioni",
    "bisogni",
    "progetti",
    "impegni",
    "riunioni",
    "decisioni",
    "appuntamenti",
    "risposte",
    "giorni",
    "mesi",
    "settimane",
    "posti",
    "enti",
    "servizi",
    "spazi",
    "eventi",
    "segnalazioni",
    "rilevazioni",
    "interviste",
    "domande",
    "indicatori",
    "misurazioni",
    "organi",
    "membri",
    "voti",
]
# Either order; "1 €4,000.00" (a label's number before an English amount) is the English amount, not "1 €".
ANY_AMOUNT = re.compile(r"€\s?\d[\d.,]*\d|\d(?:[\d.,]*\d)?\s?€(?!\d)")


class _Text(HTMLParser):
    """The visible text of a page (and its options), and its internal links."""

    def __init__(self):
        super().__init__()
        self.parts, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._hidden += 1
        href = dict(attrs).get("href") if tag == "a" else None
        if href and href.startswith("/") and not href.startswith("//"):
            self.links.append(href.split("#")[0])

    def handle_endtag(self, tag):
        if tag in ("script", "style"):
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self):
        return re.sub(r"\s+", " ", " ".join(self.parts))


def _read(client, url):
    response = client.get(url)
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        return None
    parser = _Text()
    parser.feed(response.content.decode())
    return parser


def _pages(client, starts, prefixes, limit):
    """Breadth-first over internal links, starting from `starts`, staying under `prefixes`."""
    seen, queue, pages = set(), list(starts), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen or any(part in url for part in SKIP) or re.search(r"\.(pdf|csv|xlsx|json|ics)$", url):
            continue
        seen.add(url)
        parsed = _read(client, url)
        if parsed is None:
            continue
        pages[url] = parsed.text
        queue.extend(link for link in parsed.links if link.startswith(prefixes) and link not in seen)
    return pages


def _portal_pages(client, language):
    client.cookies["django_language"] = language
    pages = _pages(client, PUBLIC_START, tuple(PUBLIC_START[1:]) + ("/ricerca-azione/",), 120)
    client.force_login(User.objects.get(email="referente@costellazioni.example"))
    pages |= _pages(client, ["/area-personale/"], ("/area-personale/",), 60)
    client.force_login(User.objects.get(email="staff@costellazioni.example"))
    changelists = [reverse("admin:index")] + [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist") for m in admin.site._registry
    ]
    for url in changelists:
        parsed = _read(client, url)
        if parsed is not None:
            pages[url] = parsed.text
    return pages


def _offences(pages, pattern):
    return sorted(
        {
            f"{url}: …{text[max(0, m.start() - 40) : m.end() + 20]}…"
            for url, text in pages.items()
            for m in pattern.finditer(text)
        }
    )


def _misformatted_amounts(pages, good):
    return sorted(
        {
            f"{url}: {m.group(0)!r}"
            for url, text in pages.items()
            for m in ANY_AMOUNT.finditer(text)
            if not good.fullmatch(m.group(0).strip())
        }
    )


def _crawl(request, django_db_blocker, language):
    from django.test import Client, override_settings

    request.getfixturevalue("seeded_demo")
    storages = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    media = str(request.getfixturevalue("demo_media"))
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media, STORAGES=storages):
        return _portal_pages(Client(), language)


@pytest.fixture(scope="module")
def italian_pages(request, django_db_blocker):
    return _crawl(request, django_db_blocker, "it")


@pytest.fixture(scope="module")
def english_pages(request, django_db_blocker):
    return _crawl(request, django_db_blocker, "en")


class TestFormatting:
    @pytest.mark.parametrize(
        ("language", "value", "expected"),
        [
            ("it", Decimal("300000"), "300.000,00 €"),
            ("it", Decimal("4000.5"), "4.000,50 €"),
            ("it", Decimal("-12.3"), "-12,30 €"),
            ("en", Decimal("300000"), "€300,000.00"),
            ("en", "4000.5", "€4,000.50"),
            ("en", -12.3, "-€12.30"),
        ],
    )
    def test_euro_writes_each_language_its_own_way(self, language, value, expected):
        with translation.override(language):
            assert euro(value) == expected

    def test_euro_of_nothing_is_empty(self):
        assert euro(None) == ""

    def test_a_deadline_names_the_weekday_and_the_time_in_rome(self):
        moment = datetime(2026, 12, 10, 11, 0, tzinfo=ZoneInfo("UTC"))
        with translation.override("it"):
            assert deadline(moment) == "giovedì 10 dicembre 2026 alle 12:00"
        with translation.override("en"):
            assert deadline(moment) == "Thursday 10 December 2026 at 12:00"


class TestAdminMessages:
    MESSAGES = [
        "The {name} “{obj}” was added successfully.",
        "The {name} “{obj}” was changed successfully.",
        "The {name} “{obj}” was added successfully. You may add another {name} below.",
        "The {name} “{obj}” was changed successfully. You may edit it again below.",
        "The {name} “{obj}” was added successfully. You may edit it again below.",
        "The {name} “{obj}” was changed successfully. You may add another {name} below.",
    ]

    @pytest.mark.parametrize("msgid", MESSAGES)
    def test_admin_messages_read_right_for_feminine_names(self, msgid):
        with translation.override("it"):
            message = gettext(msgid).format(name="candidatura", obj="VE-2026-00001")
        assert "candidatura «VE-2026-00001»" in message
        assert not re.search(r"\bIl candidatura|è stato", message), message

    def test_bulk_messages_count_in_italian(self):
        with translation.override("it"):
            one = ngettext(
                "%(count)s %(name)s was changed successfully.", "%(count)s %(name)s were changed successfully.", 1
            ) % {"count": 1, "name": "candidatura"}
        assert one == "Modifiche salvate: 1 candidatura."

    @pytest.mark.usefixtures("demo")
    def test_deleting_from_the_admin_says_so_without_a_wrong_article(self, client):
        from costellazioni.models import Municipalita

        municipalita = Municipalita.objects.create(nome="Municipalità di prova", slug="prova", numero=99)
        client.force_login(User.objects.get(email="admin@costellazioni.example"))
        client.cookies["django_language"] = "it"
        url = reverse("admin:costellazioni_municipalita_delete", args=[municipalita.pk])
        response = client.post(url, {"post": "yes"}, follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert messages == ["Eliminazione riuscita: municipalità «Municipalità di prova»."]


@pytest.mark.django_db
class TestRenderedPages:
    def test_selects_offer_seleziona_not_dashes(self, italian_pages):
        assert _offences(italian_pages, re.compile(r"-{5,}")) == []
        assert any("Seleziona…" in text for text in italian_pages.values())

    def test_one_spelling_of_e_mail(self, italian_pages):
        assert _offences(italian_pages, re.compile(r"(?<![-@.\w])(?:[Ee]mail|E-Mail|eMail)\b")) == []

    def test_counts_agree_with_their_noun(self, italian_pages):
        # "1 candidature", "1 ore", "1 protocolli": a singular count with a plural noun.
        assert _offences(italian_pages, re.compile(rf"(?<![\d.,])\b1 (?:{'|'.join(PLURAL_NOUNS)})\b")) == []

    def test_no_masculine_article_before_a_feminine_model(self, italian_pages):
        assert _offences(italian_pages, re.compile(r"\b[Ii]l (?:candidatura|graduatoria|prenotazione|antenna)\b")) == []

    def test_amounts_are_written_the_italian_way(self, italian_pages):
        assert _misformatted_amounts(italian_pages, ITALIAN_AMOUNT) == []
        assert any(ITALIAN_AMOUNT.search(text) for text in italian_pages.values())

    def test_amounts_are_written_the_english_way(self, english_pages):
        # Checklist items and messages are text written once (in Italian): shown as written, in any language.
        stored = ("/vocechecklist/", "/messaggi/")
        pages = {url: text for url, text in english_pages.items() if not any(part in url for part in stored)}
        bad = _misformatted_amounts(pages, ENGLISH_AMOUNT)
        assert not bad, "\n".join(bad)
        assert any(ENGLISH_AMOUNT.search(text) for text in english_pages.values())


@pytest.mark.usefixtures("demo")
def test_amounts_in_the_ranking_pdf_are_written_the_italian_way(client):
    from contributi.models import Graduatoria

    graduatoria = Graduatoria.objects.filter(pubblicata_il__isnull=False).first()
    assert graduatoria is not None, "the demo publishes a ranking"
    client.cookies["django_language"] = "it"
    response = client.get(reverse("contributi:graduatoria_pdf", args=[graduatoria.bando.slug]))
    assert response.status_code == 200
    text = " ".join(
        page.extract_text()
        for page in PdfReader(
            io.BytesIO(b"".join(response.streaming_content if response.streaming else [response.content]))
        ).pages
    )
    amounts = ANY_AMOUNT.findall(text)
    assert amounts, "the ranking shows the call's budget"
    assert [a for a in amounts if not ITALIAN_AMOUNT.fullmatch(a.replace(" ", " ").strip())] == []
