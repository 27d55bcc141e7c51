import uuid
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction

from antenne import services
from antenne.models import (
    Antenna,
    Attivita,
    Consenso,
    MovimentoBancaDelTempo,
    RichiestaPortierato,
    Scambio,
    Seguito,
    SocioBancaDelTempo,
)
from costellazioni.models import EventoAudit, Messaggio
from ricerca.models import Bisogno
from tests.antenne.factories import (
    AntennaFactory,
    OperatoreFactory,
    RichiestaPortieratoFactory,
    SocioFactory,
    primo_quartiere,
)
from tests.costellazioni.factories import UserFactory
from tests.ricerca.factories import categoria_bisogno

pytestmark = pytest.mark.django_db


class TestAntennaTransition:
    def test_assigned_operator_moves_it_and_it_is_recorded(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA, operatore=operatore)
        services.antenna_transition(antenna=antenna, to=Antenna.Stato.CONTATTATA, actor=operatore.user)
        antenna.refresh_from_db()
        assert antenna.stato == Antenna.Stato.CONTATTATA
        evento = EventoAudit.objects.get(object_id=str(antenna.pk), stato_a=Antenna.Stato.CONTATTATA)
        assert evento.autore == operatore.user and evento.stato_da == Antenna.Stato.INDIVIDUATA

    def test_another_operator_may_not(self):
        antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA, operatore=OperatoreFactory())
        with pytest.raises(PermissionDenied):
            services.antenna_transition(antenna=antenna, to=Antenna.Stato.CONTATTATA, actor=OperatoreFactory().user)

    def test_a_citizen_may_not(self):
        antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA)
        with pytest.raises(PermissionDenied):
            services.antenna_transition(antenna=antenna, to=Antenna.Stato.CONTATTATA, actor=UserFactory())

    def test_skipping_states_is_refused(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(stato=Antenna.Stato.INDIVIDUATA, operatore=operatore)
        with pytest.raises(ValidationError):
            services.antenna_transition(antenna=antenna, to=Antenna.Stato.IN_RETE, actor=operatore.user)

    def test_suspension_needs_a_note(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore)
        with pytest.raises(ValidationError):
            services.antenna_transition(antenna=antenna, to=Antenna.Stato.SOSPESA, actor=operatore.user)
        services.antenna_transition(antenna=antenna, to=Antenna.Stato.SOSPESA, actor=operatore.user, note="Trasloca")
        assert EventoAudit.objects.filter(object_id=str(antenna.pk), nota="Trasloca").exists()


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


class TestAttivitaLog:
    def log(self, operatore, key, **extra):
        return services.attivita_log(
            operatore=operatore,
            uuid=key,
            tipo=Attivita.Tipo.PRESIDIO,
            quartiere=primo_quartiere(),
            persone_raggiunte=12,
            **extra,
        )

    def test_logs_needs_and_follow_ups(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory()
        attivita, created = self.log(
            operatore,
            uuid.uuid4(),
            antenne=[antenna],
            bisogni=[
                {
                    "categoria": categoria_bisogno("solitudine"),
                    "descrizione": "Anziano solo al terzo piano",
                    "urgenza": "alta",
                }
            ],
            seguiti=[{"descrizione": "Richiamare la figlia", "scadenza": attivita_day() + timedelta(days=2)}],
        )
        assert created
        bisogno = attivita.bisogni.get()
        assert bisogno.quartiere == primo_quartiere() and bisogno.segnalato_da == operatore.user
        assert Seguito.objects.get().operatore == operatore
        assert list(attivita.antenne.all()) == [antenna]

    def test_same_uuid_is_stored_once(self):
        operatore = OperatoreFactory()
        key = uuid.uuid4()
        first, created_first = self.log(
            operatore, key, bisogni=[{"categoria": categoria_bisogno("casa"), "descrizione": "Umidità"}]
        )
        second, created_second = self.log(
            operatore, key, bisogni=[{"categoria": categoria_bisogno("casa"), "descrizione": "Umidità"}]
        )
        assert created_first and not created_second and first.pk == second.pk
        assert Attivita.objects.count() == 1 and Bisogno.objects.count() == 1

    def test_another_operators_uuid_is_refused(self):
        key = uuid.uuid4()
        self.log(OperatoreFactory(), key)
        with pytest.raises(PermissionDenied):
            self.log(OperatoreFactory(), key)

    def test_database_refuses_a_duplicate_uuid(self):
        attivita, _ = self.log(OperatoreFactory(), uuid.uuid4())
        with pytest.raises(IntegrityError), transaction.atomic():
            Attivita.objects.create(
                uuid=attivita.uuid, operatore=attivita.operatore, tipo="evento", quartiere=attivita.quartiere
            )

    def test_breakdown_cannot_exceed_total(self):
        with pytest.raises(ValidationError):
            self.log(OperatoreFactory(), uuid.uuid4(), fasce={"persone_anziane": 20})

    def test_photo_is_resized_and_loses_its_exif(self):
        import io

        from django.core.files.uploadedfile import SimpleUploadedFile
        from PIL import Image

        image = Image.new("RGB", (3000, 2000), "teal")
        exif = Image.Exif()
        exif[0x010F] = "Fotocamera"  # Make
        exif.get_ifd(0x8825)[1] = "N"  # GPSLatitudeRef
        buffer = io.BytesIO()
        image.save(buffer, format="JPEG", exif=exif)
        upload = SimpleUploadedFile("x.png", buffer.getvalue(), content_type="image/png")
        attivita, _ = self.log(OperatoreFactory(), uuid.uuid4(), foto=upload)
        with Image.open(attivita.foto.path) as saved:
            assert max(saved.size) == 1600
            assert not saved.getexif()

    def test_a_non_image_is_refused(self):
        from django.core.files.uploadedfile import SimpleUploadedFile

        upload = SimpleUploadedFile("foto.jpg", b"%PDF-1.4 not an image", content_type="image/jpeg")
        with pytest.raises(ValidationError):
            self.log(OperatoreFactory(), uuid.uuid4(), foto=upload)


def attivita_day():
    from django.utils import timezone

    return timezone.localdate()


class TestBanca:
    def test_verification_gives_the_starting_credit_balanced_by_the_bank(self, settings):
        settings.BANCA_DEL_TEMPO_CREDITO_INIZIALE = "3"
        socio = services.socio_join(user=UserFactory())
        services.socio_verify(socio=socio, actor=OperatoreFactory(coordinatore=True).user)
        assert socio.saldo() == Decimal("3")
        assert sum(MovimentoBancaDelTempo.objects.values_list("ore", flat=True)) == 0

    def test_only_the_coordination_verifies(self):
        socio = services.socio_join(user=UserFactory())
        with pytest.raises(PermissionDenied):
            services.socio_verify(socio=socio, actor=OperatoreFactory().user)

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
        with pytest.raises(ValidationError):
            services.scambio_confirm(scambio=scambio, socio=bruno)
        assert bruno.saldo() == 0

    def test_outsider_cannot_confirm(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = services.scambio_propose(
            proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=Decimal("1"), descrizione="Compagnia"
        )
        with pytest.raises(PermissionDenied):
            services.scambio_confirm(scambio=scambio, socio=SocioFactory())

    def test_ledger_is_append_only(self):
        anna, bruno = SocioFactory(), SocioFactory()
        scambio = services.scambio_propose(
            proposto_da=anna, erogatore=anna, beneficiario=bruno, ore=Decimal("1"), descrizione="Compagnia"
        )
        services.scambio_confirm(scambio=scambio, socio=bruno)
        movimento = MovimentoBancaDelTempo.objects.first()
        with pytest.raises(Exception, match="append-only"), transaction.atomic():
            MovimentoBancaDelTempo.objects.filter(pk=movimento.pk).update(ore=5)

    def test_database_refuses_an_unbalanced_registrazione(self):
        socio = SocioFactory()
        with pytest.raises(IntegrityError, match="sum to zero"), transaction.atomic():
            MovimentoBancaDelTempo.objects.create(
                registrazione=uuid.uuid4(), socio=socio, tipo="correzione", ore=5, causale="A mano"
            )
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")

    def test_correction_is_a_new_balanced_entry(self, staff_user):
        socio = SocioFactory()
        services.movimento_correct(socio=socio, ore=Decimal("1.5"), causale="Ore non registrate", actor=staff_user)
        assert socio.saldo() == Decimal("1.5")
        assert sum(MovimentoBancaDelTempo.objects.values_list("ore", flat=True)) == 0


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
        assert EventoAudit.objects.filter(object_id=str(richiesta.pk)).count() == 3

    def test_antenna_account_manages_its_requests(self):
        account = UserFactory()
        richiesta = RichiestaPortieratoFactory(antenna__account=account)
        services.portierato_transition(
            richiesta=richiesta, to=RichiestaPortierato.Stato.RIFIUTATA, actor=account, note="Chiuso per ferie"
        )

    def test_the_citizen_cannot_accept_their_own(self):
        richiesta = RichiestaPortieratoFactory()
        with pytest.raises(PermissionDenied):
            services.portierato_transition(
                richiesta=richiesta, to=RichiestaPortierato.Stato.ACCETTATA, actor=richiesta.richiedente
            )

    def test_service_not_offered_is_refused(self):
        antenna = AntennaFactory(servizi=["informazioni"])
        with pytest.raises(ValidationError):
            services.portierato_request(
                antenna=antenna, richiedente=UserFactory(), servizio="compagnia", descrizione="x"
            )

    def test_inactive_antenna_takes_no_requests(self):
        antenna = AntennaFactory(stato=Antenna.Stato.CONTATTATA)
        with pytest.raises(ValidationError):
            services.portierato_request(
                antenna=antenna, richiedente=UserFactory(), servizio="ritiro_pacchi", descrizione="x"
            )


class TestVerificaSoci:
    def test_coordinator_turns_down_with_a_reason_and_the_person_is_told(self):
        socio = services.socio_join(user=UserFactory())
        coordinatore = OperatoreFactory(coordinatore=True).user
        services.socio_reject(socio=socio, actor=coordinatore, note="Non risiedi nel comune.")
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.RESPINTO and socio.verificato_da == coordinatore
        evento = EventoAudit.objects.get(object_id=str(socio.pk), stato_a="respinto")
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
        with pytest.raises(PermissionDenied):
            services.socio_reject(socio=socio, actor=OperatoreFactory().user, note="No")

    def test_only_pending_requests_are_decided(self):
        socio = SocioFactory()
        with pytest.raises(ValidationError):
            services.socio_reject(socio=socio, actor=OperatoreFactory(coordinatore=True).user, note="No")
        with pytest.raises(ValidationError):
            services.socio_verify(socio=socio, actor=OperatoreFactory(coordinatore=True).user)


class TestSospensioneSoci:
    def test_a_suspended_member_cannot_exchange_keeps_the_balance_and_is_reinstated_without_new_credit(self):
        coordinatore = OperatoreFactory(coordinatore=True).user
        socio, altro = SocioFactory(), SocioFactory()
        saldo = socio.saldo()
        services.socio_suspend(socio=socio, actor=coordinatore, note="Scambi non registrati.")
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.SOSPESO
        assert EventoAudit.objects.get(object_id=str(socio.pk), stato_a="sospeso").nota == "Scambi non registrati."
        assert "Scambi non registrati." in Messaggio.objects.filter(destinatario=socio.user).latest("pk").testo
        with pytest.raises(ValidationError, match="verificati"):
            services.scambio_propose(
                proposto_da=altro, erogatore=altro, beneficiario=socio, ore=Decimal("1"), descrizione="Spesa"
            )
        with pytest.raises(ValidationError):
            services.socio_verify(socio=socio, actor=coordinatore)  # no second starting credit through verify
        services.socio_reinstate(socio=socio, actor=coordinatore)
        socio.refresh_from_db()
        assert socio.stato == SocioBancaDelTempo.Stato.VERIFICATO and socio.saldo() == saldo

    def test_a_reason_is_required_and_only_the_coordination_suspends(self):
        socio = SocioFactory()
        with pytest.raises(ValidationError):
            services.socio_suspend(socio=socio, actor=OperatoreFactory(coordinatore=True).user, note=" ")
        with pytest.raises(PermissionDenied):
            services.socio_suspend(socio=socio, actor=OperatoreFactory().user, note="No")
        with pytest.raises(ValidationError, match="non è sospeso"):
            services.socio_reinstate(socio=socio, actor=OperatoreFactory(coordinatore=True).user)


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
        assert (
            EventoAudit.objects.filter(object_id=str(antenna.pk), evento="antenne.hub_di_riferimento_cambiato").count()
            == 2
        )

    def test_another_operator_may_not(self):
        from tests.hubs.factories import HubFactory

        antenna = AntennaFactory(operatore=OperatoreFactory())
        with pytest.raises(PermissionDenied):
            services.antenna_set_hub(antenna=antenna, hub=HubFactory(), actor=OperatoreFactory().user)


class TestBisognoSegnalato:
    """A need reported from the portal reaches the quartiere's operators and their coordinators."""

    def report(self, quartiere):
        from ricerca.services import bisogno_report

        return bisogno_report(categoria=categoria_bisogno("casa"), descrizione="Muffa in casa", quartiere=quartiere)

    def recipients(self):
        return set(Messaggio.objects.values_list("destinatario_id", flat=True))

    def test_operators_of_the_quartiere_and_their_coordinator(self):
        from costellazioni.models import Quartiere

        qui, altrove = Quartiere.objects.order_by("pk")[:2]
        coordinatore = OperatoreFactory(coordinatore=True, quartieri=[altrove])
        operatore = OperatoreFactory(quartieri=[qui], coordinato_da=coordinatore)
        OperatoreFactory(quartieri=[altrove])
        OperatoreFactory(quartieri=[qui], attivo=False)
        self.report(qui)
        assert self.recipients() == {operatore.user_id, coordinatore.user_id}
        messaggio = Messaggio.objects.get(destinatario=operatore.user)
        assert messaggio.link == "/operatori/#bisogni" and qui.nome in messaggio.oggetto

    def test_without_a_quartiere_every_coordinator_hears_of_it(self):
        uno, due = OperatoreFactory(coordinatore=True), OperatoreFactory(coordinatore=True)
        OperatoreFactory()
        self.report(None)
        assert self.recipients() == {uno.user_id, due.user_id}

    def test_needs_logged_by_operators_notify_nobody(self):
        operatore = OperatoreFactory()
        OperatoreFactory(coordinatore=True)
        services.attivita_log(
            operatore=operatore,
            uuid=uuid.uuid4(),
            tipo="presidio",
            quartiere=primo_quartiere(),
            bisogni=[{"categoria": categoria_bisogno("casa"), "descrizione": "Muffa", "urgenza": "media"}],
        )
        assert not Messaggio.objects.exists()
