"""``antenne.services.antenne``: the antenna's lifecycle, its consents, its candidacy and its HUB."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antenne import services
from antenne.models import Antenna, Consenso
from costellazioni.models import EventoAudit, Messaggio
from tests.antenne.factories import AntennaFactory, OperatoreFactory, primo_quartiere
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


class TestAntennaTransition:
    def test_assigned_operator_moves_it_and_it_is_recorded(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA, operatore=operatore)
        services.antenna_transition(antenna=antenna, to=Antenna.Stato.CONTATTATA, actor=operatore.user)
        antenna.refresh_from_db()
        assert antenna.stato == Antenna.Stato.CONTATTATA
        evento = EventoAudit.objects.for_object(antenna).get(stato_a=Antenna.Stato.CONTATTATA)
        assert evento.autore == operatore.user and evento.stato_da == Antenna.Stato.INDIVIDUATA

    def test_another_operator_may_not(self):
        antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA, operatore=OperatoreFactory())
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.antenna_transition(antenna=antenna, to=Antenna.Stato.CONTATTATA, actor=OperatoreFactory().user)

    def test_a_citizen_may_not(self):
        antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA)
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.antenna_transition(antenna=antenna, to=Antenna.Stato.CONTATTATA, actor=UserFactory())

    def test_skipping_states_is_refused(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA, operatore=operatore)
        with pytest.raises(ValidationError, match="Questo passaggio di stato non è previsto."):
            services.antenna_transition(antenna=antenna, to=Antenna.Stato.IN_RETE, actor=operatore.user)

    def test_suspension_needs_a_note(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore)
        with pytest.raises(ValidationError, match="Scrivi la motivazione"):
            services.antenna_transition(antenna=antenna, to=Antenna.Stato.SOSPESA, actor=operatore.user)
        services.antenna_transition(antenna=antenna, to=Antenna.Stato.SOSPESA, actor=operatore.user, note="Trasloca")
        assert EventoAudit.objects.for_object(antenna).filter(nota="Trasloca").exists()


class TestConsenso:
    def test_newest_record_drives_the_public_flag(self):
        antenna = AntennaFactory(privato=True)
        services.consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.NOME_PUBBLICO, concesso=True)
        antenna.refresh_from_db()
        assert antenna.consenso_nome and antenna.nome_mostrabile == antenna.nome_pubblico
        services.consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.NOME_PUBBLICO, concesso=False)
        antenna.refresh_from_db()
        assert not antenna.consenso_nome and antenna.nome_mostrabile != antenna.nome_pubblico
        assert antenna.consensi.count() == 2

    def test_candidacy_lands_as_individuata_and_tells_the_operators(self):
        operatore = OperatoreFactory()
        antenna = services.antenna_candidate(
            tipo=Antenna.Tipo.GRUPPO,
            nome_pubblico="Gruppo Mamme di Castello",
            quartiere=primo_quartiere(),
            servizi=["compagnia"],
            email="mamme@example.it",
            consenso_contatti=True,
        )
        assert antenna.stato == Antenna.Stato.INDIVIDUATA and antenna.candidatura
        assert antenna.consenso_contatti and not antenna.consenso_nome
        assert set(antenna.consensi.values_list("oggetto", flat=True)) == set(Consenso.Oggetto.values)
        assert Messaggio.objects.filter(destinatario=operatore.user, tipo="antenna").exists()


class TestHubDiRiferimento:
    def test_the_antennas_operator_sets_and_clears_it_with_an_audit_row(self):
        from tests.hubs.factories import HubFactory

        antenna = AntennaFactory(operatore=OperatoreFactory())
        hub = HubFactory()
        services.antenna_set_hub(antenna=antenna, hub=hub, actor=antenna.operatore.user)
        antenna.refresh_from_db()
        assert antenna.hub == hub
        services.antenna_set_hub(antenna=antenna, hub=None, actor=antenna.operatore.user)
        antenna.refresh_from_db()
        assert antenna.hub is None
        assert EventoAudit.objects.for_object(antenna).filter(evento="antenne.hub_di_riferimento_cambiato").count() == 2

    def test_another_operator_may_not(self):
        from tests.hubs.factories import HubFactory

        antenna = AntennaFactory(operatore=OperatoreFactory())
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.antenna_set_hub(antenna=antenna, hub=HubFactory(), actor=OperatoreFactory().user)


class TestAntennaData:
    def test_register_starts_as_individuata_with_a_coded_log_row(self, staff_user):
        antenna = services.antenna_register(
            actor=staff_user, tipo=Antenna.Tipo.NEGOZIO, nome_pubblico="Latteria", quartiere=primo_quartiere()
        )
        assert antenna.stato == Antenna.Stato.INDIVIDUATA
        riga = EventoAudit.objects.for_object(antenna).get()
        assert (riga.evento, riga.autore, riga.stato_a) == ("antenne.antenna_registrata", staff_user, "individuata")

    def test_a_citizen_may_not_register_one(self):
        with pytest.raises(PermissionDenied, match="Solo il personale del Comune e gli operatori"):
            services.antenna_register(
                actor=UserFactory(), tipo=Antenna.Tipo.NEGOZIO, nome_pubblico="Latteria", quartiere=primo_quartiere()
            )
        assert not Antenna.objects.exists()

    def test_update_names_the_fields_changed_not_their_values(self):
        antenna = AntennaFactory(operatore=OperatoreFactory())
        services.antenna_update(antenna=antenna, actor=antenna.operatore.user, telefono="041 99", disponibilita="Sera")
        antenna.refresh_from_db()
        assert (antenna.telefono, antenna.disponibilita) == ("041 99", "Sera")
        riga = EventoAudit.objects.for_object(antenna).get()
        assert riga.evento == "antenne.antenna_modificata" and "041 99" not in riga.nota
        assert riga.nota == "Campi modificati: telefono, disponibilità."

    def test_another_operator_may_not_update_it(self):
        antenna = AntennaFactory(operatore=OperatoreFactory(), telefono="041 1")
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.antenna_update(antenna=antenna, actor=OperatoreFactory().user, telefono="041 2")
        antenna.refresh_from_db()
        assert antenna.telefono == "041 1" and not EventoAudit.objects.for_object(antenna).exists()

    def test_state_and_hub_have_their_own_doors(self, staff_user):
        antenna = AntennaFactory()
        with pytest.raises(ValueError, match=r"\['stato'\]"):
            services.antenna_update(antenna=antenna, actor=staff_user, stato=Antenna.Stato.SOSPESA)
        with pytest.raises(ValueError, match=r"\['hub'\]"):
            services.antenna_register(actor=staff_user, hub=None)
