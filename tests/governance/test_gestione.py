"""The chair runs a meeting from the portal: attendance, held, minutes per item, decisions, actions."""

import pytest
from django.utils import timezone

from governance.models import Azione, Decisione, Partecipazione, Verbale
from governance.services import verbali
from tests.governance.factories import PuntoFactory, RiunioneFactory, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def iniziata(organo, membri):
    riunione = RiunioneFactory(organo=organo, inizio=at(0, 0), titolo="Assemblea di oggi")
    PuntoFactory(riunione=riunione, ordine=1, titolo="Priorità")
    return riunione


def url(riunione):
    return f"/governance/riunioni/{riunione.pk}/gestione/"


def test_only_the_chair_and_staff_open_it(client, iniziata, membri, staff):
    client.force_login(membri[1].user)
    assert client.get(url(iniziata)).status_code == 404
    client.force_login(membri[0].user)
    assert client.get(url(iniziata)).status_code == 200
    client.force_login(staff)
    assert client.get(url(iniziata)).status_code == 200


def test_from_attendance_to_minutes_decision_and_action(client, iniziata, membri):
    chair = membri[0].user
    client.force_login(chair)
    righe = list(iniziata.partecipazioni.order_by("pk"))
    data = {"azione": "presenze"}
    for index, riga in enumerate(righe):
        data[f"presenza_{riga.pk}"] = "presente" if index < 3 else "assente"
        data[f"delega_{riga.pk}"] = ""
    data[f"presenza_{righe[3].pk}"] = "delegato"
    data[f"delega_{righe[3].pk}"] = str(righe[0].pk)
    response = client.post(url(iniziata), data, follow=True)
    assert "4 presenti o rappresentati, quorum 3" in response.content.decode()
    assert Partecipazione.objects.get(pk=righe[3].pk).delegato_a_id == righe[0].pk

    client.post(url(iniziata), {"azione": "svolta"})
    iniziata.refresh_from_db()
    assert iniziata.stato == "svolta"

    punto = iniziata.punti.get()
    client.post(
        url(iniziata), {"azione": "verbale", "premessa": "Aperta alle 17.", f"punto_{punto.pk}": "Discussione."}
    )
    verbale = Verbale.objects.get(riunione=iniziata)
    assert verbale.punti.get().testo == "Discussione."

    response = client.post(
        url(iniziata),
        {"azione": "decisione", "punto": punto.pk, "tipo": "orientamento", "testo": "Anziani soli", "favorevoli": "3"},
    )
    assert "sia i voti favorevoli sia quelli contrari" in response.content.decode()
    client.post(
        url(iniziata),
        {
            "azione": "decisione",
            "punto": punto.pk,
            "tipo": "orientamento",
            "testo": "Anziani soli",
            "favorevoli": "3",
            "contrari": "1",
            "astenuti": "0",
        },
    )
    decisione = Decisione.objects.get()
    assert decisione.esito == "approvata"
    client.post(
        url(iniziata),
        {
            "azione": "azione_nuova",
            "decisione": decisione.pk,
            "descrizione": "Mappa delle persone sole",
            "responsabile": membri[2].user.pk,
            "scadenza": timezone.localdate().isoformat(),
        },
    )
    assert Azione.objects.get().responsabile == membri[2].user


def test_a_wrong_delegation_is_explained_and_nothing_saved(client, iniziata, membri):
    client.force_login(membri[0].user)
    righe = list(iniziata.partecipazioni.order_by("pk"))
    data = {"azione": "presenze"}
    for riga in righe:
        data[f"presenza_{riga.pk}"] = "assente"
        data[f"delega_{riga.pk}"] = ""
    data[f"presenza_{righe[1].pk}"] = "delegato"
    data[f"delega_{righe[1].pk}"] = str(righe[2].pk)
    response = client.post(url(iniziata), data)
    assert "la delega va a un membro presente" in response.content.decode()
    assert not Partecipazione.objects.exclude(presenza="non_registrata").exists()


def test_a_correction_after_approval_needs_its_reason(client, svolta, successiva, staff):
    verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={})
    verbali.verbale_approve(verbale=verbale, in_riunione=successiva, favorevoli=5, contrari=0, astenuti=0, actor=staff)
    client.force_login(staff)
    response = client.post(url(svolta), {"azione": "verbale", "premessa": "", "motivo_correzione": ""})
    assert "Scrivi il motivo della correzione." in response.content.decode()
    client.post(url(svolta), {"azione": "verbale", "premessa": "Corretta.", "motivo_correzione": "Refuso nel nome."})
    assert list(Verbale.objects.filter(riunione=svolta).values_list("versione", "stato")) == [
        (2, "bozza"),
        (1, "approvato"),
    ]


def test_the_later_meeting_approves_earlier_minutes_by_vote(client, svolta, successiva, staff):
    verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={})
    client.force_login(staff)
    dati = {"azione": "approva", "verbale": verbale.pk, "favorevoli": "1", "contrari": "3", "astenuti": "1"}
    response = client.post(url(successiva), dati)
    assert "non ha ottenuto la maggioranza" in response.content.decode()
    client.post(url(successiva), {**dati, "favorevoli": "4", "contrari": "0"})
    verbale.refresh_from_db()
    assert (verbale.stato, verbale.approvato_in_id, verbale.voti_favorevoli) == ("approvato", successiva.pk, 4)


def test_open_actions_are_followed_up_at_the_later_meeting(client, svolta, successiva, staff):
    decisione = verbali.decisione_record(punto=svolta.punti.get(ordine=1), actor=staff, testo="Mappa")
    from governance.services import azioni

    azione = azioni.azione_create(
        decisione=decisione,
        actor=staff,
        descrizione="Mappa delle persone sole",
        scadenza=timezone.localdate(),
        responsabile=staff,
    )
    client.force_login(staff)
    assert "Mappa delle persone sole" in client.get(url(successiva)).content.decode()
    client.post(
        url(successiva), {"azione": "aggiorna", "azione_id": azione.pk, "nota": "Fatta.", "stato": "completata"}
    )
    azione.refresh_from_db()
    assert azione.stato == "completata"
    assert azione.aggiornamenti.get().riunione == successiva
