"""Needs move through the door: coded audit rows, the operator's and staff's roles, the admin's read-only state."""

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.utils import translation

from costellazioni.models import EventoAudit
from costellazioni.services.workflow import available_transitions
from ricerca import services
from ricerca.admin.bisogni import BisognoAdmin
from ricerca.models import Bisogno
from tests.costellazioni.factories import StaffFactory, UserFactory
from tests.ricerca.factories import BisognoFactory

pytestmark = pytest.mark.django_db


class TestBisogno:
    def test_staff_take_a_need_in_charge_with_a_coded_row(self):
        bisogno, staff = BisognoFactory(), StaffFactory()
        services.bisogno_transition(bisogno=bisogno, to=Bisogno.Stato.PRESO_IN_CARICO, actor=staff)
        evento = EventoAudit.objects.for_object(bisogno).get(stato_a=Bisogno.Stato.PRESO_IN_CARICO)
        assert (evento.evento, evento.autore) == ("ricerca.bisogno_preso_in_carico", staff)

    def test_a_citizen_is_refused(self):
        bisogno = BisognoFactory()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.bisogno_transition(bisogno=bisogno, to=Bisogno.Stato.PRESO_IN_CARICO, actor=UserFactory())
        bisogno.refresh_from_db()
        assert bisogno.stato == Bisogno.Stato.SEGNALATO
        assert available_transitions(bisogno, UserFactory()) == []

    def test_the_event_reads_in_the_readers_language(self):
        bisogno = BisognoFactory()
        with translation.override("en"):
            services.bisogno_transition(bisogno=bisogno, to=Bisogno.Stato.PRESO_IN_CARICO, actor=StaffFactory())
        template = Template("{% load audit %}{% audit_timeline obj %}")
        with translation.override("en"):
            assert "Need taken in charge" in template.render(Context({"obj": bisogno}))
        with translation.override("it"):
            assert "Bisogno preso in carico" in template.render(Context({"obj": bisogno}))

    def test_the_admin_shows_the_state_read_only_and_refuses_an_unavailable_move(self, client, staff_user):
        assert "stato" in BisognoAdmin.readonly_fields
        bisogno = BisognoFactory()
        client.force_login(staff_user)
        response = client.post(
            "/admin/ricerca/bisogno/",
            {"action": "bisogno_risolto", "_selected_action": [bisogno.pk], "nota": ""},
            follow=True,
        )
        assert "Questo passaggio di stato non è previsto." in response.content.decode()
        bisogno.refresh_from_db()
        assert bisogno.stato == Bisogno.Stato.SEGNALATO
