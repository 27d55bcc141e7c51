"""PDF documents on the portal's letterhead, rendered with WeasyPrint and never touching the network.

Templates extend ``pdf/base.html`` and fill ``{% block content %}`` (and ``title``, which becomes the
PDF's title). Static files are referenced as usual with ``{% static %}``; they are read from disk.

The letterhead's stylesheet (``templates/pdf/letterhead.css``) and the fonts' ``@font-face`` rules are parsed
once per thread into one WeasyPrint ``FontConfiguration`` and reused by every render: loading the fonts and
parsing the CSS was most of a receipt's CPU time. They are given to WeasyPrint as user stylesheets, so a
template's own ``<style>`` overrides them.
"""

import logging
import re
import threading
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from weasyprint import CSS, HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

logger = logging.getLogger(__name__)

# The letterhead's font; DejaVu Sans (system package) stands in when the kit is not vendored.
TITILLIUM_DIR = "vendor/bootstrap-italia/fonts/Titillium_Web"
_TITILLIUM_FILE = re.compile(r"-(?P<weight>\d{3}|regular)?(?P<italic>italic)?\.ttf$")
PDFA_VARIANT = "pdf/a-3b"
LETTERHEAD_CSS = "pdf/letterhead.css"
# Static URLs resolve against this base; the host is never contacted (see PortalURLFetcher).
BASE_URL = "https://pdf.invalid/"


def pdf_render(*, template_name: str, context: dict, pdfa: bool = False) -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes; ``pdfa=True`` makes a PDF/A-3b file.

    Resources are read only from the static files and ``data:`` URLs; any other URL (http, https,
    file outside the static directories) is refused and the document renders without it.
    """
    context = {"PORTAL_NAME": settings.PORTAL_NAME, "pdf_page_counter": page_counter_css(), **context}
    html = render_to_string(template_name, context)
    shared = _shared_resources()
    options = {"pdf_variant": PDFA_VARIANT} if pdfa else {}
    document = HTML(string=html, base_url=BASE_URL, url_fetcher=shared.fetcher)
    return document.write_pdf(stylesheets=shared.stylesheets, font_config=shared.font_config, **options)


@dataclass(frozen=True)
class SharedResources:
    """What every render of a thread reuses: the fetcher, the font configuration and the parsed stylesheets."""

    key: tuple
    fetcher: "PortalURLFetcher"
    font_config: FontConfiguration
    stylesheets: list


# Per thread: a WeasyPrint FontConfiguration is not meant to be shared between threads (gunicorn's gthread
# workers may render a PDF in a request); a Celery prefork child has one thread, hence one set for its life.
_local = threading.local()


def _shared_resources() -> SharedResources:
    # Rebuilt when the static files move (tests change STATIC_ROOT); otherwise built once per thread.
    key = (settings.STATIC_URL, str(settings.STATIC_ROOT or ""))
    shared = getattr(_local, "resources", None)
    if shared is None or shared.key != key:
        fetcher = PortalURLFetcher()
        font_config = FontConfiguration()
        stylesheets = [
            CSS(string=font_face_css(), font_config=font_config, url_fetcher=fetcher),
            CSS(string=letterhead_css(), base_url=BASE_URL, font_config=font_config, url_fetcher=fetcher),
        ]
        shared = _local.resources = SharedResources(key, fetcher, font_config, stylesheets)
    return shared


def letterhead_css() -> str:
    """The letterhead's stylesheet (page boxes, header, footer, typography) shared by every PDF."""
    return render_to_string(LETTERHEAD_CSS)


def page_counter_css() -> str:
    """The footer's "Pagina X di Y" as a CSS ``content`` value, from one translatable sentence."""
    sentence = _("Pagina %(page)s di %(pages)s")
    parts = re.split(r"(%\((?:page|pages)\)s)", sentence)
    values = []
    for part in parts:
        if part == "%(page)s":
            values.append("counter(page)")
        elif part == "%(pages)s":
            values.append("counter(pages)")
        elif part:
            escaped = part.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
            values.append(f'"{escaped}"')
    return " ".join(values)


def font_face_css() -> str:
    """``@font-face`` rules for the vendored Titillium Web TTF files, or nothing if absent."""
    directory = finders.find(TITILLIUM_DIR)
    if not directory:
        return ""
    rules = []
    for path in sorted(Path(directory).glob("*.ttf")):
        match = _TITILLIUM_FILE.search(path.name)
        if not match:
            continue
        weight = match["weight"] or "regular"
        rules.append(
            "@font-face { font-family: 'Titillium Web'; "
            f"font-weight: {400 if weight == 'regular' else int(weight)}; "
            f"font-style: {'italic' if match['italic'] else 'normal'}; "
            f"src: url('{path.resolve().as_uri()}') format('truetype'); }}"
        )
    return "\n".join(rules)


def _static_roots() -> list[Path]:
    """Every directory static files come from: STATIC_ROOT and what the staticfiles finders search."""
    roots = [Path(settings.STATIC_ROOT)] if settings.STATIC_ROOT else []
    for finder in finders.get_finders():
        roots.extend(Path(storage.location) for storage in getattr(finder, "storages", {}).values())
    return [root.resolve() for root in roots]


class PortalURLFetcher(URLFetcher):
    """Serve static files from disk and refuse everything else, so rendering never goes online."""

    def __init__(self):
        super().__init__(allowed_protocols={"file", "data"}, fail_on_errors=False, timeout=1)
        self._static_prefix = urljoin(BASE_URL, settings.STATIC_URL)

    def fetch(self, url, headers=None):
        if url.startswith(self._static_prefix):
            path = self._static_file(unquote(urlsplit(url).path[len(urlsplit(self._static_prefix).path) :]))
            if path is None:
                raise ValueError(f"Static file not found: {url}")
            url = path.as_uri()
        elif url.startswith("file:"):
            path = Path(unquote(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in _static_roots()):
                raise ValueError(f"File outside the static directories refused: {url}")
        elif not url.startswith("data:"):
            logger.info("PDF rendering refused to fetch %s", url)
            raise ValueError(f"Network access refused while rendering a PDF: {url}")
        return super().fetch(url, headers)

    @staticmethod
    def _static_file(relative: str) -> Path | None:
        if not relative or ".." in Path(relative).parts:
            return None
        if settings.STATIC_ROOT:
            collected = Path(settings.STATIC_ROOT) / relative
            if collected.is_file():
                return collected.resolve()
        found = finders.find(relative)
        return Path(found).resolve() if found else None
