"""``antenne.services.banca_scambi``: exchanges proposed, agreed, confirmed by both (the hours move) or cancelled."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antenne import services, workflows
from antenne.models import MovimentoBancaDelTempo, Scambio
from costellazioni.models import EventoAudit, Messaggio
from tests.antenne.factories import SocioFactory

pytestmark = pytest.mark.django_db


def proposta(erogatore, beneficiario, *, proposto_da=None, ore="2"):
    return services.scambio_propose(
        proposto_da=proposto_da or beneficiario,
        erogatore=erogatore,
        beneficiario=beneficiario,
        ore=Decimal(ore),
        descrizione="Riparare la bicicletta",
        da_concordare=True,
    )


def saldo(socio):
    return sum(MovimentoBancaDelTempo.objects.filter(socio=socio).values_list("ore", flat=True), Decimal("0"))


class TestScambioRegistrato:
    def test_exchange_moves_hours_when_both_confirm(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = services.scambio_propose(
            proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=Decimal("2"), descrizione="Spesa"
        )
        assert anna.saldo() == 0
        services.scambio_confirm(scambio=scambio, socio=bruno)
        scambio.refresh_from_db()
        assert scambio.stato == Scambio.Stato.CONFERMATO
        assert anna.saldo() == Decimal("2") and bruno.saldo() == Decimal("-2")

    def test_negative_limit_refuses(self, settings):
        settings.BANCA_DEL_TEMPO_LIMITE_NEGATIVO = "3"
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = services.scambio_propose(
            proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=Decimal("4"), descrizione="Trasloco"
        )
        with pytest.raises(ValidationError, match="oltre il limite di 3 ore di debito"):
            services.scambio_confirm(scambio=scambio, socio=bruno)
        assert bruno.saldo() == 0

    def test_outsider_cannot_confirm(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = services.scambio_propose(
            proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=Decimal("1"), descrizione="Compagnia"
        )
        with pytest.raises(PermissionDenied, match="Puoi confermare solo gli scambi di cui fai parte."):
            services.scambio_confirm(scambio=scambio, socio=SocioFactory())


class TestScambioConcordato:
    def test_proposed_agreed_then_confirmed_by_both_moves_the_hours_once(self):
        alvise, rosanna = SocioFactory(), SocioFactory()
        scambio = proposta(alvise, rosanna)
        assert scambio.stato == Scambio.Stato.PROPOSTO and scambio.da_concordare
        assert Messaggio.objects.get(destinatario=alvise.user).oggetto == "Una proposta di scambio"

        scambio = services.scambio_agree(scambio=scambio, socio=alvise)
        assert scambio.stato == Scambio.Stato.CONCORDATO and scambio.concordato_il is not None
        assert saldo(alvise) == saldo(rosanna) == 0  # agreed is not done: no hours yet

        scambio = services.scambio_confirm(scambio=scambio, socio=rosanna)
        assert scambio.stato == Scambio.Stato.CONCORDATO
        scambio = services.scambio_confirm(scambio=scambio, socio=alvise)
        assert scambio.stato == Scambio.Stato.CONFERMATO
        assert (saldo(alvise), saldo(rosanna)) == (Decimal("2"), Decimal("-2"))
        eventi = list(EventoAudit.objects.for_object(scambio).order_by("pk").values_list("evento", "stato_a"))
        assert eventi == [
            ("antenne.scambio_proposto", "proposto"),
            ("antenne.scambio_concordato", "concordato"),
            ("antenne.scambio_confermato", "confermato"),
        ]

    def test_the_proposer_cannot_agree_to_their_own_proposal(self):
        alvise, rosanna = SocioFactory(), SocioFactory()
        scambio = proposta(alvise, rosanna)
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.scambio_agree(scambio=scambio, socio=rosanna)
        assert Scambio.objects.get().stato == Scambio.Stato.PROPOSTO

    def test_an_exchange_recorded_after_it_happened_is_not_agreed_but_confirmed(self):
        alvise, rosanna = SocioFactory(), SocioFactory()
        scambio = services.scambio_propose(
            proposto_da=alvise, erogatore=alvise, beneficiario=rosanna, ore=Decimal("1"), descrizione="Spesa"
        )
        with pytest.raises(ValidationError, match="Questo scambio non aspetta di essere concordato."):
            services.scambio_agree(scambio=scambio, socio=rosanna)
        assert services.scambio_confirm(scambio=scambio, socio=rosanna).stato == Scambio.Stato.CONFERMATO

    def test_an_agreed_exchange_can_be_cancelled_and_the_other_is_told(self):
        alvise, rosanna = SocioFactory(), SocioFactory()
        scambio = services.scambio_agree(scambio=proposta(alvise, rosanna), socio=alvise)
        scambio = services.scambio_cancel(scambio=scambio, socio=rosanna)
        assert scambio.stato == Scambio.Stato.ANNULLATO
        assert Messaggio.objects.filter(destinatario=alvise.user, oggetto="Scambio annullato").exists()
        fatto = services.scambio_propose(
            proposto_da=alvise, erogatore=alvise, beneficiario=rosanna, ore=Decimal("1"), descrizione="Spesa"
        )
        fatto = services.scambio_confirm(scambio=fatto, socio=rosanna)
        with pytest.raises(ValidationError, match="Uno scambio confermato non si annulla"):
            services.scambio_cancel(scambio=fatto, socio=alvise)

    def test_the_transition_table_declares_agreement(self):
        S = Scambio.Stato
        assert workflows.SCAMBIO[(S.PROPOSTO, S.CONCORDATO)].allowed == {workflows.CONTROPARTE}
        assert (S.CONCORDATO, S.CONFERMATO) in workflows.SCAMBIO
        assert (S.CONFERMATO, S.ANNULLATO) not in workflows.SCAMBIO
