"""Staff-side pages: the permission matrix, the applicant's replies, the evaluator's pages, the public ranking."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from contributi import services
from contributi.models import Allegato, Candidatura, Graduatoria, Preavviso, Valutazione
from tests.contributi.factories import (
    PDF_BYTES,
    SubmittedCandidaturaFactory,
    board,
    closed_bando,
    evaluated,
    in_valutazione,
    referente,
    score,
    with_checklist,
)

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


def _allegato(candidatura, user):
    return Allegato.objects.create(
        candidatura=candidatura,
        file=SimpleUploadedFile("statuto.pdf", PDF_BYTES),
        nome_originale="statuto.pdf",
        content_type="application/pdf",
        dimensione=len(PDF_BYTES),
        sha256="0" * 64,
        caricato_da=user,
    )


@pytest.fixture
def evaluation(staff_user):
    bando = closed_bando()
    a, b = board(bando, size=2)
    user, ente = referente()
    c = in_valutazione(
        SubmittedCandidaturaFactory(bando=bando, ente=ente), staff=staff_user, membri=[a, b], declare=False
    )
    return c, a, b, user


class TestEvaluatorPages:
    def test_list_shows_only_assigned_and_not_conflicted(self, client, evaluation, staff_user):
        c, a, b, _user = evaluation
        other = SubmittedCandidaturaFactory(bando=c.bando, titolo="Non assegnata")
        in_valutazione(other, staff=staff_user, membri=[b])
        services.conflitto_declare(candidatura=c, actor=b.utente, conflitto=True, nota="Socio.")
        client.force_login(a.utente)
        page = client.get("/area-personale/valutazioni/").content.decode()
        assert c.titolo in page and "Non assegnata" not in page
        client.force_login(b.utente)
        page = client.get("/area-personale/valutazioni/").content.decode()
        assert "Non assegnata" in page and "Da valutare" in page and c.titolo not in page
        assert client.get(f"/area-personale/valutazioni/{c.pk}/").status_code == 404  # conflicted
        client.force_login(a.utente)
        assert client.get(f"/area-personale/valutazioni/{other.pk}/").status_code == 404  # unassigned

    def test_declaration_first_then_scoring(self, client, evaluation):
        c, a, _b, _user = evaluation
        client.force_login(a.utente)
        url = f"/area-personale/valutazioni/{c.pk}/"
        page = client.get(url).content.decode()
        assert "conflitto di interessi" in page and "punti_" not in page
        response = client.post(url, {"dichiara": "1", "conflitto": "no"})
        assert response.status_code == 302
        page = client.get(url).content.decode()
        assert "punti_" in page and "Pasti condivisi" in page
        criteri = list(c.bando.criteri.all())
        data = {"punteggi": "invia", "scheda": "mia", "commento": "Buono."}
        data |= {f"punti_{cr.pk}": "30" for cr in criteri} | {f"commento_{cr.pk}": "Ok" for cr in criteri}
        asked = client.post(url, data)
        # Sending cannot be undone: a page names the consequences; the scores wait as a draft meanwhile.
        assert asked.status_code == 200 and "invio non può essere annullato" in asked.content.decode()
        assert not Valutazione.objects.get(membro=a, candidatura=c).is_submitted
        response = client.post(url, data | {"conferma": "1"})
        assert response.status_code == 302
        assert Valutazione.objects.get(membro=a, candidatura=c).totale == Decimal("60")
        assert Valutazione.objects.get(membro=a, candidatura=c).is_submitted

    def test_points_out_of_range_are_shown_next_to_the_field(self, client, evaluation):
        c, a, _b, _user = evaluation
        services.conflitto_declare(candidatura=c, actor=a.utente, conflitto=False)
        client.force_login(a.utente)
        criterio = c.bando.criteri.get(codice="A.1")
        response = client.post(
            f"/area-personale/valutazioni/{c.pk}/", {"punteggi": "salva", "scheda": "mia", f"punti_{criterio.pk}": "99"}
        )
        assert response.status_code == 200
        assert "invalid-feedback" in response.content.decode()

    def test_others_scores_only_after_own_submission(self, client, evaluation):
        c, a, b, _user = evaluation
        for m in (a, b):
            services.conflitto_declare(candidatura=c, actor=m.utente, conflitto=False)
        score(c, a, [33, 51])
        client.force_login(b.utente)
        page = client.get(f"/area-personale/valutazioni/{c.pk}/").content.decode()
        assert "33,00/40" not in page
        score(c, b, [20, 20])
        page = client.get(f"/area-personale/valutazioni/{c.pk}/").content.decode()
        assert "33,00/40" in page and "totale 84" in page

    def test_attachments_for_assigned_members_only(self, client, evaluation):
        c, a, b, user = evaluation
        allegato = _allegato(c, user)
        url = reverse("contributi:allegato", kwargs={"pk": allegato.pk})
        services.conflitto_declare(candidatura=c, actor=b.utente, conflitto=True, nota="Socio.")
        client.force_login(a.utente)
        assert client.get(url).status_code == 200
        client.force_login(b.utente)
        assert client.get(url).status_code == 404
        outsider = board(c.bando, size=1, presidente=False)[0]
        client.force_login(outsider.utente)
        assert client.get(url).status_code == 404

    def test_evaluator_does_not_reach_the_applicants_page(self, client, evaluation):
        c, a, _b, _user = evaluation
        client.force_login(a.utente)
        assert client.get(c.get_absolute_url()).status_code == 404

    def test_the_applicant_timeline_hides_the_boards_inner_work(self, client, evaluation):
        c, a, b, user = evaluation
        # Names no other person of the test can have (random names may repeat the applicant's own).
        for membro, cognome in [(a, "Commissaria-Alfa"), (b, "Commissario-Beta")]:
            type(membro.utente).objects.filter(pk=membro.utente_id).update(last_name=cognome)
        services.conflitto_declare(candidatura=c, actor=b.utente, conflitto=True, nota="Cugino del presidente.")
        services.conflitto_declare(candidatura=c, actor=a.utente, conflitto=False)
        score(c, a, [30, 30])
        client.force_login(user)
        page = client.get(c.get_absolute_url()).content.decode()
        assert "Valutazione avviata" in page
        assert "Cugino" not in page and "Conflitto di interessi" not in page and "Scheda di valutazione" not in page
        assert "Commissaria-Alfa" not in page and "Commissario-Beta" not in page

    @pytest.mark.parametrize("rows", [1, 30])
    def test_list_query_count_is_fixed(self, client, staff_user, django_assert_num_queries, rows):
        bando = closed_bando()
        (membro,) = board(bando, size=1)
        for _ in range(rows):
            in_valutazione(SubmittedCandidaturaFactory(bando=bando), staff=staff_user, membri=[membro])
        client.force_login(membro.utente)
        with django_assert_num_queries(4):  # the session from the cache
            assert client.get("/area-personale/valutazioni/").status_code == 200


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


@pytest.fixture
def published(staff_user):
    bando = closed_bando()
    (membro,) = board(bando, size=1)
    user, ente = referente()
    c = evaluated(bando, staff=staff_user, membri=[membro], points=[[31, 47]], ente=ente, titolo="Orti condivisi")
    for i in range(3):
        evaluated(bando, staff=staff_user, membri=[membro], points=[[20 + i, 30]], titolo=f"Altro {i}")
    graduatoria = services.graduatoria_compute(bando=bando, actor=staff_user)
    return bando, graduatoria, c, user


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


class TestAdmin:
    def test_changelist_filters_and_ranking_pages(self, client, staff_user, published):
        bando, graduatoria, c, _user = published
        client.force_login(staff_user)
        base = "/admin/contributi/candidatura/"
        for query in (
            "",
            f"?bando__id__exact={bando.pk}",
            "?stato__exact=valutata",
            "?punteggio=70-",
            "?punteggio=nessuno",
        ):
            assert client.get(base + query).status_code == 200, query
        assert c.numero_protocollo in client.get(base + "?punteggio=70-").content.decode()
        assert client.get(f"{base}{c.pk}/change/").status_code == 200
        assert client.get(f"/admin/contributi/graduatoria/{graduatoria.pk}/change/").status_code == 200
        response = client.post(
            "/admin/contributi/graduatoria/", {"action": "esporta_xlsx", "_selected_action": [graduatoria.pk]}
        )
        assert response["Content-Type"].startswith("application/vnd.openxmlformats")
        from io import BytesIO

        from openpyxl import load_workbook

        workbook = load_workbook(BytesIO(response.content))
        assert workbook.sheetnames == ["Graduatoria", "Punteggi"]
        assert workbook["Graduatoria"].max_row == 5 and workbook["Punteggi"].max_row == 9

    def test_request_integrations_action_asks_for_a_deadline(self, client, staff_user):
        user, ente = referente()
        c = services.istruttoria_start(
            candidatura=with_checklist(SubmittedCandidaturaFactory(ente=ente)), actor=staff_user
        )
        client.force_login(staff_user)
        data = {"action": "richiedi_integrazioni", "_selected_action": [c.pk]}
        response = client.post("/admin/contributi/candidatura/", data)
        assert response.status_code == 200 and "Termine per rispondere" in response.content.decode()
        scadenza = (timezone.localtime() + timedelta(days=7)).strftime("%Y-%m-%dT%H:%M")
        response = client.post(
            "/admin/contributi/candidatura/",
            data | {"confirm": "1", "testo": "Serve il bilancio.", "scadenza": scadenza},
        )
        assert response.status_code == 302
        c.refresh_from_db()
        assert c.stato == S.INTEGRAZIONI_RICHIESTE

    def test_staff_assign_applications_to_chosen_members_and_conflicts_are_reported(self, client, staff_user):
        from contributi.models import Assegnazione

        bando = closed_bando()
        alfa, beta, gamma = board(bando, size=3)
        prima, seconda = (SubmittedCandidaturaFactory(bando=bando) for _ in range(2))
        Candidatura.objects.filter(pk__in=[prima.pk, seconda.pk]).update(stato=S.AMMISSIBILE)
        # The president may declare before any assignment; the others declare on what they are given.
        services.conflitto_declare(candidatura=seconda, actor=alfa.utente, conflitto=True, nota="Socio.")
        client.force_login(staff_user)
        data = {"action": "assegna_componenti", "_selected_action": [prima.pk, seconda.pk]}
        page = client.post("/admin/contributi/candidatura/", data).content.decode()
        assert str(gamma) in page  # the members of the call are offered
        response = client.post(
            "/admin/contributi/candidatura/", data | {"confirm": "1", "membri": [alfa.pk, beta.pk]}, follow=True
        )
        assigned = set(Assegnazione.objects.values_list("candidatura_id", "membro_id"))
        assert assigned == {(prima.pk, alfa.pk), (prima.pk, beta.pk), (seconda.pk, beta.pk)}
        assert "conflitto di interessi" in response.content.decode()

    def test_checklist_inline_is_saved_through_the_service(self, client, staff_user):
        from contributi.models import VoceChecklist

        user, ente = referente()
        c = SubmittedCandidaturaFactory(ente=ente)
        voce = VoceChecklist.objects.create(bando=c.bando, testo="Statuto")
        c = services.istruttoria_start(candidatura=c, actor=staff_user)
        verifica = c.verifiche.get()
        client.force_login(staff_user)
        url = f"/admin/contributi/candidatura/{c.pk}/change/"
        page = client.get(url)
        assert page.status_code == 200
        data = {
            "verifiche-TOTAL_FORMS": "1",
            "verifiche-INITIAL_FORMS": "1",
            "verifiche-MIN_NUM_FORMS": "0",
            "verifiche-MAX_NUM_FORMS": "1000",
            "verifiche-0-id": verifica.pk,
            "verifiche-0-candidatura": c.pk,
            "verifiche-0-soddisfatta": "true",
            "verifiche-0-nota": "Conforme.",
        }
        for prefix in ("richieste_integrazioni", "preavvisi", "valutazioni", "partner", "voci_budget", "allegati"):
            data |= {
                f"{prefix}-TOTAL_FORMS": "0",
                f"{prefix}-INITIAL_FORMS": "0",
                f"{prefix}-MIN_NUM_FORMS": "0",
                f"{prefix}-MAX_NUM_FORMS": "1000",
            }
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        verifica.refresh_from_db()
        assert verifica.soddisfatta is True and verifica.verificata_da == staff_user and voce.pk == verifica.voce_id


def test_every_new_admin_page_opens_for_staff(client, staff_user, published):
    bando, _graduatoria, c, _user = published
    client.force_login(staff_user)
    for model in (
        "vocechecklist",
        "regoleselezione",
        "membrocommissione",
        "dichiarazioneconflitto",
        "valutazione",
        "richiestaintegrazioni",
        "preavviso",
        "graduatoria",
    ):
        assert client.get(f"/admin/contributi/{model}/").status_code == 200, model
    assert client.get("/admin/contributi/vocechecklist/add/").status_code == 200
    assert client.get("/admin/contributi/regoleselezione/add/").status_code == 200


def test_staff_decide_on_a_preavviso_in_the_admin(client, staff_user):
    user, ente = referente()
    c = services.istruttoria_start(candidatura=with_checklist(SubmittedCandidaturaFactory(ente=ente)), actor=staff_user)
    preavviso = services.preavviso_send(candidatura=c, actor=staff_user, motivi="Manca il requisito X.")
    services.preavviso_observations(preavviso=preavviso, actor=user, osservazioni="Il requisito c'è.")
    client.force_login(staff_user)
    url = f"/admin/contributi/preavviso/{preavviso.pk}/change/"
    assert client.get(url).status_code == 200
    response = client.post(
        url, {"esito": "confermato", "considerazioni": "Il documento citato non prova il requisito."}
    )
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.stato == S.NON_AMMISSIBILE
