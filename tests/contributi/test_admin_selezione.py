"""The selection's admin: board, preavvisi, integration requests, rankings and their exports."""

from datetime import timedelta

import pytest
from django.utils import timezone

from contributi import services
from contributi.models import Candidatura
from tests.contributi.factories import (
    SubmittedCandidaturaFactory,
    board,
    closed_bando,
    ranked_call,
    referente,
    with_checklist,
)

pytestmark = pytest.mark.django_db
S = Candidatura.Stato


@pytest.fixture
def published(staff_user):
    return ranked_call(staff_user)


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
