"""The application page in the admin is a page to work on: the content once, as the applicant read it in the
wizard's summary; every document with its link; checklist, scores and timeline; no "Salva" where nothing can be
saved; in Chromium, no horizontal scroll at 1280 px."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contributi import services
from tests.contributi.factories import PDF_BYTES, SubmittedCandidaturaFactory, referente, with_checklist
from tests.contributi.factories_erogazioni import accepted, complete_report
from tests.costellazioni.factories import StaffFactory
from tests.costellazioni.test_accessibility import blocking_violations


def _answered(staff, *, titolo="Portineria di quartiere"):
    user, ente = referente()
    c = with_checklist(SubmittedCandidaturaFactory(ente=ente, titolo=titolo))
    c = services.istruttoria_start(candidatura=c, actor=staff)
    richiesta = services.integrazioni_request(
        candidatura=c, actor=staff, testo="Inviate lo statuto firmato.", scadenza=timezone.now() + timedelta(days=7)
    )
    services.integrazioni_reply(
        richiesta=richiesta,
        actor=user,
        risposta="Alleghiamo lo statuto.",
        files=[SimpleUploadedFile("statuto-firmato-dal-presidente-e-dal-segretario-2026.pdf", PDF_BYTES)],
    )
    c.refresh_from_db()
    return c


@pytest.mark.django_db
class TestApplicationPage:
    def test_the_content_once_and_the_integration_reply_with_its_link(self, client):
        staff = StaffFactory()
        c = _answered(staff)
        client.force_login(staff)
        page = client.get(reverse("admin:contributi_candidatura_change", args=[c.pk])).content.decode()
        documento = c.richieste_integrazioni.get().documenti.get()
        link = reverse("contributi:documento_integrazione", kwargs={"pk": documento.pk})
        assert f'href="{link}"' in page
        assert "Risposta al soccorso istruttorio" in page
        assert page.count("Pasti condivisi nel quartiere.") == 1  # the summary, not repeated by inlines
        assert page.count('<h3 class="h5 mt-3">Budget</h3>') == 1
        assert "Voci di budget" in page and "partner_set-TOTAL_FORMS" not in page
        # The submitted snapshot: its declarations and fingerprint; attachments only once, under "Documenti".
        assert "Dichiarazione di veridicità (DPR 445/2000)" in page
        assert f"Impronta SHA-256 del contenuto presentato: {c.snapshot_sha256}." in page
        assert "data-contenuto-allegati" not in page
        assert "Bozza: contenuto attuale" not in page

    def test_expense_receipts_are_listed_with_their_links(self, client):
        concessione, user, staff, _tranche = accepted()
        rendiconto = complete_report(concessione, user)
        spesa = rendiconto.spese.get()
        client.force_login(StaffFactory())
        url = reverse("admin:contributi_candidatura_change", args=[concessione.candidatura_id])
        page = client.get(url).content.decode()
        assert f'href="{spesa.download_url("giustificativo")}"' in page
        assert "Giustificativo di spesa" in page

    def test_read_only_pages_have_no_save_button(self, client):
        staff = StaffFactory()
        c = _answered(staff)
        richiesta = c.richieste_integrazioni.get()
        client.force_login(staff)
        for url in (
            reverse("admin:contributi_richiestaintegrazioni_change", args=[richiesta.pk]),
            reverse("admin:contributi_candidatura_change", args=[SubmittedCandidaturaFactory().pk]),
        ):
            response = client.get(url)
            assert response.status_code == 200
            assert 'name="_save"' not in response.content.decode(), url
        assert (
            client.post(reverse("admin:contributi_richiestaintegrazioni_change", args=[richiesta.pk])).status_code
            == 403
        )

    def test_the_wizard_summary_is_the_same_partial(self, client):
        from tests.contributi.factories import complete_draft, open_bando

        user, ente = referente()
        c = complete_draft(bando=open_bando(), user=user, ente=ente)
        client.force_login(user)
        response = client.get(reverse("contributi:passo", kwargs={"slug": c.bando.slug, "pk": c.pk, "passo": "invio"}))
        assert "contributi/includes/contenuto.html" in [t.name for t in response.templates]
        html = response.content.decode()
        assert "Impatto e indicatori" in html and "Bozza: contenuto attuale, non ancora presentato." in html
        assert "data-contenuto-allegati" in html and "Impronta SHA-256" not in html

    def test_the_admin_page_renders_the_same_partial(self, client):
        staff = StaffFactory()
        c = _answered(staff)
        client.force_login(staff)
        response = client.get(reverse("admin:contributi_candidatura_change", args=[c.pk]))
        assert "contributi/includes/contenuto.html" in [t.name for t in response.templates]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_application_page_fits_1280_px(live_server, page, browser_login):
    staff = StaffFactory()
    c = _answered(staff, titolo="Laboratori intergenerazionali di cucina, orti condivisi e portineria " * 2)
    browser_login(page, staff)
    page.goto(f"{live_server.url}{reverse('admin:contributi_candidatura_change', args=[c.pk])}")
    assert page.get_by_role("heading", name="Documenti").is_visible()
    assert page.get_by_role("link", name="Scarica statuto-firmato-dal-presidente").is_visible()
    assert page.get_by_role("heading", name="Cronologia").is_visible()
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    wide = page.evaluate(
        "Array.from(document.querySelectorAll('body *'))"
        ".filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)"
        ".slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40))"
    )
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window: {wide}"
    assert not blocking_violations(page)


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_applications_list_fits_a_phone_with_its_note_on_a_line_of_its_own(live_server, page, browser_login):
    staff = StaffFactory()
    SubmittedCandidaturaFactory.create_batch(3)
    browser_login(page, staff)
    page.set_viewport_size({"width": 360, "height": 800})
    page.goto(f"{live_server.url}{reverse('admin:contributi_candidatura_changelist')}")
    widths = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"page is {widths[0]} px wide in a {widths[1]} px window"
    note = page.locator("input[name=nota]").bounding_box()
    action = page.locator("select[name=action]").bounding_box()
    assert note["y"] > action["y"] and note["width"] > 250  # its own line, nearly the screen's width
    assert not blocking_violations(page)
