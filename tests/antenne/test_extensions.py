from decimal import Decimal

import pytest

from antenne import services
from antenne.extensions import search_antenne
from tests.antenne.factories import AntennaFactory, SocioFactory

pytestmark = pytest.mark.django_db


def test_area_personale_shows_the_balance(client):
    anna, bruno = SocioFactory(), SocioFactory()
    scambio = services.scambio_propose(
        proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=Decimal("2.5"), descrizione="Trasloco"
    )
    services.scambio_confirm(scambio=scambio, socio=bruno)
    client.force_login(anna.user)
    content = client.get("/area-personale/").content.decode()
    assert "Banca del tempo e portierato" in content and "2,5" in content


def test_search_finds_shops_but_not_unconsented_private_people():
    AntennaFactory(nome_pubblico="Latteria Sottoportego", descrizione="Latte fresco e ritiro pacchi")
    AntennaFactory(privato=True, nome_pubblico="Luisa Pacchiani", descrizione="Ritiro pacchi per il vicinato")
    titles = [r.title for r in search_antenne("pacchi")]
    assert titles == ["Latteria Sottoportego"]


def test_antenna_account_manages_requests_from_the_area_personale(client):
    from antenne.models import RichiestaPortierato
    from tests.costellazioni.factories import UserFactory

    account = UserFactory()
    antenna = AntennaFactory(account=account)
    richiesta = services.portierato_request(
        antenna=antenna, richiedente=UserFactory(), servizio="ritiro_pacchi", descrizione="Pacco in arrivo"
    )
    client.force_login(account)
    assert "Richieste alla tua antenna" in client.get("/area-personale/").content.decode()
    response = client.post(f"/operatori/portierato/{richiesta.pk}/stato/", {"stato": "accettata"})
    assert response.url == "/area-personale/"
    richiesta.refresh_from_db()
    assert richiesta.stato == RichiestaPortierato.Stato.ACCETTATA


def test_area_personale_costs_one_query_for_people_with_nothing_here(rf, django_assert_num_queries):
    from antenne.extensions import area_personale_banca_e_portierato
    from tests.costellazioni.factories import UserFactory

    request = rf.get("/area-personale/")
    request.user = UserFactory()
    with django_assert_num_queries(1):
        assert area_personale_banca_e_portierato(request) is None
