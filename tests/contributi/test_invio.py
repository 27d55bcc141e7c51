"""Submission and withdrawal (``contributi/services/candidature_invio.py``): the protocol lock held for the writes only,
one prefetch, database constraints as Italian messages, every change of state through the workflow door."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contributi import services
from contributi.models import Bando, Candidatura
from costellazioni import protocollo
from costellazioni.models import EventoAudit, OperazioneInCoda, Protocollo, RegistroProtocollo
from tests.contributi.factories import complete_draft, open_bando, referente

pytestmark = pytest.mark.django_db


def submit(c, user, **kwargs):
    return services.candidatura_submit(candidatura=c, actor=user, veridicita=True, privacy=True, **kwargs)


def draft():
    bando = open_bando()
    user, ente = referente()
    return complete_draft(bando=bando, user=user, ente=ente), user


def statements_from_the_lock(queries) -> list[str]:
    """The statements from the one that locks the protocol register's row to the commit (in a test, the release of
    the service's savepoint, which stands for the commit and is not counted)."""
    table = RegistroProtocollo._meta.db_table
    sql = [q["sql"] for q in queries]
    first = next(i for i, statement in enumerate(sql) if statement.startswith(f"INSERT INTO {table}"))
    assert sql[-1].startswith("RELEASE SAVEPOINT")
    return sql[first:-1]


class TestProtocolLock:
    def test_only_the_three_writes_that_carry_the_number_run_under_the_lock(self):
        c, user = draft()
        with CaptureQueriesContext(connection) as queries:
            submit(c, user)
        under_lock = statements_from_the_lock(queries.captured_queries)
        assert len(under_lock) == 3, "\n".join(under_lock)
        assert under_lock[1].startswith(f'INSERT INTO "{Protocollo._meta.db_table}"')
        assert under_lock[2].startswith(f'UPDATE "{Candidatura._meta.db_table}"')

    def test_the_whole_submission_runs_a_fixed_number_of_statements(self, django_assert_num_queries):
        c, user = draft()
        with django_assert_num_queries(17):
            submit(c, user)


class DuplicateNumberRegister:
    """An external protocollo that gives the same number twice."""

    def register(self, *, oggetto, riferimento, when):
        return protocollo.Registrazione(anno=when.year, numero=7, registrato_il=when, segnatura="EXT-7")


class TestConstraintsAsMessages:
    def test_a_number_given_twice_is_refused_with_the_message_full_clean_gives(self, settings):
        settings.PROTOCOLLO_BACKEND = "tests.contributi.test_invio.DuplicateNumberRegister"
        first, user = draft()
        submit(first, user)
        second, other = draft()
        with pytest.raises(ValidationError, match="candidatura_unique_protocol") as error:
            submit(second, other)
        second.refresh_from_db()
        assert second.is_draft and second.numero_protocollo == ""
        assert not OperazioneInCoda.objects.filter(oggetto_id=second.pk).exists()
        second.numero_protocollo = "EXT-7"
        with pytest.raises(ValidationError) as full_clean:
            second.validate_constraints()
        assert error.value.messages == full_clean.value.messages


class TestWorkflowDoor:
    @pytest.fixture
    def door_calls(self, monkeypatch):
        from contributi.services import candidature_invio

        calls = []
        real = candidature_invio.workflow_transition

        def recording(**kwargs):
            calls.append((kwargs["field"], kwargs["to"]))
            return real(**kwargs)

        monkeypatch.setattr(candidature_invio, "workflow_transition", recording)
        return calls

    def test_submit_and_withdraw_go_through_the_door_and_are_audited(self, door_calls):
        c, user = draft()
        c = submit(c, user)
        services.candidatura_withdraw(candidatura=c, actor=user, note="Errore nel budget")
        assert door_calls == [("stato", Candidatura.Stato.PRESENTATA), ("stato", Candidatura.Stato.RITIRATA)]
        rows = EventoAudit.objects.for_object(c).filter(stato_da__in=["bozza", "presentata"]).order_by("pk")
        assert [(r.stato_da, r.stato_a, r.autore_id, r.nota) for r in rows] == [
            ("bozza", "presentata", user.pk, ""),
            ("presentata", "ritirata", user.pk, "Errore nel budget"),
        ]

    def test_a_refused_submission_leaves_no_audit_row_and_takes_no_number(self, door_calls):
        c, user = draft()
        intruder, _ente = referente()
        with pytest.raises(PermissionDenied, match="rappresentanza per questo ente"):
            submit(c, intruder)
        assert door_calls == []
        assert not Protocollo.objects.exists()
        assert not EventoAudit.objects.for_object(c).filter(stato_a="presentata").exists()


class TestSubmitView:
    def _post(self, client, c, slug=None):
        url = reverse("contributi:passo", kwargs={"slug": slug or c.bando.slug, "pk": c.pk, "passo": "invio"})
        return client.post(url, {"veridicita": "on", "privacy": "on"})

    def test_a_submission_under_another_calls_address_is_not_found_and_takes_no_number(self, client):
        c, user = draft()
        other = open_bando()
        client.force_login(user)
        response = self._post(client, c, slug=other.slug)
        assert response.status_code == 404
        c.refresh_from_db()
        assert c.is_draft
        assert not Protocollo.objects.exists()

    def test_a_submission_after_the_deadline_is_refused_on_the_page_and_the_draft_kept(self, client):
        now = timezone.now()
        bando = open_bando(apertura=now - timedelta(days=30), chiusura=now + timedelta(minutes=1))
        user, ente = referente()
        c = complete_draft(bando=bando, user=user, ente=ente)
        Bando.objects.filter(pk=bando.pk).update(
            chiusura=now - timedelta(seconds=1), termine=now - timedelta(seconds=1)
        )
        client.force_login(user)
        response = self._post(client, c)
        assert response.status_code == 200
        assert "Il bando si è chiuso" in response.content.decode()
        c.refresh_from_db()
        assert c.is_draft and c.titolo == "Cucine di quartiere"
        assert not Protocollo.objects.exists()

    def test_a_submission_checks_membership_once_in_the_service(self, client, django_assert_max_num_queries):
        c, user = draft()
        client.force_login(user)
        with django_assert_max_num_queries(18):
            response = self._post(client, c)
        assert response.status_code == 302
        c.refresh_from_db()
        assert c.stato == Candidatura.Stato.PRESENTATA
