"""The wizard marks a step complete only when it passes its own checks, the same ones the submission runs;
the summary shows everything that will be submitted, with a PDF preview; the submitted copy can be read again."""

from decimal import Decimal
from io import BytesIO

import pytest
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from pypdf import PdfReader

from contributi import services
from contributi.models import Candidatura, VoceBudget
from tests.contributi.factories import complete_draft, open_bando, referente

pytestmark = pytest.mark.django_db

P = Candidatura.Passo
COFIN = "Il cofinanziamento deve coprire almeno il 10% del costo totale del progetto."


def _step(c, passo):
    return reverse("contributi:passo", kwargs={"slug": c.bando.slug, "pk": c.pk, "passo": passo})


def _budget_post(cofinanziamento, initial_forms="0"):
    # INITIAL_FORMS as the page's management form gives it: the number of lines already saved.
    return {
        "voci-TOTAL_FORMS": "1",
        "voci-INITIAL_FORMS": initial_forms,
        "voci-0-categoria": "personale",
        "voci-0-descrizione": "Educatore",
        "voci-0-importo": "10000",
        "cofinanziamento": cofinanziamento,
    }


class TestStepChecks:
    def test_a_budget_short_of_co_financing_is_saved_but_not_complete(self):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        c = services.candidatura_save_budget(
            candidatura=c,
            actor=user,
            cofinanziamento=Decimal("100"),
            voci=[{"categoria": "personale", "descrizione": "Educatore", "importo": Decimal("10000")}],
        )
        assert c.voci_budget.count() == 1  # the draft keeps what was typed
        assert services.step_errors(c, P.BUDGET) == [COFIN]
        assert P.BUDGET not in services.completed_steps(c)
        # The submission refuses it with the same words: one rule, two uses.
        assert COFIN in services.submission_errors(c)

    def test_missing_mandatory_attachment_keeps_the_step_open(self):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        c.allegati.all().delete()
        c = services.candidatura_mark_step(candidatura=c, actor=user, passo=P.ALLEGATI)
        assert services.step_errors(c, P.ALLEGATI) == ["Manca l'allegato obbligatorio «Statuto»."]
        assert P.ALLEGATI not in services.completed_steps(c)
        assert "Manca l'allegato obbligatorio «Statuto»." in services.submission_errors(c)

    def test_a_complete_draft_has_every_step_but_the_last_complete(self):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        c = services.candidatura_mark_step(candidatura=c, actor=user, passo=P.ALLEGATI)
        assert services.completed_steps(c) == [P.ENTE, P.PROGETTO, P.BUDGET, P.IMPATTO, P.ALLEGATI]


class TestWizardViews:
    def test_a_failing_budget_stays_on_its_step_with_the_error_and_is_not_marked_complete(self, client):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        client.force_login(user)
        response = client.post(_step(c, P.BUDGET), _budget_post("0"), follow=True)
        assert response.redirect_chain[-1][0] == _step(c, P.BUDGET)
        html = response.content.decode()
        assert "Bozza salvata, ma questo passo non è ancora completo" in html
        assert COFIN in html
        assert response.context["passi"][2] == (P.BUDGET, _step(c, P.BUDGET), "da_correggere")
        assert 'data-passo="budget" data-stato="da_correggere"' in html
        # Corrected, it is complete and the wizard moves on.
        response = client.post(_step(c, P.BUDGET), _budget_post("1000", initial_forms="1"))
        assert response.status_code == 302, response.content.decode()
        assert response.url == _step(c, P.IMPATTO)
        response = client.get(response.url)
        assert response.context["passi"][2][2] == "completato"

    def test_continuing_without_a_mandatory_attachment_stays_on_the_step(self, client):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        c.allegati.all().delete()
        client.force_login(user)
        response = client.post(_step(c, P.ALLEGATI), {"prosegui": "1"}, follow=True)
        assert response.redirect_chain[-1][0] == _step(c, P.ALLEGATI)
        html = response.content.decode()
        assert "Manca l&#x27;allegato obbligatorio «Statuto»." in html
        assert response.context["passi"][4][2] == "da_correggere"

    def test_the_summary_shows_lines_total_and_attachments_with_size(self, client):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        client.force_login(user)
        html = client.get(_step(c, P.INVIO)).content.decode()
        for text in ("Educatore", "Attrezzature", "12.000,00 €", "3.000,00 €", "15.000,00 €", "13.000,00 €"):
            assert text in html, text
        allegato = c.allegati.get()
        assert f"Statuto: statuto.pdf ({filesizeformat(allegato.dimensione)})" in html
        assert "Scarica anteprima PDF" in html

    def test_the_preview_is_a_pdf_watermarked_bozza_on_every_page(self, client):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        client.force_login(user)
        response = client.get(reverse("contributi:anteprima", kwargs={"slug": bando.slug, "pk": c.pk}))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        reader = PdfReader(BytesIO(response.content))
        texts = [p.extract_text() for p in reader.pages]
        assert all("BOZZA" in t for t in texts)
        assert "Cucine di quartiere" in texts[0]
        assert "15.000,00" in "".join(texts)

    def test_someone_else_cannot_preview_the_draft(self, client):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        other, _ente = referente()
        client.force_login(other)
        response = client.get(reverse("contributi:anteprima", kwargs={"slug": bando.slug, "pk": c.pk}))
        assert response.status_code == 404


class TestSubmittedCopy:
    def _submitted(self):
        bando = open_bando()
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        c = services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True)
        return c, user

    def test_the_page_shows_the_snapshot_not_the_current_rows(self, client):
        c, user = self._submitted()
        # Rows changed after submission (they never should): the page still shows what was sent.
        VoceBudget.objects.filter(candidatura=c, descrizione="Educatore").update(descrizione="Cambiata dopo")
        client.force_login(user)
        response = client.get(reverse("area_personale_candidatura_contenuto", kwargs={"pk": c.pk}))
        html = response.content.decode()
        assert "Educatore" in html and "Cambiata dopo" not in html
        assert c.numero_protocollo in html
        assert "15.000,00 €" in html
        assert c.snapshot_sha256 in html
        detail = client.get(c.get_absolute_url()).content.decode()
        assert reverse("area_personale_candidatura_contenuto", kwargs={"pk": c.pk}) in detail

    def test_the_pdf_of_what_was_submitted(self, client):
        c, user = self._submitted()
        client.force_login(user)
        response = client.get(reverse("area_personale_candidatura_contenuto_pdf", kwargs={"pk": c.pk}))
        assert response["Content-Type"] == "application/pdf"
        text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
        assert c.numero_protocollo in text
        assert "BOZZA" not in text
        assert "Educatore" in text

    def test_a_draft_has_no_submitted_copy_and_others_see_nothing(self, client):
        c, _user = self._submitted()
        other, _ente = referente()
        client.force_login(other)
        assert client.get(reverse("area_personale_candidatura_contenuto", kwargs={"pk": c.pk})).status_code == 404
        draft_user, ente = referente()
        draft = complete_draft(bando=open_bando(), user=draft_user, ente=ente)
        client.force_login(draft_user)
        url = reverse("area_personale_candidatura_contenuto", kwargs={"pk": draft.pk})
        assert client.get(url).status_code == 404


@pytest.mark.parametrize("rows", [1, 20])
def test_the_submitted_copy_runs_a_fixed_number_of_queries(client, django_assert_num_queries, rows):
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    services.candidatura_save_budget(
        candidatura=c,
        actor=user,
        cofinanziamento=Decimal("5000"),
        voci=[{"categoria": "servizi", "descrizione": f"Voce {i}", "importo": Decimal("500")} for i in range(rows)]
        + [{"categoria": "personale", "descrizione": "Educatore", "importo": Decimal("20000")}],
    )
    c = services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True)
    client.force_login(user)
    # user, the application read from its snapshot, the unread-messages badge (the session is cached)
    with django_assert_num_queries(3):
        response = client.get(reverse("area_personale_candidatura_contenuto", kwargs={"pk": c.pk}))
    assert response.status_code == 200
    assert "Voce 0" in response.content.decode()
