"""Connections (``hubs.services.connessioni``): recorded by staff, their outcome moved through the door."""

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from costellazioni.models import EventoAudit
from hubs import services
from hubs.events import Evento
from hubs.models import Connessione
from tests.costellazioni.factories import EnteFactory, StaffFactory, UserFactory
from tests.hubs.factories import HubFactory

C = Connessione.Esito


def record(*, actor=None, **fields):
    fields = {"hub": HubFactory(), "ente_a": EnteFactory(), "ente_b": EnteFactory(), "scopo": "Doposcuola", **fields}
    return services.connessione_record(data=timezone.localdate(), actor=actor or StaffFactory(), **fields)


def events_of(connessione) -> list[tuple[str, str, str]]:
    return list(EventoAudit.objects.for_object(connessione).order_by("pk").values_list("evento", "stato_da", "stato_a"))


@pytest.mark.django_db
class TestConnessioneRecord:
    def test_recorded_in_progress_and_audited(self):
        connessione = record()
        assert connessione.esito == C.IN_CORSO
        assert events_of(connessione) == [(Evento.CONNESSIONE_REGISTRATA, "", C.IN_CORSO)]

    def test_an_outcome_known_at_once_is_recorded_through_the_door(self):
        connessione = record(esito=C.COLLABORAZIONE_AVVIATA)
        connessione.refresh_from_db()
        assert connessione.esito == C.COLLABORAZIONE_AVVIATA
        assert events_of(connessione)[-1] == (Evento.AVVIA_LA_COLLABORAZIONE, C.IN_CORSO, C.COLLABORAZIONE_AVVIATA)

    def test_an_ente_does_not_connect_with_itself(self):
        ente = EnteFactory()
        with pytest.raises(ValidationError, match="Una connessione lega due enti diversi"):
            record(ente_a=ente, ente_b=ente)
        assert not Connessione.objects.exists()

    def test_only_staff_record(self):
        with pytest.raises(PermissionDenied, match="Solo il personale del Comune"):
            record(actor=UserFactory())
        assert not Connessione.objects.exists()


@pytest.mark.django_db
class TestConnessioneUpdate:
    def test_a_new_outcome_goes_through_the_door_with_its_coded_row(self):
        staff = StaffFactory()
        connessione = record(actor=staff)
        services.connessione_update(connessione=connessione, actor=staff, esito=C.PROGETTO_COMUNE)
        riga = EventoAudit.objects.for_object(connessione).get(evento=Evento.REGISTRA_IL_PROGETTO_COMUNE)
        assert (riga.stato_da, riga.stato_a, riga.autore) == (C.IN_CORSO, C.PROGETTO_COMUNE, staff)
        services.connessione_update(connessione=connessione, actor=staff, note="Solo una nota")
        assert len(events_of(connessione)) == 2
        connessione.refresh_from_db()
        assert (connessione.esito, connessione.note) == (C.PROGETTO_COMUNE, "Solo una nota")

    def test_a_move_the_table_does_not_have_is_refused_and_nothing_changes(self):
        staff = StaffFactory()
        connessione = record(actor=staff, esito=C.PROGETTO_COMUNE)
        with pytest.raises(ValidationError, match="Questo passaggio di stato non è previsto") as refusal:
            services.connessione_update(connessione=connessione, actor=staff, esito=C.IN_CORSO, scopo="Altro")
        assert refusal.value.code == "invalid_transition"
        connessione.refresh_from_db()
        assert (connessione.esito, connessione.scopo) == (C.PROGETTO_COMUNE, "Doposcuola")

    def test_only_staff_update_a_connection(self):
        connessione = record()
        with pytest.raises(PermissionDenied, match="Solo il personale del Comune"):
            services.connessione_update(connessione=connessione, actor=UserFactory(), esito=C.COLLABORAZIONE_AVVIATA)
        connessione.refresh_from_db()
        assert connessione.esito == C.IN_CORSO

    def test_unknown_fields_are_a_programming_error(self):
        with pytest.raises(ValueError, match=r"does not change \['registrata_da'\]"):
            services.connessione_update(connessione=record(), actor=StaffFactory(), registrata_da=None)


@pytest.mark.django_db
class TestConnessioneAdmin:
    """The admin form saves through the service: the outcome's move and its refusal, next to the form."""

    def form(self, connessione, **changes):
        return {
            "hub": connessione.hub_id,
            "ente_a": connessione.ente_a_id,
            "ente_b": connessione.ente_b_id,
            "scopo": connessione.scopo,
            "data": connessione.data.strftime("%d/%m/%Y"),
            "esito": connessione.esito,
            "note": "",
            **changes,
        }

    def test_the_outcome_is_recorded_with_its_coded_row(self, client):
        staff = StaffFactory()
        connessione = record(actor=staff)
        client.force_login(staff)
        url = f"/admin/hubs/connessione/{connessione.pk}/change/"
        assert client.post(url, self.form(connessione, esito=C.COLLABORAZIONE_AVVIATA)).status_code == 302
        riga = EventoAudit.objects.for_object(connessione).get(evento=Evento.AVVIA_LA_COLLABORAZIONE)
        assert (riga.stato_a, riga.autore) == (C.COLLABORAZIONE_AVVIATA, staff)

    @pytest.mark.parametrize(
        "esito, offered",
        [
            (C.IN_CORSO, [C.IN_CORSO, C.COLLABORAZIONE_AVVIATA, C.PROGETTO_COMUNE, C.NON_PROSEGUITA]),
            (C.NON_PROSEGUITA, [C.IN_CORSO, C.NON_PROSEGUITA]),
            (C.PROGETTO_COMUNE, [C.PROGETTO_COMUNE]),
        ],
    )
    def test_the_outcome_offers_only_where_the_table_leads(self, client, esito, offered):
        staff = StaffFactory()
        connessione = record(actor=staff, esito=esito)
        client.force_login(staff)
        response = client.get(f"/admin/hubs/connessione/{connessione.pk}/change/")
        choices = response.context["adminform"].form.fields["esito"].choices
        assert [value for value, _ in choices] == offered

    @pytest.mark.parametrize(
        "esito, changes, message",
        [
            (C.IN_CORSO, {"esito": C.COLLABORAZIONE_AVVIATA, "ente_b": "same"}, "Una connessione lega due enti"),
            (C.PROGETTO_COMUNE, {"esito": C.IN_CORSO}, "opzione valida"),  # not offered: refused by the field
        ],
    )
    def test_a_refusal_is_shown_next_to_the_form_without_success(self, client, esito, changes, message):
        staff = StaffFactory()
        connessione = record(actor=staff, esito=esito)
        client.force_login(staff)
        before = events_of(connessione)
        if changes.get("ente_b") == "same":
            changes["ente_b"] = connessione.ente_a_id
        refused = client.post(f"/admin/hubs/connessione/{connessione.pk}/change/", self.form(connessione, **changes))
        assert refused.status_code == 200 and message in refused.content.decode()
        assert not [m for m in get_messages(refused.wsgi_request) if "successo" in str(m)]
        connessione.refresh_from_db()
        assert connessione.esito == esito and events_of(connessione) == before
