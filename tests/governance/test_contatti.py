"""The care-of-the-network log on the portal: operators and staff only."""

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from costellazioni import roles
from governance.models import ContattoRete
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operatrice(db):
    user = UserFactory()
    user.groups.add(Group.objects.get(name=roles.OPERATORE))
    return user


def test_an_operator_records_a_contact(client, operatrice):
    client.force_login(operatrice)
    response = client.post(
        "/governance/cura-della-rete/",
        {
            "data": timezone.localdate().isoformat(),
            "servizio": "Servizio sociale territoriale Lido",
            "persone": "Assistente sociale, operatrice",
            "argomento": "Anziana sola a Malamocco",
            "esito": "inviato",
            "seguiti": "",
        },
        follow=True,
    )
    assert "Anziana sola a Malamocco" in response.content.decode()
    assert ContattoRete.objects.get().operatore == operatrice


def test_a_missing_field_is_explained(client, operatrice):
    client.force_login(operatrice)
    response = client.post("/governance/cura-della-rete/", {"data": "", "servizio": "Lido", "esito": "inviato"})
    assert "Controlla i campi segnalati." in response.content.decode()
    assert 'value="Lido"' in response.content.decode()
    assert not ContattoRete.objects.exists()


def test_others_do_not_see_the_log(client):
    assert client.get("/governance/cura-della-rete/").status_code == 302
    client.force_login(UserFactory())
    assert client.get("/governance/cura-della-rete/").status_code == 404


@pytest.mark.parametrize("n", [1, 15])
def test_query_count(client, operatrice, django_assert_num_queries, n):
    for _ in range(n):
        ContattoRete.objects.create(
            data=timezone.localdate(), operatore=operatrice, servizio="S", persone="P", argomento="A", esito="nessuno"
        )
    client.force_login(operatrice)
    with django_assert_num_queries(6):  # the same six queries whatever the number of contacts
        assert client.get("/governance/cura-della-rete/").status_code == 200
