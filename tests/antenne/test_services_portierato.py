"""``antenne.services.portierato``: requests to an antenna, accepted, done and rated."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antenne import services
from antenne.models import Antenna, RichiestaPortierato
from costellazioni.models import EventoAudit, Messaggio
from tests.antenne.factories import AntennaFactory, OperatoreFactory, RichiestaPortieratoFactory
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestPortierato:
    def test_request_accept_done_feedback(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore)
        cittadina = UserFactory()
        richiesta = services.portierato_request(
            antenna=antenna, richiedente=cittadina, servizio="ritiro_pacchi", descrizione="Pacco giovedì"
        )
        assert Messaggio.objects.filter(destinatario=operatore.user).exists()
        services.portierato_transition(
            richiesta=richiesta, to=RichiestaPortierato.Stato.ACCETTATA, actor=operatore.user
        )
        services.portierato_transition(richiesta=richiesta, to=RichiestaPortierato.Stato.SVOLTA, actor=cittadina)
        services.portierato_feedback(richiesta=richiesta, actor=cittadina, voto=5, commento="Grazie!")
        richiesta.refresh_from_db()
        assert richiesta.stato == RichiestaPortierato.Stato.SVOLTA and richiesta.voto == 5
        assert EventoAudit.objects.for_object(richiesta).filter().count() == 3

    def test_antenna_account_manages_its_requests(self):
        account = UserFactory()
        richiesta = RichiestaPortieratoFactory(antenna__account=account)
        services.portierato_transition(
            richiesta=richiesta, to=RichiestaPortierato.Stato.RIFIUTATA, actor=account, note="Chiuso per ferie"
        )
        richiesta.refresh_from_db()
        assert richiesta.stato == RichiestaPortierato.Stato.RIFIUTATA
        riga = EventoAudit.objects.for_object(richiesta).get()
        assert (riga.evento, riga.autore, riga.nota) == ("antenne.richiesta_rifiutata", account, "Chiuso per ferie")

    def test_the_citizen_cannot_accept_their_own(self):
        richiesta = RichiestaPortieratoFactory()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.portierato_transition(
                richiesta=richiesta, to=RichiestaPortierato.Stato.ACCETTATA, actor=richiesta.richiedente
            )

    def test_service_not_offered_is_refused(self):
        antenna = AntennaFactory(servizi=["informazioni"])
        with pytest.raises(ValidationError, match="Questa antenna non offre il servizio scelto."):
            services.portierato_request(
                antenna=antenna, richiedente=UserFactory(), servizio="compagnia", descrizione="x"
            )

    def test_inactive_antenna_takes_no_requests(self):
        antenna = AntennaFactory(stato=Antenna.Stato.CONTATTATA)
        with pytest.raises(ValidationError, match="Questa antenna non accoglie richieste in questo momento."):
            services.portierato_request(
                antenna=antenna, richiedente=UserFactory(), servizio="ritiro_pacchi", descrizione="x"
            )


class TestCorrectTelefono:
    def test_the_person_who_asked_corrects_it_and_the_log_keeps_no_number(self):
        richiesta = RichiestaPortieratoFactory(telefono="041 520")
        services.portierato_correct_telefono(richiesta=richiesta, telefono="041 520", actor=richiesta.richiedente)
        assert not EventoAudit.objects.for_object(richiesta).exists()  # unchanged: nothing to log
        richiesta = services.portierato_correct_telefono(
            richiesta=richiesta, telefono="333 1234567", actor=richiesta.richiedente
        )
        assert richiesta.telefono == "333 1234567"
        riga = EventoAudit.objects.for_object(richiesta).get()
        assert (riga.evento, riga.nota) == ("antenne.recapito_della_richiesta_corretto", "")

    def test_someone_else_is_refused(self):
        richiesta = RichiestaPortieratoFactory(telefono="041 520")
        with pytest.raises(PermissionDenied, match="Solo chi ha fatto la richiesta o il personale del Comune"):
            services.portierato_correct_telefono(richiesta=richiesta, telefono="333", actor=UserFactory())
        richiesta.refresh_from_db()
        assert richiesta.telefono == "041 520"
