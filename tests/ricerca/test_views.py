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
    assert bisogno.segnalato_da is None and bisogno.stato == Bisogno.Stato.SEGNALATO


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


def test_a_report_tells_the_quartieres_operators(client):
    from costellazioni.models import Messaggio
    from tests.antenne.factories import OperatoreFactory, primo_quartiere

    operatore = OperatoreFactory(quartieri=[primo_quartiere()])
    client.post(URL, data(quartiere=primo_quartiere().pk))
    messaggio = Messaggio.objects.get(destinatario=operatore.user)
    assert messaggio.link == "/operatori/#bisogni"


def test_the_signal_carries_the_new_need(client):
    from ricerca.signals import bisogno_segnalato

    received = []

    def receiver(sender, *, bisogno, **kwargs):
        received.append(bisogno)

    bisogno_segnalato.connect(receiver)
    try:
        client.post(URL, data())
    finally:
        bisogno_segnalato.disconnect(receiver)
    assert received == [Bisogno.objects.get()]


def test_a_failing_receiver_does_not_lose_the_report(client):
    from ricerca.signals import bisogno_segnalato

    def broken(sender, **kwargs):
        raise RuntimeError("notification backend down")

    bisogno_segnalato.connect(broken)
    try:
        assert client.post(URL, data()).status_code == 302
    finally:
        bisogno_segnalato.disconnect(broken)
    assert Bisogno.objects.count() == 1


def test_target_group_is_recorded(client):
    client.post(URL, data(destinatari="anziani"))
    bisogno = Bisogno.objects.get()
    assert bisogno.destinatari == Bisogno.Destinatari.ANZIANI
    assert bisogno.fonte == Bisogno.Fonte.SEGNALAZIONE
