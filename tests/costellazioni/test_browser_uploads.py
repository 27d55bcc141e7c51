"""The attack of issue 10 in Chromium: a call document carrying a script, opened by the superuser from its public
link, does not run. The upload is now refused; files stored before the check are served sandboxed for download."""

import pytest
from django.core.files.base import ContentFile
from playwright.sync_api import Error as PlaywrightError

from contributi.models import DocumentoBando
from tests.contributi.factories import open_bando
from tests.costellazioni.factories import UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCRIPT = b"""<html><head><title>Modulo</title></head><body>
<script>
document.title = "pwned";
fetch("/pwned/?" + document.cookie);
</script>
<img src="/pwned/img" alt="">
</body></html>"""


def open_document(page, url):
    """Open ``url`` as a person would; the browser may show the file or download it, but never run it here."""
    try:
        page.goto(url)
    except PlaywrightError as error:  # a download instead of a page: what an attachment should be
        assert "Download is starting" in str(error)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("modulo.html", SCRIPT),
        ("modulo.pdf", b"%PDF-1.7\n" + SCRIPT),
        ("modulo.svg", b"<svg xmlns='http://www.w3.org/2000/svg'>" + SCRIPT + b"</svg>"),
    ],
)
def test_a_stored_document_with_a_script_does_not_run_for_the_superuser(
    live_server, strict_page, browser_login, name, content
):
    page = strict_page  # obeys the Content-Security-Policy, like a person's browser
    bando = open_bando()
    documento = DocumentoBando.objects.create(
        bando=bando, titolo="Modulo di domanda", file=ContentFile(content, name=name)
    )
    superuser = UserFactory(is_staff=True, is_superuser=True)
    browser_login(page, superuser)
    requests = []
    page.context.on("request", lambda request: requests.append(request.url))
    page.goto(f"{live_server.url}{bando.get_absolute_url()}")
    link = page.get_by_role("link", name="Modulo di domanda")
    assert link.get_attribute("href") == f"/bandi/{bando.slug}/documenti/{documento.pk}/"
    open_document(page, f"{live_server.url}{link.get_attribute('href')}")
    assert page.title() != "pwned"
    assert not [url for url in requests if "/pwned/" in url]
