"""A submitted application in the admin: the page opens (the receipt is a link), the snapshot is readable, nothing
the applicant submitted can be changed there; the checklist gates the istruttoria and the admissibility."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.urls import reverse

from contributi import services
from contributi.models import Candidatura, Partner, VoceBudget, VoceChecklist
from costellazioni.models import Quartiere
from tests.contributi.factories import PDF_BYTES, BandoFactory, close_bando, complete_draft, open_bando, referente
from tests.costellazioni.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


@pytest.fixture
def submitted():
    bando = open_bando()
    user, ente = referente()
    c = complete_draft(bando=bando, user=user, ente=ente)
    c = services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True)
    # The receipt as the Celery task leaves it: a private file, which has no public URL.
    c.ricevuta.save("ricevuta-prova.pdf", ContentFile(PDF_BYTES), save=False)
    Candidatura.objects.filter(pk=c.pk).update(ricevuta=c.ricevuta.name)
    c.refresh_from_db()
    return c


def _change_url(candidatura):
    return reverse("admin:contributi_candidatura_change", args=[candidatura.pk])


@pytest.mark.parametrize("superuser", [False, True], ids=["staff", "superuser"])
def test_the_change_page_of_a_submitted_application_opens(client, submitted, superuser):
    user = UserFactory(is_staff=True, is_superuser=True) if superuser else StaffFactory()
    client.force_login(user)
    response = client.get(_change_url(submitted))
    assert response.status_code == 200
    page = response.content.decode()
    receipt = reverse("area_personale_candidatura_ricevuta", kwargs={"pk": submitted.pk})
    assert f'href="{receipt}"' in page
    download = client.get(receipt)
    assert download.status_code == 200 and download["Content-Type"] == "application/pdf"
    # The snapshot reads as a page: headings and labels, not a JSON dump.
    assert "Impatto e indicatori" in page and submitted.snapshot["titolo"] in page
    assert '"progetto":' not in page and "<pre>" not in page
    assert 'name="quartieri"' not in page and 'name="titolo"' not in page


@pytest.mark.parametrize("rows", [1, 25])
def test_the_change_page_runs_a_fixed_number_of_queries(client, submitted, rows, django_assert_num_queries):
    for n in range(rows):
        VoceBudget.objects.create(candidatura=submitted, categoria="beni", descrizione=f"Voce {n}", importo=10)
        Partner.objects.create(candidatura=submitted, denominazione=f"Partner {n}", ruolo="Laboratori")
    client.force_login(StaffFactory())
    url = _change_url(submitted)
    client.get(url)  # sessions and caches warmed
    with django_assert_num_queries(11):  # session, permissions and unread messages from the cache
        assert client.get(url).status_code == 200


def test_a_post_through_the_admin_form_changes_nothing(client, submitted, staff_user):
    close_bando(submitted.bando)
    VoceChecklist.objects.create(bando=submitted.bando, testo="Statuto conforme", ordine=1)
    c = services.istruttoria_start(candidatura=submitted, actor=staff_user)
    before = (c.titolo, c.importo_richiesto, c.snapshot, sorted(c.quartieri.values_list("pk", flat=True)))
    other = Quartiere.objects.exclude(pk__in=c.quartieri.values("pk")).first()
    client.force_login(staff_user)
    response = client.get(_change_url(c))
    assert response.status_code == 200
    data = _form_data(response)
    data.update(
        {
            "quartieri": [other.pk],
            "titolo": "Titolo cambiato dopo il protocollo",
            "importo_richiesto": "999999",
            "snapshot": "{}",
            "stato": S.AMMISSIBILE,
        }
    )
    response = client.post(_change_url(c), data, follow=True)
    assert response.status_code == 200
    c.refresh_from_db()
    after = (c.titolo, c.importo_richiesto, c.snapshot, sorted(c.quartieri.values_list("pk", flat=True)))
    assert after == before
    assert c.stato == S.IN_ISTRUTTORIA


def test_a_refused_checklist_answer_shows_an_error_and_no_success(client, submitted):
    close_bando(submitted.bando)
    VoceChecklist.objects.create(bando=submitted.bando, testo="Statuto conforme", ordine=1)
    c = services.istruttoria_start(candidatura=submitted, actor=StaffFactory())
    party = MembershipFactory(user=StaffFactory(), ente=c.ente, verified=True).user
    client.force_login(party)
    response = client.get(_change_url(c))
    data = _form_data(response)
    prefix = next(k for k in data if k.endswith("-0-soddisfatta") or k.endswith("-0-nota")).rsplit("-", 1)[0]
    data[f"{prefix}-soddisfatta"] = "true"
    data[f"{prefix}-nota"] = "Verificato da me."
    response = client.post(_change_url(c), data, follow=True)
    # The refusal is shown above the form, which keeps what was typed; no message of success.
    assert "ne fai parte" in str(response.context["adminform"].form.non_field_errors())
    assert "Verificato da me." in response.content.decode()
    assert not [m for m in response.context["messages"] if m.level_tag == "success"]
    assert not c.verifiche.filter(soddisfatta__isnull=False).exists()


def _form_data(response) -> dict:
    """What the browser would post back: every bound field of the form and of its inlines, as rendered."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        forms.append(formset.management_form)
        forms.extend(formset.forms)
    for form in forms:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            data[bound.html_name] = "on" if value is True else value
    return data


class TestChecklistGate:
    def test_the_istruttoria_needs_the_calls_checklist(self, submitted, staff_user):
        close_bando(submitted.bando)
        submitted.bando.checklist.all().delete()
        with pytest.raises(ValidationError, match="checklist di ammissibilità") as refused:
            services.istruttoria_start(candidatura=submitted, actor=staff_user)
        assert refused.value.error_list[0].code == "no_checklist"
        services.checklist_generate(bando=submitted.bando, actor=staff_user)
        assert services.istruttoria_start(candidatura=submitted, actor=staff_user).stato == S.IN_ISTRUTTORIA

    def test_the_default_checklist_follows_the_requirements_and_attachments(self, staff_user):
        bando = open_bando(runts_obbligatorio=True)
        created = services.checklist_generate(bando=bando, actor=staff_user)
        testi = [v.testo for v in created]
        assert any("RUNTS" in t for t in testi)
        assert any("«Statuto»" in t for t in testi)
        assert any("contributo richiesto" in t for t in testi)
        assert services.checklist_generate(bando=bando, actor=staff_user) == []

    def test_admissible_with_nothing_checked_is_refused(self, submitted, staff_user):
        close_bando(submitted.bando)
        services.checklist_generate(bando=submitted.bando, actor=staff_user)
        c = services.istruttoria_start(candidatura=submitted, actor=staff_user)
        with pytest.raises(ValidationError, match="Nessuna voce della checklist"):
            services.istruttoria_ammissibile(candidatura=c, actor=staff_user)
        assert Candidatura.objects.get(pk=c.pk).stato == S.IN_ISTRUTTORIA

    def test_publishing_a_call_gives_it_its_checklist(self, staff_user):
        from contributi.services.erogazioni import PIANO_PREDEFINITO

        bando = BandoFactory()
        services.tranche_plan_set(bando=bando, actor=staff_user, tranche=PIANO_PREDEFINITO)
        services.bando_publish(bando=bando, actor=staff_user)
        assert bando.checklist.exists()


@pytest.mark.parametrize("rows", [1, 12])
def test_the_list_reads_a_fixed_number_of_queries_and_shows_each_row(client, django_assert_num_queries, rows):
    bando = open_bando()
    for _ in range(rows):
        user, ente = referente()
        services.candidatura_submit(
            candidatura=complete_draft(bando=bando, user=user, ente=ente), actor=user, veridicita=True, privacy=True
        )
    client.force_login(StaffFactory())
    url = reverse("admin:contributi_candidatura_changelist")
    client.get(url)
    with django_assert_num_queries(3):  # person, the calls of the filter, rows with their call and ente (no count)
        page = client.get(url).content.decode()
    for candidatura in Candidatura.objects.select_related("ente"):
        assert candidatura.numero_protocollo in page and candidatura.ente.denominazione in page
    assert page.count(bando.titolo) >= rows
