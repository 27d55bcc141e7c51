"""The door: coded audit rows, the transition's notification, ``available_transitions``, the code registries."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import TextChoices
from django.utils import translation

from costellazioni import codes, workflows
from costellazioni.events import Evento, Notifica
from costellazioni.models import Ente, EventoAudit, Messaggio
from costellazioni.services.workflow import available_transitions, require_available, workflow_transition
from costellazioni.workflows import STAFF, Notification, Transition
from tests.costellazioni.factories import EnteFactory, StaffFactory, UserFactory

E = Ente.StatoVerifica


def table_with_notification(recipient):
    return {
        (E.DA_VERIFICARE, E.VERIFICATO): Transition(
            Evento.VERIFICA_L_ENTE,
            frozenset({STAFF}),
            notifica=Notification(tipo=Notifica.ENTE, destinatari=lambda ente: [recipient]),
        )
    }


@pytest.mark.django_db
class TestDoor:
    def test_records_the_code_and_sends_the_notification_in_the_transaction(self, django_capture_on_commit_callbacks):
        recipient, staff = UserFactory(), StaffFactory()
        ente = EnteFactory()
        with django_capture_on_commit_callbacks() as callbacks, transaction.atomic():
            workflow_transition(
                obj=ente, field="stato_verifica", table=table_with_notification(recipient), to=E.VERIFICATO, actor=staff
            )
        evento = EventoAudit.objects.for_object(ente).get()
        assert (evento.evento, evento.stato_da, evento.stato_a) == (
            "costellazioni.verifica_l_ente",
            "da_verificare",
            "verificato",
        )
        messaggio = Messaggio.objects.get(destinatario=recipient)
        assert (messaggio.tipo, messaggio.oggetto) == ("ente", f"Verifica l'ente: {ente}")
        assert callbacks  # the e-mail leaves after the commit

    def test_the_message_is_written_in_the_language_of_the_moment_and_the_kind_shown_in_the_readers(self):
        recipient, staff = UserFactory(), StaffFactory()
        ente = EnteFactory()
        with translation.override("en"), transaction.atomic():
            workflow_transition(
                obj=ente, field="stato_verifica", table=table_with_notification(recipient), to=E.VERIFICATO, actor=staff
            )
        messaggio = Messaggio.objects.get(destinatario=recipient)
        assert messaggio.oggetto == f"Verify the organisation: {ente}"
        with translation.override("it"):
            assert messaggio.tipo_label == "Verifica dell'ente"
        with translation.override("en"):
            assert messaggio.tipo_label != "Verifica dell'ente"

    def test_a_wrong_actor_is_refused_and_nothing_is_written(self):
        ente = EnteFactory()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            workflow_transition(
                obj=ente,
                field="stato_verifica",
                table=table_with_notification(UserFactory()),
                to=E.VERIFICATO,
                actor=UserFactory(),
            )
        assert ente.stato_verifica == E.DA_VERIFICARE
        assert not EventoAudit.objects.exists() and not Messaggio.objects.exists()

    def test_a_move_not_in_the_table_is_refused(self):
        with pytest.raises(ValidationError, match="Questo passaggio di stato non è previsto."):
            workflow_transition(
                obj=EnteFactory(), field="stato_verifica", table=workflows.ENTE_VERIFICA, to=E.DA_VERIFICARE, actor=None
            )

    def test_keeps_its_call_signature(self):
        """The keyword arguments every app passes today still work, ``evento`` as an override code."""
        ente, staff = EnteFactory(), StaffFactory()
        transition = workflow_transition(
            obj=ente,
            field="stato_verifica",
            table=workflows.ENTE_VERIFICA,
            to=E.VERIFICATO,
            actor=staff,
            note="",
            owner=None,
            roles=frozenset(),
            evento=Evento.ENTE_REGISTRATO,
        )
        assert str(transition.label) == "Verifica l'ente"
        assert EventoAudit.objects.for_object(ente).get().evento == "costellazioni.ente_registrato"


@pytest.mark.django_db
class TestAvailableTransitions:
    def test_staff_may_verify_an_ente_others_may_not(self):
        ente = EnteFactory()
        offered = [(a.to, str(a.label), a.note_required) for a in available_transitions(ente, StaffFactory())]
        assert offered == [("verificato", "Verifica l'ente", False), ("respinto", "Respingi la verifica", True)]
        assert available_transitions(ente, UserFactory()) == []

    def test_the_owner_withdraws_their_own_request(self):
        from tests.costellazioni.factories import MembershipFactory

        membership = MembershipFactory()
        assert [a.to for a in available_transitions(membership, membership.user)] == ["revocata"]
        assert available_transitions(membership, UserFactory()) == []

    def test_require_available_names_the_refusal(self):
        ente = EnteFactory()
        require_available(ente, StaffFactory(), E.VERIFICATO, field="stato_verifica")
        with pytest.raises(PermissionDenied, match="Non hai i permessi"):
            require_available(ente, UserFactory(), E.VERIFICATO, field="stato_verifica")
        with pytest.raises(ValidationError, match="non è previsto"):
            require_available(ente, StaffFactory(), E.DA_VERIFICARE, field="stato_verifica")


class TestRegistries:
    def test_every_app_registers_its_own_kinds(self):
        assert {"ente", "candidatura", "prenotazione", "antenna", "riunione", "coprogrammazione"} <= set(
            codes.notification_kinds
        )
        assert "contributi.osservazioni_al_preavviso_inviate" in codes.audit_events

    def test_the_core_names_no_other_apps_kind(self):
        from costellazioni import events

        core = {member.value for member in events.Notifica} | {member.value for member in events.Evento}
        assert "candidatura" not in core and not any(code.startswith("contributi.") for code in core)

    def test_a_code_registered_twice_with_another_meaning_is_refused(self):
        class Doppio(TextChoices):
            ENTE = "ente", "Un'altra cosa"

        with pytest.raises(ImproperlyConfigured, match="'ente' is registered twice"):
            codes.notification_kinds.register(Doppio)

    @pytest.mark.django_db
    def test_notify_refuses_an_unregistered_kind(self):
        from costellazioni.services.notifications import notify

        with pytest.raises(ValueError, match="Unregistered notification kind: 'sconosciuto'"):
            notify(destinatari=[UserFactory()], tipo="sconosciuto", oggetto="Oggetto", testo="Testo")
        assert not Messaggio.objects.exists()


@pytest.mark.django_db
class TestOldRowsMigration:
    """``contributi.0014_audit_events_as_codes`` turns the free text of old rows into codes."""

    def test_italian_and_english_labels_become_codes_the_rest_stays(self):
        migration = importlib.import_module("contributi.migrations.0014_audit_events_as_codes")
        ente = EnteFactory()
        for text in ["Osservazioni al preavviso inviate", "Comments on the notice sent", "Testo libero"]:
            EventoAudit.objects.create(content_type_id=_ct(ente), object_id=str(ente.pk), oggetto_repr="x", evento=text)
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # as in a migration's own transaction
        with connection.schema_editor() as schema_editor:
            migration.forwards(apps, schema_editor)
        assert sorted(EventoAudit.objects.values_list("evento", flat=True)) == [
            "Testo libero",
            "contributi.osservazioni_al_preavviso_inviate",
            "contributi.osservazioni_al_preavviso_inviate",
        ]
        # The log is append-only again afterwards.
        with pytest.raises(IntegrityError, match="append-only"), transaction.atomic():
            EventoAudit.objects.update(evento="altro")


def _ct(obj):
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(obj).pk
