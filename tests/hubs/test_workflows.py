"""The HUB tables (``hubs.workflows``): here the outcome of a connection, registered like every state."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import translation

from costellazioni import workflows as core_workflows
from costellazioni.models import EventoAudit
from costellazioni.services.workflow import available_transitions, workflow_transition
from hubs import workflows
from hubs.events import Evento
from hubs.models import Connessione
from tests.costellazioni.factories import EnteFactory, StaffFactory, UserFactory
from tests.hubs.factories import HubFactory

C = Connessione.Esito


@pytest.fixture
def connessione(db):
    return Connessione.objects.create(
        hub=HubFactory(), ente_a=EnteFactory(), ente_b=EnteFactory(), scopo="Doposcuola", data="2026-03-02"
    )


def move(connessione, to, actor):
    with transaction.atomic():
        return workflow_transition(obj=connessione, field="esito", table=workflows.CONNESSIONE, to=to, actor=actor)


class TestConnessioneTable:
    def test_is_registered_on_the_esito_field(self):
        [workflow] = core_workflows.workflows_for(Connessione)
        assert (workflow.field, workflow.table) == ("esito", workflows.CONNESSIONE)

    @pytest.mark.parametrize(
        "da, a, evento",
        [
            (C.IN_CORSO, C.COLLABORAZIONE_AVVIATA, Evento.AVVIA_LA_COLLABORAZIONE),
            (C.IN_CORSO, C.PROGETTO_COMUNE, Evento.REGISTRA_IL_PROGETTO_COMUNE),
            (C.COLLABORAZIONE_AVVIATA, C.PROGETTO_COMUNE, Evento.REGISTRA_IL_PROGETTO_COMUNE),
            (C.IN_CORSO, C.NON_PROSEGUITA, Evento.REGISTRA_CHE_NON_E_PROSEGUITA),
            (C.COLLABORAZIONE_AVVIATA, C.NON_PROSEGUITA, Evento.REGISTRA_CHE_NON_E_PROSEGUITA),
            (C.NON_PROSEGUITA, C.IN_CORSO, Evento.RIAPRI_LA_CONNESSIONE),
        ],
    )
    def test_allowed_moves_write_their_coded_row(self, connessione, da, a, evento):
        connessione.esito = da
        staff = StaffFactory()
        assert move(connessione, a, staff).evento == evento
        assert connessione.esito == a
        riga = EventoAudit.objects.for_object(connessione).get()
        assert (riga.evento, riga.stato_da, riga.stato_a, riga.autore) == (evento, da, a, staff)

    @pytest.mark.parametrize(
        "da, a",
        [
            (C.PROGETTO_COMUNE, C.IN_CORSO),
            (C.PROGETTO_COMUNE, C.NON_PROSEGUITA),
            (C.COLLABORAZIONE_AVVIATA, C.IN_CORSO),
            (C.NON_PROSEGUITA, C.PROGETTO_COMUNE),
        ],
    )
    def test_moves_not_in_the_table_are_refused(self, connessione, da, a):
        connessione.esito = da
        with pytest.raises(ValidationError, match="Questo passaggio di stato non è previsto") as refusal:
            move(connessione, a, StaffFactory())
        assert refusal.value.code == "invalid_transition" and connessione.esito == da

    def test_only_staff_move_the_outcome(self, connessione):
        with pytest.raises(PermissionDenied, match="Non hai i permessi"):
            move(connessione, C.COLLABORAZIONE_AVVIATA, UserFactory())
        assert connessione.esito == C.IN_CORSO

    def test_what_staff_may_do_now(self, connessione):
        offered = [(a.to, a.transition.evento) for a in available_transitions(connessione, StaffFactory())]
        assert offered == [
            (C.COLLABORAZIONE_AVVIATA, Evento.AVVIA_LA_COLLABORAZIONE),
            (C.PROGETTO_COMUNE, Evento.REGISTRA_IL_PROGETTO_COMUNE),
            (C.NON_PROSEGUITA, Evento.REGISTRA_CHE_NON_E_PROSEGUITA),
        ]
        assert available_transitions(connessione, UserFactory()) == []

    def test_the_row_keeps_the_code_and_is_read_in_the_readers_language(self, connessione):
        with translation.override("en"):
            move(connessione, C.NON_PROSEGUITA, StaffFactory())
            riga = EventoAudit.objects.for_object(connessione).get()
            english = riga.evento_label
            assert english == translation.gettext("Registra che non è proseguita")
        assert riga.evento == "hubs.registra_che_non_e_proseguita"
        with translation.override("it"):
            assert riga.evento_label == "Registra che non è proseguita"
