"""Meetings: convening, the convocation e-mail and its timing, RSVP, registration, attendance and quorum."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from icalendar import Calendar

from costellazioni.models import EventoAudit, Messaggio
from governance.models import Organo, Partecipazione, Riunione
from governance.services import riunioni
from tests.costellazioni.factories import EnteFactory, MembershipFactory, UserFactory
from tests.governance.conftest import hold
from tests.governance.factories import MembroOrganoFactory, OrganoFactory, RiunioneFactory, at

pytestmark = pytest.mark.django_db


def convene(organo, actor, *, days=20, now=None, **kwargs):
    return riunioni.riunione_create(
        organo=organo,
        titolo="Assemblea d'autunno",
        inizio=at(days),
        fine=at(days) + datetime.timedelta(hours=2),
        luogo="Centro civico, Via Sernaglia 43",
        actor=actor,
        punti=["Relazione annuale", "Priorità 2027"],
        now=now,
        **kwargs,
    )


class TestConvene:
    def test_members_in_office_are_invited_and_the_agenda_numbered(self, organo, membri, staff):
        ex = MembroOrganoFactory(organo=organo, dal=timezone.localdate() - datetime.timedelta(days=400))
        ex.al = timezone.localdate() - datetime.timedelta(days=1)
        ex.save()
        riunione = convene(organo, staff)
        assert {p.user for p in riunione.partecipazioni.all()} == {m.user for m in membri}
        assert [str(p) for p in riunione.punti.all()] == ["1. Relazione annuale", "2. Priorità 2027"]
        assert riunione.visibilita == organo.visibilita
        assert EventoAudit.objects.for_object(riunione).filter(evento="governance.riunione_convocata").exists()

    def test_the_chair_convenes_a_plain_member_cannot(self, organo, membri):
        assert convene(organo, membri[0].user).creata_da == membri[0].user
        with pytest.raises(PermissionDenied, match="presidenza o la segreteria"):
            convene(organo, membri[1].user)

    def test_a_start_inside_the_notice_days_is_refused_on_the_field(self, organo, membri, staff):
        organo.giorni_preavviso = 10
        organo.save()
        with pytest.raises(ValidationError, match="almeno 10 giorni prima") as error:
            convene(organo, staff, days=9)
        assert "inizio" in error.value.message_dict
        assert not Riunione.objects.exists()

    def test_a_meeting_needs_a_place_or_a_link(self, organo, staff):
        with pytest.raises(ValidationError, match="riunione_ha_un_luogo"):
            riunioni.riunione_create(
                organo=organo,
                titolo="Senza luogo",
                inizio=at(20),
                fine=at(20) + datetime.timedelta(hours=1),
                actor=staff,
            )

    def test_a_context_owns_the_meeting(self, organo, staff):
        ente = EnteFactory()
        riunione = convene(organo, staff, contesto=ente)
        assert riunione.contesto == ente
        assert list(Riunione.objects.of_context(ente)) == [riunione]


class TestConvocationTiming:
    """The convocation leaves when the body's notice window opens, once, with the .ics attached."""

    def test_not_before_the_window_then_once_when_it_opens(
        self, organo, membri, staff, django_capture_on_commit_callbacks
    ):
        riunione = convene(organo, staff, days=20)
        finestra = riunione.inizio - datetime.timedelta(days=organo.giorni_preavviso)
        assert riunioni.riunioni_convocazioni_send(now=finestra - datetime.timedelta(minutes=1)) == 0
        assert not Messaggio.objects.exists()
        with django_capture_on_commit_callbacks(execute=True):
            assert riunioni.riunioni_convocazioni_send(now=finestra) == len(membri)
        riunione.refresh_from_db()
        assert riunione.convocazione_inviata_il == finestra
        assert riunioni.riunioni_convocazioni_send(now=finestra + datetime.timedelta(hours=1)) == 0
        assert len(mail.outbox) == len(membri)
        email = mail.outbox[0]
        assert email.subject.endswith("Convocazione: Assemblea d'autunno")
        [(name, content, mimetype)] = email.attachments
        assert (name, mimetype) == ("convocazione.ics", "text/calendar")
        [event] = Calendar.from_ical(content).walk("VEVENT")
        assert event["dtstart"].dt == riunione.inizio
        assert str(event["summary"]) == "Assemblea del partenariato: Assemblea d'autunno"

    def test_each_body_keeps_its_own_notice(self, membri, staff):
        breve = OrganoFactory(giorni_preavviso=3)
        lungo = OrganoFactory(giorni_preavviso=15)
        MembroOrganoFactory(organo=breve, presidente=True)
        MembroOrganoFactory(organo=lungo, presidente=True)
        a = convene(breve, staff, days=20)
        b = convene(lungo, staff, days=20)
        now = a.inizio - datetime.timedelta(days=10)
        assert riunioni.riunioni_convocazioni_due(now=now) == [b]

    def test_a_meeting_convened_exactly_at_the_notice_leaves_at_once(self, organo, membri, staff):
        now = at(20) - datetime.timedelta(days=organo.giorni_preavviso)
        riunione = convene(organo, staff, days=20, now=now)
        assert riunione.convocazione_inviata_il == now
        assert Messaggio.objects.filter(tipo="riunione").count() == len(membri)

    def test_cancelled_meetings_are_not_convened_and_invitees_get_the_cancellation(self, organo, membri, staff):
        riunione = convene(organo, staff, days=20)
        riunioni.riunione_convocazione_send(riunione=riunione)
        riunioni.riunione_cancel(riunione=riunione, actor=staff, note="Sala inagibile")
        annullata = Messaggio.objects.filter(oggetto__startswith="Riunione annullata")
        assert annullata.count() == len(membri)
        [allegato] = annullata.first().allegati.all()
        [event] = Calendar.from_ical(bytes(allegato.contenuto)).walk("VEVENT")
        assert str(event["status"]) == "CANCELLED" and event["sequence"] == 1

    def test_cancelling_needs_a_reason(self, organo, membri, staff):
        riunione = convene(organo, staff)
        with pytest.raises(ValidationError, match="motivazione"):
            riunioni.riunione_cancel(riunione=riunione, actor=staff, note="")


class TestRsvpAndRegistration:
    def test_an_invited_member_answers(self, organo, membri, staff):
        riunione = convene(organo, staff)
        riga = riunioni.partecipazione_rispondi(
            riunione=riunione, user=membri[2].user, risposta=Partecipazione.Risposta.PARTECIPO
        )
        assert riga.risposta == "partecipo" and riga.risposto_il is not None

    def test_somebody_not_invited_cannot_answer(self, organo, membri, staff):
        riunione = convene(organo, staff)
        with pytest.raises(PermissionDenied, match="Non risulti tra gli invitati"):
            riunioni.partecipazione_rispondi(riunione=riunione, user=UserFactory(), risposta="partecipo")

    def test_registration_for_an_open_meeting_up_to_the_seats(self, organo, membri, staff):
        riunione = convene(organo, staff, iscrizioni_aperte=True, posti=1)
        referente = MembershipFactory(verified=True, ente=EnteFactory(verified=True)).user
        ente = referente.memberships.get().ente
        riga = riunioni.partecipazione_iscrivi(riunione=riunione, user=referente, ente=ente)
        assert riga.membro is None and riga.ente == ente
        with pytest.raises(ValidationError, match="posti disponibili sono esauriti"):
            riunioni.partecipazione_iscrivi(riunione=riunione, user=UserFactory())

    def test_registration_for_an_ente_one_does_not_represent_is_refused(self, organo, membri, staff):
        riunione = convene(organo, staff, iscrizioni_aperte=True)
        with pytest.raises(PermissionDenied, match="ente che rappresenti"):
            riunioni.partecipazione_iscrivi(riunione=riunione, user=UserFactory(), ente=EnteFactory(verified=True))

    def test_closed_meetings_take_no_registration(self, organo, membri, staff):
        riunione = convene(organo, staff)
        with pytest.raises(PermissionDenied, match="non accetta iscrizioni"):
            riunioni.partecipazione_iscrivi(riunione=riunione, user=UserFactory())

    def test_registering_twice_is_refused(self, organo, membri, staff):
        riunione = convene(organo, staff, iscrizioni_aperte=True)
        user = UserFactory()
        riunioni.partecipazione_iscrivi(riunione=riunione, user=user)
        with pytest.raises(ValidationError, match="già iscritto"):
            riunioni.partecipazione_iscrivi(riunione=riunione, user=user)


class TestQuorum:
    @pytest.mark.parametrize(
        ("regola", "membri", "richiesto"),
        [
            (Organo.Quorum.MAGGIORANZA, 5, 3),
            (Organo.Quorum.MAGGIORANZA, 6, 4),
            (Organo.Quorum.UN_TERZO, 7, 3),
            (Organo.Quorum.DUE_TERZI, 6, 4),
            (Organo.Quorum.DUE_TERZI, 7, 5),
            (Organo.Quorum.NESSUNO, 9, 0),
        ],
    )
    def test_required_number_from_the_rule(self, regola, membri, richiesto):
        assert Organo(quorum=regola).quorum_richiesto(membri) == richiesto

    def test_present_members_reach_the_majority(self, organo, membri, staff):
        riunione = RiunioneFactory(organo=organo, inizio=at(-1))
        hold(riunione, staff, presenti=3)
        numero = riunioni.quorum(riunione)
        assert (numero.membri, numero.richiesto, numero.validi, numero.raggiunto) == (5, 3, 3, True)

    def test_delegations_count_where_the_body_allows_them(self, organo, membri, staff):
        riunione = RiunioneFactory(organo=organo, inizio=at(-1))
        hold(riunione, staff, presenti=2, deleghe=1)
        assert riunioni.quorum(riunione).raggiunto
        organo.deleghe_ammesse = False
        organo.save()
        assert not riunioni.quorum(Riunione.objects.get(pk=riunione.pk)).raggiunto

    def test_guests_do_not_count(self, organo, membri, staff):
        riunione = RiunioneFactory(organo=organo, inizio=at(-1))
        Partecipazione.objects.create(riunione=riunione, user=UserFactory(), presenza="presente")
        hold(riunione, staff, presenti=2)
        numero = riunioni.quorum(riunione)
        assert (numero.membri, numero.validi, numero.raggiunto) == (5, 2, False)

    def test_a_delegation_goes_to_a_present_member(self, organo, membri, staff):
        riunione = RiunioneFactory(organo=organo, inizio=at(-1))
        a, b = riunione.partecipazioni.order_by("pk")[:2]
        with pytest.raises(ValidationError, match="la delega va a un membro presente"):
            riunioni.presenze_register(
                riunione=riunione,
                actor=staff,
                presenze={a.pk: ("delegato", b.pk), b.pk: ("assente", None)},
            )

    def test_a_body_without_proxies_refuses_them(self, organo, membri, staff):
        organo.deleghe_ammesse = False
        organo.save()
        riunione = RiunioneFactory(organo=organo, inizio=at(-1))
        a, b = riunione.partecipazioni.order_by("pk")[:2]
        with pytest.raises(ValidationError, match="non ammette deleghe"):
            riunioni.presenze_register(
                riunione=riunione, actor=staff, presenze={a.pk: ("delegato", b.pk), b.pk: ("presente", None)}
            )

    def test_only_the_chair_or_staff_keep_the_register(self, organo, membri):
        riunione = RiunioneFactory(organo=organo, inizio=at(-1))
        with pytest.raises(PermissionDenied, match="presidenza o la segreteria"):
            riunioni.presenze_register(riunione=riunione, actor=membri[1].user, presenze={})

    def test_a_meeting_is_held_only_once_started(self, organo, membri, staff):
        riunione = RiunioneFactory(organo=organo, inizio=at(3))
        with pytest.raises(ValidationError, match="non è ancora iniziata"):
            riunioni.riunione_held(riunione=riunione, actor=staff)


class TestAgenda:
    def test_an_item_is_corrected_and_removed_before_the_meeting(self, organo, membri, staff):
        riunione = convene(organo, staff)
        primo, secondo = riunione.punti.order_by("ordine")
        primo.titolo = "Relazione annuale del comitato"

        riunioni.punto_save(punto=primo, actor=staff)
        riunioni.punto_delete(punto=secondo, actor=staff)

        assert list(riunione.punti.values_list("ordine", "titolo")) == [(1, "Relazione annuale del comitato")]

    def test_the_agenda_of_a_held_meeting_stays_as_it_was(self, svolta, staff):
        punto = svolta.punti.get(ordine=1)
        punto.titolo = "Priorità per il 2028"

        with pytest.raises(ValidationError, match="solo prima della riunione") as error:
            riunioni.punto_save(punto=punto, actor=staff)
        with pytest.raises(ValidationError, match="solo prima della riunione"):
            riunioni.punto_delete(punto=svolta.punti.get(ordine=2), actor=staff)

        assert error.value.code == "not_convened"
        assert list(svolta.punti.values_list("titolo", flat=True)) == ["Priorità per il 2027", "Varie ed eventuali"]

    def test_someone_who_does_not_manage_the_body_may_not(self, organo, membri, staff):
        riunione = convene(organo, staff)

        with pytest.raises(PermissionDenied):
            riunioni.punto_delete(punto=riunione.punti.first(), actor=UserFactory())

        assert riunione.punti.count() == 2
