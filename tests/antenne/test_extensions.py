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


def test_area_personale_asks_nothing_more_than_the_cards_probes_for_people_with_nothing_here(
    rf, django_assert_num_queries
):
    from antenne.extensions import area_personale_banca_e_portierato
    from costellazioni import extensions
    from tests.costellazioni.factories import UserFactory

    request = rf.get("/area-personale/")
    request.user = UserFactory()
    assert {"antenne_socio", "antenne_richieste", "antenne_gestire"} <= extensions.probed(request).keys()
    with django_assert_num_queries(0):
        assert area_personale_banca_e_portierato(request) is None


def test_search_finds_antennas_by_the_services_they_offer():
    AntennaFactory(nome_pubblico="Bottega Rialto", servizi=["piccole_riparazioni"])
    AntennaFactory(nome_pubblico="Forno Castello", servizi=["ritiro_pacchi"])
    results = search_antenne("riparazioni")
    assert [r.title for r in results] == ["Bottega Rialto"]
    assert "<mark>" in results[0].excerpt and results[0].url.startswith("/antenne/")


def test_search_shows_a_private_person_only_with_consent_and_never_their_address():
    antenna = AntennaFactory(privato=True, nome_pubblico="Luisa Pacchiani", servizi=["compagnia"])
    assert search_antenne("compagnia") == []
    services.consenso_record(antenna=antenna, oggetto="nome_pubblico", concesso=True)
    (result,) = search_antenne("compagnia")
    assert result.title == "Luisa Pacchiani" and "Fabbri" not in result.excerpt
    assert search_antenne("Fabbri") == []


def test_search_leaves_out_antennas_not_yet_active():
    from antenne.models import Antenna

    AntennaFactory(nome_pubblico="Latteria Nuova", stato=Antenna.Stato.CONTATTATA)
    assert search_antenne("latteria") == []
