"""One co-programming process told as a story: notice, interest, tables, final document, a signed MOU
followed to its expiry and renewed, with the whole audit trail."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from coprogrammazione import services
from coprogrammazione.models import (
    DocumentoIstruttorio,
    ManifestazioneInteresse,
    ParteProtocollo,
    Percorso,
    Promemoria,
    ProtocolloIntesa,
)
from costellazioni.models import EventoAudit
from tests.coprogrammazione.factories import PercorsoFactory, referente_of, signed_copy
from tests.costellazioni.factories import EnteFactory, StaffFactory

pytestmark = pytest.mark.django_db
F = Percorso.Fase
P = ProtocolloIntesa.Stato


def trail(obj):
    return list(
        EventoAudit.objects.for_object(obj)
        .filter(content_type__model=obj._meta.model_name)
        .exclude(stato_a="")
        .order_by("pk")
        .values_list("stato_da", "stato_a")
    )


def test_from_notice_to_a_renewed_mou():
    staff = StaffFactory()
    now = timezone.now()
    percorso = PercorsoFactory(
        manifestazioni_dal=now + datetime.timedelta(minutes=1), manifestazioni_al=now + datetime.timedelta(days=30)
    )
    services.percorso_advance(percorso=percorso, to=F.MANIFESTAZIONI, actor=staff)

    bissuola, gazzera = EnteFactory(verified=True), EnteFactory(verified=True)
    referenti = {bissuola: referente_of(bissuola), gazzera: referente_of(gazzera)}
    manifestazioni = [
        services.manifestazione_submit(
            percorso=percorso,
            ente=ente,
            actor=referenti[ente],
            motivazione="Anziani soli",
            competenze="Ascolto",
            risorse_offerte="Sala",
            contatto_nome="Marta",
            contatto_email="marta@example.it",
            now=now + datetime.timedelta(days=1),
        )
        for ente in (bissuola, gazzera)
    ]
    services.manifestazione_admit(manifestazione=manifestazioni[0], actor=staff)
    services.manifestazione_exclude(manifestazione=manifestazioni[1], actor=staff, note="Fuori dal territorio.")
    services.percorso_advance(percorso=percorso, to=F.TAVOLI, actor=staff)

    services.risorsa_declare(
        percorso=percorso,
        ente=bissuola,
        actor=referenti[bissuola],
        tipo="spazi",
        descrizione="Sala del parco",
        quantita=Decimal("80"),
        unita="mq",
        disponibilita="martedì",
    )
    services.percorso_advance(percorso=percorso, to=F.DOCUMENTO, actor=staff)
    documento = DocumentoIstruttorio.objects.create(percorso=percorso, versione=1)
    documento.linee.create(ordine=1, titolo="Visite a domicilio", descrizione="Volontari formati.")
    services.documento_istruttorio_approve(documento=documento, actor=staff)
    services.percorso_advance(percorso=percorso, to=F.ESITO, actor=staff)

    today = timezone.localdate()
    protocollo = ProtocolloIntesa.objects.create(
        percorso=percorso,
        oggetto="Merenda solidale al parco",
        testo="Art. 1 — Le parti collaborano.",
        data_inizio=today,
        data_fine=today + datetime.timedelta(days=365),
    )
    comune = ParteProtocollo.objects.create(
        protocollo=protocollo, denominazione="Comune di Venezia", firmatario="Assessore", ruolo_firmatario="Assessore"
    )
    parte = ParteProtocollo.objects.create(
        protocollo=protocollo,
        ente=bissuola,
        denominazione=bissuola.denominazione,
        firmatario="Marta Zanon",
        ruolo_firmatario="Presidente",
    )
    protocollo.impegni.create(parte=parte, testo="Quaranta pomeriggi", scadenza=today + datetime.timedelta(days=330))
    services.protocollo_send_for_signature(protocollo=protocollo, actor=staff)
    services.parte_sign(parte=parte, file=signed_copy(protocollo), actor=referenti[bissuola])
    services.parte_sign(parte=comune, file=signed_copy(protocollo), actor=staff)
    services.protocolli_follow_dates(today=today)
    services.protocolli_follow_dates(today=protocollo.data_fine - datetime.timedelta(days=60))
    assert services.promemoria_send(today=protocollo.data_fine - datetime.timedelta(days=60)) == 1
    nuovo = services.protocollo_renew(
        protocollo=protocollo, actor=staff, data_fine=protocollo.data_fine + datetime.timedelta(days=365)
    )

    percorso.refresh_from_db()
    assert percorso.fase == F.ESITO and percorso.esito_il == today
    assert trail(percorso) == [
        (F.AVVISO, F.MANIFESTAZIONI),
        (F.MANIFESTAZIONI, F.TAVOLI),
        (F.TAVOLI, F.DOCUMENTO),
        (F.DOCUMENTO, F.ESITO),
    ]
    M = ManifestazioneInteresse.Stato
    assert trail(manifestazioni[0]) == [(M.PRESENTATA, M.AMMESSA)]
    assert trail(manifestazioni[1]) == [(M.PRESENTATA, M.ESCLUSA)]
    assert trail(protocollo) == [
        (P.BOZZA, P.IN_FIRMA),
        (P.IN_FIRMA, P.FIRMATO),
        (P.FIRMATO, P.ATTIVO),
        (P.ATTIVO, P.IN_SCADENZA),
        (P.IN_SCADENZA, P.RINNOVATO),
    ]
    firme = EventoAudit.objects.for_object(protocollo).filter(evento="coprogrammazione.firma_registrata").count()
    assert firme == 2
    assert Promemoria.objects.filter(protocollo=protocollo, tipo=Promemoria.Tipo.SCADENZA_60).count() == 1
    assert nuovo.precedente == protocollo and nuovo.stato == P.BOZZA and nuovo.impegni.count() == 1
