"""One effect per click on the public need report: the same form sent twice is one need and one notice."""

import re

import pytest

from costellazioni.models import Messaggio
from ricerca.models import Bisogno
from tests.antenne.factories import OperatoreFactory, primo_quartiere
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = "/bisogni/segnala/"


def rendered_key(client) -> str:
    html = client.get(URL).content.decode()
    match = re.search(r'name="chiave_idempotenza" value="([0-9a-f-]{36})"', html)
    assert match, "the form carries no idempotency key"
    return match.group(1)


def data(**extra):
    return {"categoria": "spazi", "descrizione": "Manca un posto dove studiare", "urgenza": "bassa", **extra}


@pytest.mark.parametrize("signed_in", [False, True])
def test_the_same_report_sent_twice_is_one_need_and_one_notice(client, signed_in):
    if signed_in:
        client.force_login(UserFactory())
    operatore = OperatoreFactory(quartieri=[primo_quartiere()])
    key = rendered_key(client)
    posted = data(quartiere=primo_quartiere().pk, chiave_idempotenza=key)

    first = client.post(URL, posted)
    second = client.post(URL, posted)

    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"] == "/bisogni/segnala/grazie/"
    bisogno = Bisogno.objects.get()
    assert str(bisogno.chiave_idempotenza) == key
    assert Messaggio.objects.filter(destinatario=operatore.user).count() == 1


def test_each_rendering_gets_its_own_key(client):
    client.post(URL, data(chiave_idempotenza=rendered_key(client)))
    client.post(URL, data(chiave_idempotenza=rendered_key(client)))
    assert Bisogno.objects.count() == 2


def test_a_bad_key_is_rejected_and_saves_nothing(client):
    response = client.post(URL, data(chiave_idempotenza="non-una-chiave"))
    assert response.status_code == 200
    assert not Bisogno.objects.exists()
