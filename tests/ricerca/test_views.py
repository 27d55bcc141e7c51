import pytest

from ricerca.models import Bisogno
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/bisogni/segnala/"


def data(**extra):
    return {"categoria": "spazi", "descrizione": "Manca un posto dove studiare", "urgenza": "bassa", **extra}


def test_page_renders(client):
    assert client.get(URL).status_code == 200


def test_visitor_reports_a_need(client):
    assert client.post(URL, data()).status_code == 302
    bisogno = Bisogno.objects.get()
    assert bisogno.segnalato_da is None and bisogno.stato == Bisogno.Stato.APERTO


def test_logged_in_report_records_who(client):
    user = UserFactory()
    client.force_login(user)
    client.post(URL, data())
    assert Bisogno.objects.get().segnalato_da == user


def test_honeypot_saves_nothing(client):
    assert client.post(URL, data(sito_web="buy now")).status_code == 302
    assert not Bisogno.objects.exists()


def test_rate_limited(client):
    for _ in range(5):
        client.post(URL, data())
    assert client.post(URL, data()).status_code == 429
    assert Bisogno.objects.count() == 5


def test_description_is_required(client):
    assert client.post(URL, data(descrizione="")).status_code == 200
    assert not Bisogno.objects.exists()
