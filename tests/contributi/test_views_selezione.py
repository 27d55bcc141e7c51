"""The applicant's pages during the selection, the scores after publication, the public ranking."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contributi import services
from contributi.models import Candidatura, Graduatoria, Preavviso
from tests.contributi.factories import (
    PDF_BYTES,
    SubmittedCandidaturaFactory,
    board,
    closed_bando,
    evaluated,
    ranked_call,
    referente,
    with_checklist,
)

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


@pytest.fixture
def published(staff_user):
    return ranked_call(staff_user)


class TestApplicantPages:
    @pytest.fixture
    def in_istruttoria(self, staff_user):
        user, ente = referente()
        c = with_checklist(SubmittedCandidaturaFactory(ente=ente))
        return services.istruttoria_start(candidatura=c, actor=staff_user), user

    def test_integration_request_shown_and_answered(self, client, staff_user, in_istruttoria):
        c, user = in_istruttoria
        services.integrazioni_request(
            candidatura=c,
            actor=staff_user,
            testo="Inviate lo statuto firmato.",
            scadenza=timezone.now() + timedelta(days=5),
        )
        client.force_login(user)
        page = client.get(c.get_absolute_url()).content.decode()
        assert "Inviate lo statuto firmato." in page and "/integrazioni/" in page
        url = reverse("area_personale_candidatura_integrazioni", kwargs={"pk": c.pk})
        response = client.post(
            url, {"risposta": "Ecco.", "documenti": [SimpleUploadedFile("statuto.pdf", PDF_BYTES, "application/pdf")]}
        )
        assert response.status_code == 302
        c.refresh_from_db()
        assert c.stato == S.IN_ISTRUTTORIA
        documento = c.richieste_integrazioni.get().documenti.get()
        download = client.get(reverse("contributi:documento_integrazione", kwargs={"pk": documento.pk}))
        assert download.status_code == 200

    def test_a_non_pdf_is_refused_next_to_the_field(self, client, staff_user, in_istruttoria):
        c, user = in_istruttoria
        services.integrazioni_request(
            candidatura=c, actor=staff_user, testo="Statuto.", scadenza=timezone.now() + timedelta(days=5)
        )
        client.force_login(user)
        response = client.post(
            reverse("area_personale_candidatura_integrazioni", kwargs={"pk": c.pk}),
            {"risposta": "Ecco.", "documenti": [SimpleUploadedFile("statuto.pdf", b"GIF89a...", "application/pdf")]},
        )
        assert response.status_code == 200
        assert "non è un PDF" in response.content.decode()

    def test_late_reply_gets_the_italian_message(self, client, staff_user, in_istruttoria):
        c, user = in_istruttoria
        richiesta = services.integrazioni_request(
            candidatura=c, actor=staff_user, testo="Statuto.", scadenza=timezone.now() + timedelta(days=1)
        )
        type(richiesta).objects.filter(pk=richiesta.pk).update(
            richiesta_il=timezone.now() - timedelta(days=3), scadenza=timezone.now() - timedelta(minutes=1)
        )
        client.force_login(user)
        url = reverse("area_personale_candidatura_integrazioni", kwargs={"pk": c.pk})
        response = client.post(url, {"risposta": "Tardi."})
        assert response.status_code == 403
        assert "è scaduto" in response.content.decode()

    def test_observations_page(self, client, staff_user, in_istruttoria):
        c, user = in_istruttoria
        services.preavviso_send(candidatura=c, actor=staff_user, motivi="Manca il requisito X.")
        client.force_login(user)
        assert "/osservazioni/" in client.get(c.get_absolute_url()).content.decode()
        url = reverse("area_personale_candidatura_osservazioni", kwargs={"pk": c.pk})
        assert "Manca il requisito X." in client.get(url).content.decode()
        assert client.post(url, {"osservazioni": "Il requisito c'è."}).status_code == 302
        assert Preavviso.objects.get().osservazioni == "Il requisito c'è."

    def test_another_ente_never_sees_it(self, client, staff_user, in_istruttoria):
        c, _user = in_istruttoria
        services.preavviso_send(candidatura=c, actor=staff_user, motivi="Manca il requisito X.")
        other, _ente = referente()
        client.force_login(other)
        for name in (
            "area_personale_candidatura",
            "area_personale_candidatura_osservazioni",
            "area_personale_candidatura_integrazioni",
        ):
            assert client.get(reverse(name, kwargs={"pk": c.pk})).status_code == 404


def _publish(graduatoria, staff):
    graduatoria = services.graduatoria_approve(
        graduatoria=graduatoria, actor=staff, determina_numero="DD 88", determina_data=date(2026, 11, 20)
    )
    return services.graduatoria_publish(graduatoria=graduatoria, actor=staff)


class TestScoresAndRanking:
    def test_scores_only_after_publication(self, client, staff_user, published):
        bando, graduatoria, c, user = published
        client.force_login(user)
        page = client.get(c.get_absolute_url()).content.decode()
        # 78 as a number of its own (a time stamp such as 16:52:32.778483 on the page must not count).
        assert not re.search(r"\b78\b", page) and "Esito della valutazione" not in page
        assert client.get(f"/bandi/{bando.slug}/graduatoria/").status_code == 404
        assert client.get(f"/bandi/{bando.slug}/graduatoria/pdf/").status_code == 404
        _publish(graduatoria, staff_user)
        page = client.get(c.get_absolute_url()).content.decode()
        assert "Esito della valutazione" in page and re.search(r"\b78\b", page) and re.search(r"\b47\b", page)

    def test_public_page_and_link_from_the_call(self, client, staff_user, published):
        bando, graduatoria, _c, _user = published
        _publish(graduatoria, staff_user)
        page = client.get(f"/bandi/{bando.slug}/graduatoria/").content.decode()
        assert "Orti condivisi" in page and "DD 88" in page
        assert f"/bandi/{bando.slug}/graduatoria/" in client.get(bando.get_absolute_url()).content.decode()
        pdf = client.get(f"/bandi/{bando.slug}/graduatoria/pdf/")
        assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF-")

    @pytest.mark.parametrize("extra", [0, 20])
    def test_public_page_query_count_is_fixed(self, client, staff_user, django_assert_num_queries, extra):
        from contributi.models import PosizioneGraduatoria

        bando = closed_bando()
        (membro,) = board(bando, size=1)
        evaluated(bando, staff=staff_user, membri=[membro], points=[[30, 30]])
        graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
        Graduatoria.objects.filter(pk=graduatoria.pk).update(
            stato=Graduatoria.Stato.PUBBLICATA,
            determina_numero="1",
            determina_data=date.today(),
            approvata_il=timezone.now(),
            pubblicata_il=timezone.now(),
        )
        for i in range(extra):
            PosizioneGraduatoria.objects.create(
                graduatoria=graduatoria,
                candidatura=SubmittedCandidaturaFactory(bando=bando),
                posizione=i + 2,
                punteggio=Decimal("10"),
                esito=PosizioneGraduatoria.Esito.IDONEA_NON_FINANZIATA,
            )
        with django_assert_num_queries(2):
            assert client.get(f"/bandi/{bando.slug}/graduatoria/").status_code == 200
