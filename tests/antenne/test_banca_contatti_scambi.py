"""The time bank: members write to each other through the portal, and agree an exchange before it happens.
Portierato: the antenna's managers see who asked and how to reach them, while the request is open."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antenne import permissions, services, workflows
from antenne.models import MovimentoBancaDelTempo, Offerta, RichiestaPortierato, Scambio, SocioBancaDelTempo
from costellazioni.models import EventoAudit, Messaggio
from tests.antenne.factories import AntennaFactory, OperatoreFactory, RichiestaPortieratoFactory, SocioFactory
from tests.costellazioni.factories import UserFactory

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


class TestContattoSocio:
    def test_a_member_writes_to_another_without_either_email(self):
        giulia, alvise = SocioFactory(), SocioFactory()
        offerta = services.offerta_create(socio=alvise, categoria="riparazioni", titolo="Aggiusto biciclette")
        messaggio = services.socio_contact(
            mittente=giulia, destinatario=alvise, testo="Ciao, sabato mattina va bene?", annuncio=offerta
        )
        assert messaggio.destinatario == alvise.user
        assert messaggio.oggetto == f"{giulia.nome_pubblico} ti scrive per «Aggiusto biciclette»"
        assert "Ciao, sabato mattina va bene?" in messaggio.testo
        assert giulia.user.email not in messaggio.testo + messaggio.oggetto
        assert messaggio.link == f"/banca-del-tempo/soci/{giulia.pk}/scrivi/"

    def test_only_verified_members_write_and_never_to_themselves(self):
        giulia, attesa = SocioFactory(), SocioFactory(stato=SocioBancaDelTempo.Stato.IN_ATTESA)
        with pytest.raises(PermissionDenied, match="Solo i soci verificati possono scrivere"):
            services.socio_contact(mittente=attesa, destinatario=giulia, testo="Ciao")
        with pytest.raises(PermissionDenied, match="non è più un socio attivo"):
            services.socio_contact(mittente=giulia, destinatario=attesa, testo="Ciao")
        with pytest.raises(PermissionDenied, match="Il messaggio deve andare a un altro socio."):
            services.socio_contact(mittente=giulia, destinatario=giulia, testo="Ciao")
        with pytest.raises(ValidationError, match="Scrivi il messaggio."):
            services.socio_contact(mittente=giulia, destinatario=SocioFactory(), testo="   ")
        assert not Messaggio.objects.exists()

    def test_the_page_sends_the_message_and_keeps_it_when_refused(self, client):
        giulia, alvise = SocioFactory(), SocioFactory()
        offerta = Offerta.objects.create(socio=alvise, categoria="riparazioni", titolo="Aggiusto biciclette")
        client.force_login(giulia.user)
        url = f"/banca-del-tempo/soci/{alvise.pk}/scrivi/"
        page = client.get(url, {"offerta": offerta.pk})
        assert page.status_code == 200 and "Aggiusto biciclette" in page.content.decode()
        assert alvise.user.email not in page.content.decode()
        troppo = "x" * 1001
        refused = client.post(url, {"offerta": offerta.pk, "testo": troppo})
        assert refused.status_code == 400 and troppo in refused.content.decode()
        sent = client.post(url, {"offerta": offerta.pk, "testo": "Sabato?"})
        assert sent.status_code == 302
        assert Messaggio.objects.get(destinatario=alvise.user).oggetto.endswith("«Aggiusto biciclette»")

    def test_too_many_messages_keep_what_was_typed(self, client):
        from django.core.cache import cache

        cache.clear()
        giulia, alvise = SocioFactory(), SocioFactory()
        client.force_login(giulia.user)
        url = f"/banca-del-tempo/soci/{alvise.pk}/scrivi/"
        from antenne.views import banca

        for _i in range(banca.MESSAGGI_PER_ORA):
            assert client.post(url, {"testo": "Ciao"}).status_code == 302
        refused = client.post(url, {"testo": "Un altro messaggio ancora"})
        assert refused.status_code == 429
        html = refused.content.decode()
        assert "Hai scritto molti messaggi in poco tempo: riprova fra un&#x27;ora." in html
        assert "Un altro messaggio ancora" in html
        assert Messaggio.objects.filter(destinatario=alvise.user).count() == banca.MESSAGGI_PER_ORA

    def test_a_non_member_cannot_open_the_page(self, client):
        client.force_login(UserFactory())
        assert client.get(f"/banca-del-tempo/soci/{SocioFactory().pk}/scrivi/").status_code == 403


class TestPortieratoRichiedente:
    def test_managers_see_who_asked_while_the_request_is_open(self):
        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore, account=UserFactory())
        richiesta = RichiestaPortieratoFactory(antenna=antenna)
        assert permissions.can_see_richiedente(operatore.user, richiesta)
        assert permissions.can_see_richiedente(antenna.account, richiesta)
        altro = OperatoreFactory()
        decision = permissions.can_see_richiedente(altro.user, richiesta)
        assert not decision and decision.reason == "Solo chi gestisce l'antenna vede chi ha chiesto il servizio."
        richiesta.stato = RichiestaPortierato.Stato.SVOLTA
        decision = permissions.can_see_richiedente(operatore.user, richiesta)
        assert not decision and decision.reason == "I recapiti restano visibili solo finché la richiesta è aperta."

    def test_operator_home_shows_name_phone_and_email_in_fixed_queries(self, client):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        operatore = OperatoreFactory()
        antenna = AntennaFactory(operatore=operatore)
        persona = UserFactory(first_name="Marta", last_name="Scarpa", email="marta@example.org")
        services.portierato_request(
            antenna=antenna, richiedente=persona, servizio="ritiro_pacchi", descrizione="Pacco", telefono="041 123"
        )
        client.force_login(operatore.user)
        client.get("/operatori/")
        with CaptureQueriesContext(connection) as one:
            html = client.get("/operatori/").content.decode()
        assert "Marta Scarpa" in html and 'href="tel:041 123"' in html and "mailto:marta@example.org" in html
        for _i in range(9):
            RichiestaPortieratoFactory(antenna=antenna)
        with CaptureQueriesContext(connection) as ten:
            html = client.get("/operatori/").content.decode()
        assert html.count("data-richiedente") == 10
        assert len(ten) == len(one), f"{len(one)} queries for 1 request, {len(ten)} for 10"

    def test_the_request_form_offers_the_profile_phone(self, client):
        persona = UserFactory(telefono="333 1234567")
        antenna = AntennaFactory()
        client.force_login(persona)
        html = client.get(antenna.get_absolute_url()).content.decode()
        assert 'name="telefono"' in html and 'value="333 1234567"' in html
        response = client.post(
            antenna.get_absolute_url(), {"servizio": "ritiro_pacchi", "descrizione": "Pacco", "telefono": "041 5"}
        )
        assert response.status_code == 302
        assert RichiestaPortierato.objects.get().telefono == "041 5"
