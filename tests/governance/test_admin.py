"""The admin calls the services: convening, attendance, approving minutes by vote, the reports queue."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.utils import timezone

from costellazioni.models import EventoAudit
from governance.models import Riunione, Verbale
from governance.services import appalto, verbali
from tests.costellazioni.factories import EnteFactory, MembershipFactory
from tests.governance.factories import at, contratto

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "organo",
    "riunione",
    "verbale",
    "decisione",
    "azione",
    "rapportoappaltatore",
    "appalto",
    "risultatoatteso",
    "sopralluogo",
    "contattorete",
    "partenariato",
    "documentoorgano",
]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_staff_opens_every_changelist_and_change_form(client, staff, svolta, model):
    verbali.verbale_write(riunione=svolta, actor=staff, testi={})
    verbali.decisione_record(punto=svolta.punti.get(ordine=1), actor=staff, testo="Priorità")
    client.force_login(staff)
    assert client.get(f"/admin/governance/{model}/").status_code == 200


def test_convening_in_the_admin_invites_members_and_checks_the_notice(client, staff, organo, membri):
    client.force_login(staff)
    data = {
        "organo": organo.pk,
        "titolo": "Assemblea d'inverno",
        "descrizione": "",
        "inizio_0": at(3).strftime("%d/%m/%Y"),
        "inizio_1": "17:00",
        "fine_0": at(3).strftime("%d/%m/%Y"),
        "fine_1": "19:00",
        "luogo": "Centro civico",
        "link_online": "",
        "visibilita": "pubblica",
        "posti": "",
        "punti-TOTAL_FORMS": "1",
        "punti-INITIAL_FORMS": "0",
        "punti-0-ordine": "1",
        "punti-0-titolo": "Relazione annuale",
        "punti-0-descrizione": "",
    }
    response = client.post("/admin/governance/riunione/add/", data)
    assert "almeno 7 giorni prima" in response.content.decode()
    assert not Riunione.objects.exists()
    data.update({"inizio_0": at(20).strftime("%d/%m/%Y"), "fine_0": at(20).strftime("%d/%m/%Y")})
    response = client.post("/admin/governance/riunione/add/", data)
    assert response.status_code == 302
    riunione = Riunione.objects.get()
    assert riunione.partecipazioni.count() == len(membri)
    assert [p.titolo for p in riunione.punti.all()] == ["Relazione annuale"]


def test_approving_minutes_in_the_admin_records_the_vote(client, staff, svolta, successiva):
    verbale = verbali.verbale_write(riunione=svolta, actor=staff, testi={})
    client.force_login(staff)
    url = f"/admin/governance/verbale/{verbale.pk}/change/"
    data = {"premessa": "", "approvato_in": successiva.pk, "voti_favorevoli": 2, "voti_contrari": 3, "astenuti": 0}
    response = client.post(url, data)
    # The refusal is shown next to the form, with the posted votes kept and no false success.
    assert response.status_code == 200
    html = response.content.decode()
    assert "errornote" in html and "non ha ottenuto la maggioranza" in html
    assert 'name="voti_contrari" value="3"' in html
    assert not [m for m in get_messages(response.wsgi_request) if "successo" in str(m)]
    assert Verbale.objects.get(pk=verbale.pk).stato == "bozza"
    client.post(url, {**data, "voti_favorevoli": 5, "voti_contrari": 0})
    verbale.refresh_from_db()
    assert (verbale.stato, verbale.approvato_in, verbale.voti_favorevoli) == ("approvato", successiva, 5)


def test_the_reports_queue_asks_for_changes_with_a_note(client, staff):
    referente = MembershipFactory(verified=True, ente=EnteFactory(verified=True)).user
    contratto(referente.memberships.get().ente)
    rapporto = appalto.rapporto_create(
        appaltatore=referente.memberships.get().ente,
        actor=referente,
        periodo_dal=timezone.localdate() - datetime.timedelta(days=30),
        periodo_al=timezone.localdate(),
        attivita=[{"macro_azione": "hub", "descrizione": "Sportello", "ore": 10, "persone_raggiunte": 3}],
    )
    appalto.rapporto_submit(rapporto=rapporto, actor=referente)
    client.force_login(staff)
    url = "/admin/governance/rapportoappaltatore/"
    client.post(url, {"action": "request_changes", "_selected_action": [rapporto.pk], "nota": ""})
    rapporto.refresh_from_db()
    assert rapporto.stato == "inviato"
    client.post(url, {"action": "request_changes", "_selected_action": [rapporto.pk], "nota": "Manca il registro."})
    rapporto.refresh_from_db()
    assert rapporto.stato == "modifiche_richieste"
    assert rapporto.commenti.get().testo == "Manca il registro."


def test_an_expected_result_is_marked_reached_from_the_admin(client, staff, svolta):
    from governance.models import Decisione, Organo, RisultatoAtteso
    from governance.services import azioni

    Organo.objects.filter(pk=svolta.organo_id).update(tipo=Organo.Tipo.COMITATO)
    decisione = verbali.decisione_record(punto=svolta.punti.get(ordine=1), actor=staff, testo="Punti di ascolto")
    decisione = Decisione.objects.get(pk=decisione.pk)  # the body is now the committee
    risultato = azioni.risultato_create(
        decisione=decisione, actor=staff, descrizione="Anziani raggiunti", indicatore="Over 75", target="120"
    )
    client.force_login(staff)
    client.post(
        "/admin/governance/risultatoatteso/",
        {"action": "risultato_raggiunto", "_selected_action": [risultato.pk], "nota": "132 persone."},
    )
    assert RisultatoAtteso.objects.get(pk=risultato.pk).nota_stato == "132 persone."


def test_the_agenda_of_a_held_meeting_is_shown_not_edited(client, staff, svolta):
    client.force_login(staff)
    html = client.get(f"/admin/governance/riunione/{svolta.pk}/change/").content.decode()
    assert "Priorità per il 2027" in html
    assert 'name="punti-0-titolo"' not in html and 'name="punti-TOTAL_FORMS"' in html


def _appalto_data(ente, **changes):
    oggi = timezone.localdate()
    return {
        "appaltatore": ente.pk,
        "oggetto": "Animazione di comunità",
        "cig": "",
        "dal": oggi.strftime("%d/%m/%Y"),
        "al": "",
        **changes,
    }


def test_a_contract_is_registered_and_corrected_through_the_service_with_a_coded_audit_row(client, staff):
    from governance.events import Evento
    from governance.models import Appalto

    ente = EnteFactory()
    client.force_login(staff)
    assert client.post("/admin/governance/appalto/add/", _appalto_data(ente)).status_code == 302
    appalto_registrato = Appalto.objects.get()
    response = client.post(
        f"/admin/governance/appalto/{appalto_registrato.pk}/change/", _appalto_data(ente, cig="Z1A2B3C4D5")
    )
    assert response.status_code == 302
    appalto_registrato.refresh_from_db()
    assert appalto_registrato.cig == "Z1A2B3C4D5"
    assert list(EventoAudit.objects.order_by("pk").values_list("evento", "autore")) == [
        (Evento.APPALTO_REGISTRATO, staff.pk),
        (Evento.APPALTO_MODIFICATO, staff.pk),
    ]


def test_a_contract_refused_by_the_service_is_shown_next_to_the_form_without_success(client):
    from django.contrib.auth.models import Permission

    from governance.models import Appalto
    from tests.costellazioni.factories import UserFactory

    # Staff of the admin with the model's permissions, but not staff comunale: the service refuses.
    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=["add_appalto", "view_appalto"]))
    client.force_login(clerk)
    response = client.post("/admin/governance/appalto/add/", _appalto_data(EnteFactory()), follow=True)
    html = response.content.decode()
    assert response.status_code == 200 and "errornote" in html
    assert "Gli appalti li registra lo staff di progetto." in html
    assert not [m for m in get_messages(response.wsgi_request) if m.level_tag == "success"]
    assert not Appalto.objects.exists() and not EventoAudit.objects.exists()
