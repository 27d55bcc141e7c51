"""``antenne.services.banca_contatti``: members write to each other through the portal, e-mails kept private."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from antenne import services
from antenne.models import SocioBancaDelTempo
from costellazioni.models import Messaggio
from tests.antenne.factories import SocioFactory

pytestmark = pytest.mark.django_db


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
