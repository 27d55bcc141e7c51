"""One effect per click in the time bank: the same exchange proposed twice is one exchange, one request to confirm."""

from decimal import Decimal

import pytest

from antenne import services
from antenne.models import RichiestaPortierato, Scambio
from antenne.models.territorio import Servizio
from costellazioni.models import Messaggio
from tests.antenne.factories import AntennaFactory, SocioFactory
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_exchange_proposed_twice_is_one_exchange():
    erogatore, beneficiario = SocioFactory(), SocioFactory()
    proposal = {
        "proposto_da": erogatore,
        "erogatore": erogatore,
        "beneficiario": beneficiario,
        "ore": Decimal("2.00"),
        "descrizione": "Spesa accompagnata",
    }

    first = services.scambio_propose(**proposal)
    second = services.scambio_propose(**proposal)

    assert first == second
    assert Scambio.objects.count() == 1
    assert Messaggio.objects.filter(destinatario=beneficiario.user).count() == 1


def test_the_same_exchange_once_confirmed_can_be_proposed_again():
    erogatore, beneficiario = SocioFactory(), SocioFactory()
    proposal = {
        "proposto_da": erogatore,
        "erogatore": erogatore,
        "beneficiario": beneficiario,
        "ore": Decimal("1.00"),
        "descrizione": "Lezione di italiano",
    }
    first = services.scambio_propose(**proposal)
    services.scambio_confirm(scambio=first, socio=beneficiario)

    second = services.scambio_propose(**proposal)

    assert second != first
    assert Scambio.objects.count() == 2


def test_a_portierato_request_sent_twice_is_one_request():
    antenna = AntennaFactory()
    person = UserFactory()
    ask = {
        "antenna": antenna,
        "richiedente": person,
        "servizio": Servizio.RITIRO_PACCHI,
        "descrizione": "Un pacco in arrivo giovedì",
    }

    first = services.portierato_request(**ask)
    second = services.portierato_request(**ask)

    assert first == second
    assert RichiestaPortierato.objects.filter(richiedente=person).count() == 1
