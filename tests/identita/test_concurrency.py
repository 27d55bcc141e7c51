"""Two first SPID/CIE sign-ins of the same person at the same instant: one account, both signed in, no 500."""

import threading

import pytest
from allauth.socialaccount.models import SocialAccount
from django.db import connection
from django.test import Client
from django.urls import reverse

from costellazioni.events import Evento
from costellazioni.identita.forms import IdentitaSignupForm
from costellazioni.models import EventoAudit, User
from tests.identita.test_login import MARCO, sign_in


@pytest.fixture
def both_validated(monkeypatch):
    """Hold each signup form after its checks until the other has passed them too: both then write at once."""
    barrier = threading.Barrier(2, timeout=20)
    clean = IdentitaSignupForm.clean

    def clean_then_wait(form):
        cleaned = clean(form)
        barrier.wait()
        return cleaned

    monkeypatch.setattr(IdentitaSignupForm, "clean", clean_then_wait)
    return barrier


@pytest.mark.parametrize("providers", [("spid", "spid"), ("spid", "cie")], ids=["same-identity", "spid-and-cie"])
def test_two_first_sign_ins_at_once_make_one_account_and_sign_in_both(committed_db, oidc_op, both_validated, providers):
    oidc_op.sign_in_as(codice_fiscale=MARCO, nome="Marco", cognome="Zanon", email="marco.zanon@example.it")
    clients = [Client(raise_request_exception=False) for _ in providers]
    for client, provider in zip(clients, providers, strict=True):
        assert sign_in(client, provider=provider).url == reverse("socialaccount_signup")
    responses = {}

    def submit(index):
        try:
            responses[index] = clients[index].post(
                reverse("socialaccount_signup"), {"email": "marco.zanon@example.it", "privacy": "on"}
            )
        finally:
            connection.close()

    threads = [threading.Thread(target=submit, args=(index,)) for index in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert [(r.status_code, r.get("Location")) for r in responses.values()] == [(302, reverse("area_personale"))] * 2
    user = User.objects.get(codice_fiscale=MARCO)
    assert User.objects.filter(email__iexact="marco.zanon@example.it").count() == 1
    assert sorted(SocialAccount.objects.filter(user=user).values_list("provider", flat=True)) == sorted(set(providers))
    assert [c.session["_auth_user_id"] for c in clients] == [str(user.pk)] * 2
    assert (
        EventoAudit.objects.for_object(user).filter(evento=Evento.PRESA_VISIONE_DELL_INFORMATIVA_PRIVACY).count() == 1
    )
