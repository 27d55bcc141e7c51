"""Bad input gets a clear answer, never a 500: NUL characters, line breaks in e-mail subjects."""

import pytest
from django.core import mail

from costellazioni.models import Messaggio, ValutazionePagina
from costellazioni.services.email import email_send, header_text
from hubs import services as hubs_services
from tests.costellazioni.factories import UserFactory
from tests.hubs.factories import ServizioFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("query", ["q=%00", "q=laguna%00", "q=a&page=%00", "%00=x"])
def test_a_nul_in_the_query_string_is_a_clear_400(client, query):
    response = client.get(f"/cerca/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Richiesta non valida" in page and "Nulla è stato salvato" in page
    assert '<html lang="it"' in page


def test_a_nul_in_a_form_field_is_a_400_and_nothing_is_saved(client):
    response = client.post(
        "/valutazione/", {"pagina": "/il-progetto/", "stelle": "4", "commento": "Chiaro\x00 e utile"}
    )
    assert response.status_code == 400
    assert not ValutazionePagina.objects.exists()


def test_the_same_form_without_nul_is_saved(client):
    response = client.post("/valutazione/", {"pagina": "/il-progetto/", "stelle": "4", "commento": "Chiaro e utile"})
    assert response.status_code == 302
    assert ValutazionePagina.objects.count() == 1


def test_the_search_still_answers_ordinary_queries(client):
    assert client.get("/cerca/?q=Mestre").status_code == 200


@pytest.mark.parametrize(
    ("typed", "flat"),
    [
        ("Bando\r\nBcc: tutti@example.org", "Bando Bcc: tutti@example.org"),
        ("  Doposcuola\n\n a Marghera\t", "Doposcuola a Marghera"),
        ("Riga\u2028separata\x0bda\x0cun\x1csolo\x85spazio", "Riga separata da un solo spazio"),
    ],
)
def test_header_text_is_one_line(typed, flat):
    assert header_text(typed) == flat


def test_email_send_flattens_the_subject():
    email_send(subject="Appuntamento\r\nBcc: tutti@example.org", body="Testo", to=["persona@example.it"])
    (message,) = mail.outbox
    assert message.subject == "Appuntamento Bcc: tutti@example.org"
    assert message.bcc == []
    assert "\nBcc:" not in message.message().as_string()


def test_a_line_break_in_an_appointment_topic_does_not_stop_its_emails(django_capture_on_commit_callbacks):
    user = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        hubs_services.appuntamento_request(
            user=user,
            servizio=ServizioFactory(),
            tema="Bando quartieri\r\nBcc: tutti@example.org",
            disponibilita="Lunedì pomeriggio",
        )
    messaggio = Messaggio.objects.get(destinatario=user)
    assert messaggio.oggetto == "Richiesta di appuntamento ricevuta: Bando quartieri Bcc: tutti@example.org"
    assert messaggio.email_inviata_il is not None
    sent = [m for m in mail.outbox if m.to == [user.email]]
    assert [m.subject for m in sent] == [
        "[Costellazioni civiche] Richiesta di appuntamento ricevuta: Bando quartieri Bcc: tutti@example.org"
    ]
