"""Calls and rankings move through the door: coded audit rows, the staff check, labels in both languages."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from contributi import services
from contributi.events import Evento
from contributi.models import Bando, Candidatura, Graduatoria, Preavviso
from contributi.services.erogazioni import PIANO_PREDEFINITO
from costellazioni.models import EventoAudit
from costellazioni.services.audit import audit_record
from costellazioni.services.workflow import available_transitions
from tests.contributi.factories import BandoFactory, SubmittedCandidaturaFactory, open_bando, referente
from tests.contributi.test_graduatoria import ranked  # noqa: F401  (fixture)
from tests.costellazioni.factories import MembershipFactory, StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def draft_call(**kwargs):
    """A draft call ready to be published: criteria and the payment plan set."""
    bando = BandoFactory(**kwargs)
    services.tranche_plan_set(bando=bando, actor=StaffFactory(), tranche=PIANO_PREDEFINITO)
    return bando


def timeline(obj, language):
    with translation.override(language):
        return Template("{% load audit %}{% audit_timeline obj %}").render(Context({"obj": obj}))


class TestBandoPublish:
    def test_staff_publishes_and_the_door_records_the_code(self):
        bando, staff = draft_call(), StaffFactory()
        services.bando_publish(bando=bando, actor=staff)
        bando.refresh_from_db()
        assert bando.stato == Bando.Stato.PUBBLICATO and bando.pubblicato_il is not None
        evento = EventoAudit.objects.for_object(bando).get(stato_a=Bando.Stato.PUBBLICATO)
        assert (evento.evento, evento.stato_da, evento.autore) == ("contributi.bando_pubblicato", "bozza", staff)

    def test_somebody_else_is_refused_and_nothing_changes(self):
        bando = draft_call()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.bando_publish(bando=bando, actor=UserFactory(is_staff=True))
        bando.refresh_from_db()
        assert bando.stato == Bando.Stato.BOZZA
        assert not EventoAudit.objects.for_object(bando).filter(evento=Evento.BANDO_PUBBLICATO).exists()

    def test_the_event_reads_in_the_readers_language(self):
        bando = draft_call()
        with translation.override("en"):
            services.bando_publish(bando=bando, actor=StaffFactory())
        assert "Bando pubblicato" in timeline(bando, "it")
        english = timeline(bando, "en")
        assert "Call published" in english and "Bando pubblicato" not in english

    def test_available_transitions_offer_publication_to_staff_only(self):
        bando = draft_call()
        assert [a.to for a in available_transitions(bando, StaffFactory())] == [Bando.Stato.PUBBLICATO]
        assert available_transitions(bando, UserFactory()) == []

    def test_the_admin_action_reports_a_refusal_without_publishing(self, client):
        bando = draft_call()
        clerk = UserFactory(is_staff=True)
        from django.contrib.auth.models import Permission

        clerk.user_permissions.add(*Permission.objects.filter(codename__in=["view_bando", "change_bando"]))
        client.force_login(clerk)
        response = client.post(
            reverse("admin:contributi_bando_changelist"),
            {"action": "pubblica", "_selected_action": [bando.pk], "confirm": "1"},
            follow=True,
        )
        assert f"{bando}: Non hai i permessi per questa operazione." in response.content.decode()
        bando.refresh_from_db()
        assert bando.stato == Bando.Stato.BOZZA


class TestRettifica:
    def test_only_staff_publish_an_amendment(self):
        bando = open_bando()
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.rettifica_publish(bando=bando, actor=UserFactory(), oggetto="Errata", testo="Art. 4.")
        assert not bando.rettifiche.exists()
        services.rettifica_publish(bando=bando, actor=StaffFactory(), oggetto="Errata", testo="Art. 4.")
        assert EventoAudit.objects.for_object(bando).get().evento == "contributi.rettifica_pubblicata"


class TestGraduatoria:
    def test_approval_and_publication_are_coded_rows_and_the_call_concludes(self, staff_user, ranked):  # noqa: F811
        bando, graduatoria, _user = ranked
        preavviso = Preavviso.objects.get(candidatura__titolo="sotto", candidatura__bando=bando)
        services.preavviso_decide(
            preavviso=preavviso,
            actor=staff_user,
            esito=Preavviso.Esito.CONFERMATO,
            considerazioni="",
            now=preavviso.scadenza + timedelta(minutes=1),
        )
        with pytest.raises(PermissionDenied, match="Non hai i permessi per questa operazione."):
            services.graduatoria_approve(
                graduatoria=graduatoria, actor=UserFactory(), determina_numero="1", determina_data=date(2026, 11, 20)
            )
        services.graduatoria_approve(
            graduatoria=graduatoria, actor=staff_user, determina_numero="DD 2026/417", determina_data=date(2026, 11, 20)
        )
        services.graduatoria_publish(graduatoria=graduatoria, actor=staff_user)
        rows = EventoAudit.objects.for_object(graduatoria).order_by("id").values_list("evento", "stato_da", "stato_a")
        assert list(rows) == [
            ("contributi.graduatoria_approvata", "provvisoria", "approvata"),
            ("contributi.graduatoria_pubblicata", "approvata", "pubblicata"),
        ]
        assert (
            EventoAudit.objects.for_object(bando)
            .filter(evento=Evento.GRADUATORIA_PUBBLICATA, stato_a=Bando.Stato.CONCLUSO)
            .exists()
        )
        graduatoria.refresh_from_db()
        assert graduatoria.stato == Graduatoria.Stato.PUBBLICATA and graduatoria.pubblicata_il is not None
        assert "Ranking approved" in timeline(graduatoria, "en")
        assert "Graduatoria approvata" in timeline(graduatoria, "it")


class TestApplicantTimeline:
    """The applicant's timeline is filtered by code: in English too they see the observations they sent."""

    def test_english_reader_sees_the_observations_event(self, client):
        user, ente = referente()
        candidatura = SubmittedCandidaturaFactory(ente=ente)
        with translation.override("en"):  # written while the applicant browsed in English
            audit_record(obj=candidatura, evento=Evento.OSSERVAZIONI_AL_PREAVVISO_INVIATE, autore=user)
        audit_record(obj=candidatura, evento=Evento.CONFLITTO_DI_INTERESSI_DICHIARATO, autore=StaffFactory())
        client.force_login(user)
        url = reverse("area_personale_candidatura", kwargs={"pk": candidatura.pk})
        client.cookies["django_language"] = "en"
        english = client.get(url).content.decode()
        assert "Comments on the notice sent" in english
        client.cookies["django_language"] = "it"
        italian = client.get(url).content.decode()
        assert "Osservazioni al preavviso inviate" in italian
        assert "Conflitto di interessi dichiarato" not in italian  # board-internal: never shown to the applicant

    def test_the_withdraw_transition_is_offered_to_the_applicant(self):
        user, ente = referente()
        candidatura = SubmittedCandidaturaFactory(ente=ente)
        assert Candidatura.Stato.RITIRATA in [a.to for a in available_transitions(candidatura, user)]
        outsider = MembershipFactory(verified=True).user
        assert available_transitions(candidatura, outsider) == []
