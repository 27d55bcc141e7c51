import pytest
from django.contrib.auth.models import Permission
from django.contrib.messages import get_messages

from antenne.models import Antenna
from costellazioni.models import EventoAudit
from tests.antenne.factories import AntennaFactory, AttivitaFactory, RichiestaPortieratoFactory, SocioFactory

pytestmark = pytest.mark.django_db

CHANGELISTS = [
    "antenna",
    "operatoredicomunita",
    "attivita",
    "seguito",
    "sociobancadeltempo",
    "offerta",
    "richiesta",
    "scambio",
    "movimentobancadeltempo",
    "richiestaportierato",
]


@pytest.mark.parametrize("model", CHANGELISTS)
def test_staff_opens_every_changelist(client, staff_user, model):
    AntennaFactory()
    AttivitaFactory()
    SocioFactory()
    client.force_login(staff_user)
    assert client.get(f"/admin/antenne/{model}/").status_code == 200


def test_antenna_change_form_shows_the_timeline(client, staff_user):
    antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA)
    client.force_login(staff_user)
    client.post(
        "/admin/antenne/antenna/",
        {"action": "antenna_contattata", "_selected_action": [antenna.pk], "nota": ""},
    )
    antenna.refresh_from_db()
    assert antenna.stato == Antenna.Stato.CONTATTATA
    assert EventoAudit.objects.for_object(antenna).filter().exists()
    assert client.get(f"/admin/antenne/antenna/{antenna.pk}/change/").status_code == 200


def test_field_log_csv_export(client, staff_user):
    AttivitaFactory(luogo="Campo San Polo", persone_raggiunte=11)
    client.force_login(staff_user)
    response = client.post(
        "/admin/antenne/attivita/",
        {"action": "esporta_csv", "select_across": "1", "_selected_action": ["0"], "index": "0"},
    )
    assert response["Content-Type"].startswith("text/csv")
    body = response.content.decode("utf-8-sig")
    assert "Campo San Polo;11" in body


def test_ledger_is_read_only(client, staff_user):
    client.force_login(staff_user)
    assert client.get("/admin/antenne/movimentobancadeltempo/add/").status_code == 403


def test_csv_cells_never_start_a_formula(client, staff_user):
    AttivitaFactory(note='=HYPERLINK("http://x")')
    client.force_login(staff_user)
    response = client.post(
        "/admin/antenne/attivita/",
        {"action": "esporta_csv", "select_across": "1", "_selected_action": ["0"], "index": "0"},
    )
    assert "'=HYPERLINK" in response.content.decode("utf-8-sig")


def antenna_form_data(antenna, rows=()):
    """The antenna's change form as posted, with ``rows`` added as new consents."""
    from django.forms.models import model_to_dict

    data = {k: v for k, v in model_to_dict(antenna).items() if v is not None and k not in ("hub",)}
    data.update(
        {
            # The admin's text field for a list, and the hidden initial value Django adds for a callable default.
            "servizi": ",".join(antenna.servizi),
            "initial-servizi": ",".join(antenna.servizi),
            "consensi-TOTAL_FORMS": str(antenna.consensi.count() + len(rows)),
            "consensi-INITIAL_FORMS": str(antenna.consensi.count()),
            "consensi-MIN_NUM_FORMS": "0",
            "consensi-MAX_NUM_FORMS": "1000",
        }
    )
    for i, consenso in enumerate(antenna.consensi.all()):
        data[f"consensi-{i}-id"] = consenso.pk
        data[f"consensi-{i}-antenna"] = antenna.pk
    start = antenna.consensi.count()
    for i, row in enumerate(rows, start=start):
        data.update({f"consensi-{i}-{k}": v for k, v in row.items()})
        data[f"consensi-{i}-antenna"] = antenna.pk
    return data


class TestConsensiInline:
    def test_staff_adds_a_consent_which_sets_the_public_flag_and_keeps_the_old_one(self, client, staff_user):
        from antenne import services

        antenna = AntennaFactory(privato=True)
        vecchio = services.consenso_record(antenna=antenna, oggetto="nome_pubblico", concesso=False)
        client.force_login(staff_user)
        url = f"/admin/antenne/antenna/{antenna.pk}/change/"
        page = client.get(url).content.decode()
        assert 'name="consensi-0-concesso"' not in page  # the past record is shown, not editable
        data = antenna_form_data(antenna, [{"oggetto": "nome_pubblico", "concesso": "on", "versione_testo": "2026-01"}])
        data["consensi-0-concesso"] = "on"  # a forged edit of the past record is ignored
        response = client.post(url, data)
        assert response.status_code == 302, response.content.decode()[:3000]
        antenna.refresh_from_db()
        assert antenna.consenso_nome
        vecchio.refresh_from_db()
        assert vecchio.concesso is False
        nuovo = antenna.consensi.exclude(pk=vecchio.pk).get()
        assert nuovo.concesso and nuovo.registrato_da == staff_user

    def test_the_hub_is_read_only_in_the_form(self, client, staff_user):
        from tests.hubs.factories import HubFactory

        antenna = AntennaFactory()
        hub = HubFactory()
        client.force_login(staff_user)
        data = antenna_form_data(antenna, [])
        data["hub"] = hub.pk  # a forged field is ignored: the HUB changes only through the service
        response = client.post(f"/admin/antenne/antenna/{antenna.pk}/change/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        antenna.refresh_from_db()
        assert antenna.hub is None


class TestCambiaHub:
    """The antenna's HUB changes through ``antenna_set_hub``: one action, a page to choose, a coded log row."""

    URL = "/admin/antenne/antenna/"

    def test_the_action_asks_for_the_hub_then_calls_the_service(self, client, staff_user):
        from tests.hubs.factories import HubFactory

        antenna = AntennaFactory()
        hub = HubFactory(nome="HUB Marghera")
        client.force_login(staff_user)
        page = client.post(self.URL, {"action": "cambia_hub", "_selected_action": [antenna.pk]})
        assert page.status_code == 200
        assert "HUB Marghera" in page.content.decode()
        antenna.refresh_from_db()
        assert antenna.hub is None  # nothing changes before the confirmation
        done = client.post(
            self.URL, {"action": "cambia_hub", "_selected_action": [antenna.pk], "confirm": "1", "hub": hub.pk}
        )
        assert done.status_code == 302
        antenna.refresh_from_db()
        assert antenna.hub == hub
        riga = EventoAudit.objects.for_object(antenna).get()
        assert riga.evento == "antenne.hub_di_riferimento_cambiato" and riga.autore == staff_user

    def test_a_refusal_is_reported_for_the_row_and_changes_nothing(self, client, staff_user):
        from tests.costellazioni.factories import UserFactory
        from tests.hubs.factories import HubFactory

        antenna = AntennaFactory()
        hub = HubFactory()
        # May change antennas in the admin, but holds no role on this antenna: the service refuses.
        impiegato = UserFactory(is_staff=True)
        impiegato.user_permissions.add(*Permission.objects.filter(codename__in=["view_antenna", "change_antenna"]))
        client.force_login(impiegato)
        response = client.post(
            self.URL, {"action": "cambia_hub", "_selected_action": [antenna.pk], "confirm": "1", "hub": hub.pk}
        )
        assert response.status_code == 302
        assert [str(m) for m in get_messages(response.wsgi_request)] == [
            f"{antenna}: Non hai i permessi per questa operazione."
        ]
        antenna.refresh_from_db()
        assert antenna.hub is None
        assert not EventoAudit.objects.for_object(antenna).exists()


def test_staff_turns_down_a_membership_request_with_a_note(client, staff_user):
    from antenne import services
    from antenne.models import SocioBancaDelTempo
    from tests.costellazioni.factories import UserFactory

    socio = services.socio_join(user=UserFactory())
    client.force_login(staff_user)
    url = "/admin/antenne/sociobancadeltempo/"
    client.post(url, {"action": "non_accogliere", "_selected_action": [socio.pk], "nota": ""})
    socio.refresh_from_db()
    assert socio.stato == SocioBancaDelTempo.Stato.IN_ATTESA
    client.post(url, {"action": "non_accogliere", "_selected_action": [socio.pk], "nota": "Doppia iscrizione"})
    socio.refresh_from_db()
    assert socio.stato == SocioBancaDelTempo.Stato.RESPINTO


class TestAntennaForm:
    """Saving the form calls ``antenna_register``/``antenna_update``: a coded log row, or the refusal by the form."""

    def test_staff_edit_goes_through_the_service_and_is_logged_with_its_code(self, client, staff_user):
        antenna = AntennaFactory(nome_pubblico="Edicola Rialto")
        client.force_login(staff_user)
        data = antenna_form_data(antenna)
        data["nome_pubblico"] = "Edicola di Rialto"
        response = client.post(f"/admin/antenne/antenna/{antenna.pk}/change/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        antenna.refresh_from_db()
        assert antenna.nome_pubblico == "Edicola di Rialto"
        riga = EventoAudit.objects.for_object(antenna).get()
        assert (riga.evento, riga.autore, riga.nota) == (
            "antenne.antenna_modificata",
            staff_user,
            "Campi modificati: nome pubblico.",
        )

    def test_staff_adds_an_antenna_through_the_service(self, client, staff_user):
        from tests.antenne.factories import primo_quartiere

        client.force_login(staff_user)
        data = {
            "tipo": Antenna.Tipo.NEGOZIO,
            "nome_pubblico": "Latteria di Castello",
            "quartiere": primo_quartiere().pk,
            "servizi": "ritiro_pacchi",
            "consensi-TOTAL_FORMS": "0",
            "consensi-INITIAL_FORMS": "0",
            "consensi-MIN_NUM_FORMS": "0",
            "consensi-MAX_NUM_FORMS": "1000",
        }
        response = client.post("/admin/antenne/antenna/add/", data)
        assert response.status_code == 302, response.content.decode()[:3000]
        antenna = Antenna.objects.get()
        assert antenna.stato == Antenna.Stato.INDIVIDUATA
        riga = EventoAudit.objects.for_object(antenna).get()
        assert (riga.evento, riga.autore, riga.stato_a) == ("antenne.antenna_registrata", staff_user, "individuata")

    def test_a_refusal_is_shown_next_to_the_form_without_a_success_message(self, client):
        from tests.costellazioni.factories import UserFactory

        antenna = AntennaFactory(nome_pubblico="Edicola Rialto")
        # Staff who may change antennas in the admin, but holds no role on this antenna: the service refuses.
        impiegato = UserFactory(is_staff=True)
        impiegato.user_permissions.add(*Permission.objects.filter(codename__in=["view_antenna", "change_antenna"]))
        client.force_login(impiegato)
        data = antenna_form_data(antenna)
        data["nome_pubblico"] = "Edicola di Rialto"
        response = client.post(f"/admin/antenne/antenna/{antenna.pk}/change/", data)
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert form.non_field_errors() == ["Non hai i permessi per questa operazione."]
        assert form["nome_pubblico"].value() == "Edicola di Rialto"  # what was typed is kept
        assert list(get_messages(response.wsgi_request)) == []
        antenna.refresh_from_db()
        assert antenna.nome_pubblico == "Edicola Rialto"
        assert not EventoAudit.objects.for_object(antenna).exists()


def clerk_who_may_change(client, model):
    """Staff who may change ``model`` in the admin but holds no role for it: the service refuses."""
    from tests.costellazioni.factories import UserFactory

    clerk = UserFactory(is_staff=True)
    clerk.user_permissions.add(*Permission.objects.filter(codename__in=[f"view_{model}", f"change_{model}"]))
    client.force_login(clerk)
    return client


class TestSocioForm:
    """Saving the form calls ``socio_correct``: a coded log row, or the refusal next to the form."""

    def test_staff_edit_goes_through_the_service_and_is_logged_with_its_code(self, client, staff_user):
        from costellazioni.models import Quartiere

        socio = SocioFactory(quartiere=None)
        quartiere = Quartiere.objects.order_by("pk").first()
        client.force_login(staff_user)
        response = client.post(f"/admin/antenne/sociobancadeltempo/{socio.pk}/change/", {"quartiere": quartiere.pk})
        assert response.status_code == 302, response.content.decode()[:3000]
        socio.refresh_from_db()
        assert socio.quartiere == quartiere
        riga = EventoAudit.objects.for_object(socio).get()
        assert (riga.evento, riga.autore, riga.nota) == (
            "antenne.dati_del_socio_corretti",
            staff_user,
            "Campi modificati: quartiere.",
        )

    def test_a_refusal_is_shown_next_to_the_form_without_a_success_message(self, client):
        from costellazioni.models import Quartiere

        socio = SocioFactory(quartiere=None)
        client = clerk_who_may_change(client, "sociobancadeltempo")
        quartiere = Quartiere.objects.order_by("pk").first()
        response = client.post(f"/admin/antenne/sociobancadeltempo/{socio.pk}/change/", {"quartiere": quartiere.pk})
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert form.non_field_errors() == ["Solo il coordinamento della banca del tempo può verificare i soci."]
        assert list(get_messages(response.wsgi_request)) == []
        socio.refresh_from_db()
        assert socio.quartiere is None
        assert not EventoAudit.objects.for_object(socio).exists()


class TestRichiestaPortieratoForm:
    """Saving the form calls ``portierato_correct_telefono``: a coded log row without the number, or the refusal."""

    def test_staff_edit_goes_through_the_service_and_is_logged_with_its_code(self, client, staff_user):
        richiesta = RichiestaPortieratoFactory(telefono="")
        client.force_login(staff_user)
        url = f"/admin/antenne/richiestaportierato/{richiesta.pk}/change/"
        response = client.post(url, {"telefono": " 041 5200000 "})
        assert response.status_code == 302, response.content.decode()[:3000]
        richiesta.refresh_from_db()
        assert richiesta.telefono == "041 5200000"
        riga = EventoAudit.objects.for_object(richiesta).get()
        assert (riga.evento, riga.autore, riga.nota) == ("antenne.recapito_della_richiesta_corretto", staff_user, "")

    def test_a_refusal_is_shown_next_to_the_form_without_a_success_message(self, client):
        richiesta = RichiestaPortieratoFactory(telefono="")
        client = clerk_who_may_change(client, "richiestaportierato")
        response = client.post(f"/admin/antenne/richiestaportierato/{richiesta.pk}/change/", {"telefono": "041 520"})
        assert response.status_code == 200
        form = response.context["adminform"].form
        assert form.non_field_errors() == [
            "Solo chi ha fatto la richiesta o il personale del Comune ne corregge il telefono."
        ]
        assert form["telefono"].value() == "041 520"
        assert list(get_messages(response.wsgi_request)) == []
        richiesta.refresh_from_db()
        assert richiesta.telefono == ""
        assert not EventoAudit.objects.for_object(richiesta).exists()
