"""Failed log-ins are limited per (address, account) and, more loosely, per address: on the admin too."""

import pytest
from django.urls import reverse

from tests.costellazioni.factories import DEFAULT_PASSWORD, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db

ATTACKER = "203.0.113.7"
OFFICE = "198.51.100.20"


def _admin_login(client, email, password, address):
    return client.post(
        reverse("admin:login"),
        {"username": email, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
    )


def _login(client, email, password, address):
    return client.post(reverse("account_login"), {"login": email, "password": password}, REMOTE_ADDR=address)


def test_admin_login_refuses_the_right_password_after_eight_wrong_ones(client):
    staff = StaffFactory(email="ufficio@comune.venezia.it")
    for _ in range(8):
        response = _admin_login(client, staff.email, "sbagliata", ATTACKER)
        assert response.status_code in {200, 429}

    response = _admin_login(client, staff.email, DEFAULT_PASSWORD, ATTACKER)

    assert response.status_code == 429
    assert "Troppi tentativi" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_login_from_another_address_is_not_locked_out(client):
    staff = StaffFactory(email="ufficio@comune.venezia.it")
    for _ in range(8):
        _admin_login(client, staff.email, "sbagliata", ATTACKER)

    response = _admin_login(client, staff.email, DEFAULT_PASSWORD, OFFICE)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(staff.pk)


def test_typing_someone_s_address_elsewhere_does_not_lock_them_out(client):
    person = UserFactory(email="persona@example.it")
    for _ in range(6):
        _login(client, person.email, "sbagliata", ATTACKER)
    assert _login(client, person.email, DEFAULT_PASSWORD, ATTACKER).status_code == 429

    response = _login(client, person.email, DEFAULT_PASSWORD, OFFICE)

    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(person.pk)


def test_one_address_trying_many_accounts_is_stopped(client):
    people = [UserFactory(email=f"persona{n}@example.it") for n in range(21)]
    for person in people[:20]:
        assert _login(client, person.email, "sbagliata", ATTACKER).status_code == 200

    response = _login(client, people[20].email, DEFAULT_PASSWORD, ATTACKER)

    assert response.status_code == 429


def test_a_successful_admin_login_does_not_count(client):
    staff = StaffFactory(email="ufficio@comune.venezia.it")
    for _ in range(7):
        assert _admin_login(client, staff.email, DEFAULT_PASSWORD, OFFICE).status_code == 302
        client.logout()
