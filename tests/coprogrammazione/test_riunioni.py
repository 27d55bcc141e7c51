"""Co-programming meetings: governance meetings of the process, invitations with .ics, contributions, minutes."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from coprogrammazione.models import ContributoRiunione
from coprogrammazione.riunioni import contributo_record, incontro_convene, riunioni_for
from costellazioni.models import Messaggio
from costellazioni.models.notifiche import AllegatoMessaggio
from governance.models import MembroOrgano, Organo, Partecipazione
from governance.services import riunioni as governance_riunioni
from governance.services import verbali
from tests.coprogrammazione.factories import ManifestazioneFactory, PercorsoFactory, referente_of
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def in_days(days, hour=17):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


@pytest.fixture
def percorso():
    tavolo = Organo.objects.create(
        nome="Tavolo «Solitudine e vicinato»",
        slug="tavolo-solitudine",
        tipo=Organo.Tipo.TAVOLO,
        giorni_preavviso=5,
        quorum=Organo.Quorum.NESSUNO,
    )
    MembroOrgano.objects.create(
        organo=tavolo,
        user=UserFactory(),
        ruolo=MembroOrgano.Ruolo.MEMBRO,
        dal=timezone.localdate() - datetime.timedelta(days=365),
    )
    return PercorsoFactory(tavolo=tavolo)


def convene(percorso, staff, days=10, **kwargs):
    return incontro_convene(
        percorso=percorso,
        titolo="Primo tavolo",
        inizio=in_days(days),
        fine=in_days(days, 19),
        actor=staff,
        luogo="Centro civico Bissuola, Via Bissuola 32",
        punti=["Presentazioni", "Risorse"],
        **kwargs,
    )


def test_participants_are_invited_with_an_ics_and_the_meeting_is_listed(percorso):
    staff = StaffFactory()
    manifestazione = ManifestazioneFactory(percorso=percorso, ammessa=True)
    referente = referente_of(manifestazione.ente)
    esclusa = ManifestazioneFactory(percorso=percorso)
    escluso = referente_of(esclusa.ente)
    riunione = convene(percorso, staff, now=in_days(5))
    assert riunione.iscrizioni_aperte and riunione.is_public
    assert Partecipazione.objects.filter(riunione=riunione, user=referente, ente=manifestazione.ente).exists()
    assert not Partecipazione.objects.filter(riunione=riunione, user=escluso).exists()
    messaggio = Messaggio.objects.get(destinatario=referente, tipo="riunione")
    allegato = AllegatoMessaggio.objects.get(messaggio=messaggio)
    assert allegato.tipo_mime == "text/calendar" and b"BEGIN:VEVENT" in bytes(allegato.contenuto)
    assert riunioni_for(percorso) == [riunione]


def test_the_convocation_leaves_later_when_far_away_and_reaches_participants(percorso):
    staff = StaffFactory()
    manifestazione = ManifestazioneFactory(percorso=percorso, ammessa=True)
    referente = referente_of(manifestazione.ente)
    riunione = convene(percorso, staff, days=20)
    assert riunione.convocazione_inviata_il is not None
    assert Messaggio.objects.filter(destinatario=referente, tipo="riunione").count() == 1


def test_only_staff_convene_and_a_table_is_needed(percorso):
    with pytest.raises(PermissionDenied, match="Solo il personale"):
        convene(percorso, referente_of())
    senza_tavolo = PercorsoFactory()
    with pytest.raises(ValidationError, match="tavolo di lavoro"):
        convene(senza_tavolo, StaffFactory())


def test_a_participant_registers_through_governance(percorso):
    staff = StaffFactory()
    riunione = convene(percorso, staff)
    cittadina = referente_of()
    governance_riunioni.partecipazione_iscrivi(riunione=riunione, user=cittadina)
    assert riunione.partecipazioni.filter(user=cittadina).exists()


def test_contributions_and_the_minutes_pdf(percorso, client):
    staff = StaffFactory()
    manifestazione = ManifestazioneFactory(percorso=percorso, ammessa=True)
    primo = incontro_convene(
        percorso=percorso,
        titolo="Primo tavolo",
        inizio=in_days(-10),
        fine=in_days(-10, 19),
        actor=staff,
        luogo="Centro civico",
        punti=["Risorse"],
        now=in_days(-20),
    )
    secondo = incontro_convene(
        percorso=percorso,
        titolo="Secondo tavolo",
        inizio=in_days(-3),
        fine=in_days(-3, 19),
        actor=staff,
        luogo="Centro civico",
        punti=["Verbale"],
        now=in_days(-10, 20),
    )
    for riunione in (primo, secondo):
        presenze = {p.pk: (Partecipazione.Presenza.PRESENTE, None) for p in riunione.partecipazioni.all()}
        governance_riunioni.presenze_register(riunione=riunione, actor=staff, presenze=presenze)
        governance_riunioni.riunione_held(riunione=riunione, actor=staff)
    punto = primo.punti.get()
    verbali.verbale_write(riunione=primo, actor=staff, testi={punto.pk: "Si condividono le risorse."})
    with pytest.raises(ValidationError, match="non partecipa"):
        contributo_record(riunione=primo, ente=ManifestazioneFactory(percorso=percorso).ente, testo="x", actor=staff)
    contributo_record(riunione=primo, ente=manifestazione.ente, testo="Offre la sala del parco.", actor=staff)
    url = reverse("coprogrammazione:verbale", args=[percorso.slug, primo.pk])
    assert client.get(url).status_code == 404  # draft minutes are not public
    verbali.verbale_approve(
        verbale=primo.verbali.get(), in_riunione=secondo, favorevoli=1, contrari=0, astenuti=0, actor=staff
    )
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment")
    from io import BytesIO

    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Offre la sala del parco." in text and manifestazione.ente.denominazione in text
    html = client.get(percorso.get_absolute_url()).content.decode()
    assert url in html


def test_a_refused_contribution_in_the_admin_is_shown_next_to_the_ente(percorso, client):
    staff = StaffFactory(is_superuser=True)
    riunione = convene(percorso, staff)
    estraneo = ManifestazioneFactory(percorso=percorso).ente  # not admitted: takes no part in the process
    client.force_login(staff)
    response = client.post(
        "/admin/coprogrammazione/contributoriunione/add/",
        {"riunione": riunione.pk, "ente": estraneo.pk, "testo": "Offre la sala."},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "L&#x27;ente non partecipa a questo percorso." in html and "Offre la sala." in html
    assert not [m for m in get_messages(response.wsgi_request) if "successo" in str(m)]
    assert not ContributoRiunione.objects.exists()
