"""``antenne.services.banca_soci``: joining the time bank, verified, turned down, suspended and reinstated."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antenne import services
from antenne.models import MovimentoBancaDelTempo, SocioBancaDelTempo
from costellazioni.models import EventoAudit, Messaggio
from tests.antenne.factories import OperatoreFactory, SocioFactory
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestVerifica:
    def test_verification_gives_the_starting_credit_balanced_by_the_bank(self, settings):
        settings.BANCA_DEL_TEMPO_CREDITO_INIZIALE = "3"
        socio = services.socio_join(user=UserFactory())
        services.socio_verify(socio=socio, actor=OperatoreFactory(coordinatore=True).user)
        assert socio.saldo() == Decimal("3")
        assert sum(MovimentoBancaDelTempo.objects.values_list("ore", flat=True)) == 0

    def test_only_the_coordination_verifies(self):
        socio = services.socio_join(user=UserFactory())
        with pytest.raises(PermissionDenied, match="Solo il coordinamento della banca del tempo"):
            services.socio_verify(socio=socio, actor=OperatoreFactory().user)


class TestVerificaSoci:
    def test_coordinator_turns_down_with_a_reason_and_the_person_is_told(self):
        socio = services.socio_join(user=UserFactory())
        coordinatore = OperatoreFactory(coordinatore=True).user
        services.socio_reject(socio=socio, actor=coordinatore, note="Non risiedi nel comune.")
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.RESPINTO and socio.verificato_da == coordinatore
        evento = EventoAudit.objects.for_object(socio).get(stato_a="respinto")
        assert evento.nota == "Non risiedi nel comune." and evento.autore == coordinatore
        assert "Non risiedi nel comune." in Messaggio.objects.get(destinatario=socio.user).testo

    def test_a_reason_is_required(self):
        socio = services.socio_join(user=UserFactory())
        with pytest.raises(ValidationError) as error:
            services.socio_reject(socio=socio, actor=OperatoreFactory(coordinatore=True).user, note="  ")
        assert "note" in error.value.message_dict
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.IN_ATTESA

    def test_a_plain_operator_may_not_turn_down(self):
        socio = services.socio_join(user=UserFactory())
        with pytest.raises(PermissionDenied, match="Solo il coordinamento della banca del tempo"):
            services.socio_reject(socio=socio, actor=OperatoreFactory().user, note="No")

    def test_only_pending_requests_are_decided(self):
        socio = SocioFactory()
        with pytest.raises(ValidationError, match="Il socio non è in attesa di verifica."):
            services.socio_reject(socio=socio, actor=OperatoreFactory(coordinatore=True).user, note="No")
        with pytest.raises(ValidationError, match="Il socio non è in attesa di verifica."):
            services.socio_verify(socio=socio, actor=OperatoreFactory(coordinatore=True).user)


class TestSospensioneSoci:
    def test_a_suspended_member_cannot_exchange_keeps_the_balance_and_is_reinstated_without_new_credit(self):
        coordinatore = OperatoreFactory(coordinatore=True).user
        socio, altro = SocioFactory(), SocioFactory()
        saldo = socio.saldo()
        services.socio_suspend(socio=socio, actor=coordinatore, note="Scambi non registrati.")
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.SOSPESO
        assert EventoAudit.objects.for_object(socio).get(stato_a="sospeso").nota == "Scambi non registrati."
        assert "Scambi non registrati." in Messaggio.objects.filter(destinatario=socio.user).latest("pk").testo
        with pytest.raises(ValidationError, match="verificati"):
            services.scambio_propose(
                proposto_da=altro, erogatore=altro, beneficiario=socio, ore=Decimal("1"), descrizione="Spesa"
            )
        with pytest.raises(ValidationError, match="Il socio non è in attesa di verifica."):
            services.socio_verify(socio=socio, actor=coordinatore)  # no second starting credit through verify
        services.socio_reinstate(socio=socio, actor=coordinatore)
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.VERIFICATO and socio.saldo() == saldo

    def test_a_reason_is_required_and_only_the_coordination_suspends(self):
        socio = SocioFactory()
        with pytest.raises(ValidationError, match="Scrivi la motivazione"):
            services.socio_suspend(socio=socio, actor=OperatoreFactory(coordinatore=True).user, note=" ")
        with pytest.raises(PermissionDenied, match="Solo il coordinamento della banca del tempo"):
            services.socio_suspend(socio=socio, actor=OperatoreFactory().user, note="No")
        with pytest.raises(ValidationError, match="non è sospeso"):
            services.socio_reinstate(socio=socio, actor=OperatoreFactory(coordinatore=True).user)


class TestCorrect:
    def test_the_coordination_corrects_the_neighbourhood(self):
        from tests.antenne.factories import primo_quartiere

        coordinatore = OperatoreFactory(coordinatore=True).user
        socio = SocioFactory(quartiere=None)
        socio = services.socio_correct(socio=socio, actor=coordinatore, quartiere=primo_quartiere())
        assert socio.quartiere == primo_quartiere()
        riga = EventoAudit.objects.for_object(socio).get()
        assert (riga.evento, riga.autore) == ("antenne.dati_del_socio_corretti", coordinatore)

    def test_a_member_may_not_correct_themselves_here(self):
        from tests.antenne.factories import primo_quartiere

        socio = SocioFactory(quartiere=None)
        with pytest.raises(PermissionDenied, match="Solo il coordinamento della banca del tempo"):
            services.socio_correct(socio=socio, actor=socio.user, quartiere=primo_quartiere())
        socio.refresh_from_db()
        assert socio.quartiere is None
