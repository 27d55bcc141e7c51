"""Time-bank exchanges move through the door: cancelling and confirming leave a coded audit row."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template import Context, Template
from django.utils import translation

from antenne import services
from antenne.models import Scambio
from costellazioni.models import EventoAudit
from costellazioni.services.workflow import available_transitions
from tests.antenne.factories import SocioFactory

pytestmark = pytest.mark.django_db


def proposed(anna, bruno):
    return services.scambio_propose(
        proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=Decimal("2"), descrizione="Spesa al mercato"
    )


class TestScambio:
    def test_cancelling_leaves_a_coded_row(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = proposed(anna, bruno)
        services.scambio_cancel(scambio=scambio, socio=bruno)
        scambio.refresh_from_db()
        assert scambio.stato == Scambio.Stato.ANNULLATO
        evento = EventoAudit.objects.for_object(scambio).exclude(evento="antenne.scambio_proposto").get()
        assert (evento.evento, evento.stato_da, evento.stato_a, evento.autore) == (
            "antenne.scambio_annullato",
            "proposto",
            "annullato",
            bruno.user,
        )

    def test_confirming_leaves_a_coded_row(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = proposed(anna, bruno)
        services.scambio_confirm(scambio=scambio, socio=bruno)
        assert (
            EventoAudit.objects.for_object(scambio).exclude(evento="antenne.scambio_proposto").get().evento
            == "antenne.scambio_confermato"
        )

    def test_an_outsider_is_refused_and_nothing_is_recorded(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = proposed(anna, bruno)
        with pytest.raises(PermissionDenied, match="Puoi annullare solo gli scambi di cui fai parte."):
            services.scambio_cancel(scambio=scambio, socio=SocioFactory())
        services.scambio_confirm(scambio=scambio, socio=bruno)
        with pytest.raises(ValidationError, match="Uno scambio confermato non si annulla"):
            services.scambio_cancel(scambio=scambio, socio=anna)
        assert sorted(EventoAudit.objects.for_object(scambio).values_list("evento", flat=True)) == [
            "antenne.scambio_confermato",
            "antenne.scambio_proposto",
        ]

    def test_available_to_the_two_members_only(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = proposed(anna, bruno)
        # Bruno did not propose it: he may also agree to it before it happens.
        assert [a.to for a in available_transitions(scambio, bruno.user)] == ["concordato", "confermato", "annullato"]
        assert [a.to for a in available_transitions(scambio, anna.user)] == ["confermato", "annullato"]
        assert available_transitions(scambio, SocioFactory().user) == []

    def test_written_in_english_stored_as_a_code_shown_in_italian(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = proposed(anna, bruno)
        with translation.override("en"):
            services.scambio_cancel(scambio=scambio, socio=anna)
        assert (
            EventoAudit.objects.for_object(scambio).exclude(evento="antenne.scambio_proposto").get().evento
            == "antenne.scambio_annullato"
        )
        with translation.override("it"):
            html = Template("{% load audit %}{% audit_timeline obj %}").render(Context({"obj": scambio}))
        assert "Scambio annullato" in html
