"""Demo data of the operational level: a staff briefing, the contract and two reports, a site visit, the
contact log, a shared document with two versions and a partnership. Called by ``governance.demo.seed``."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from governance.demo_helpers import PDF_BYTES
from governance.demo_helpers import at as _at
from governance.demo_helpers import held as _held
from governance.demo_helpers import png as _png
from governance.models import Appalto, MacroAzione, Partenariato
from governance.services import appalto, rete, riunioni, verbali


def seed_operativo(*, p: dict, o: dict, enti: dict, hub) -> None:
    """``p``: people by role; ``o``: bodies by kind; ``enti``: organisations by name."""
    staff, operatrice, organo_user, busetto = p["staff"], p["operatrice"], p["organo"], p["busetto"]
    staff_progetto, comitato, assemblea = o["staff"], o["comitato"], o["assemblea"]
    barena, fondazione = enti["Cooperativa Sociale Barena"], enti["Fondazione Laguna Bene Comune"]
    b1_inizio = _at(-14, 9)
    b1 = riunioni.riunione_create(
        organo=staff_progetto,
        titolo="Briefing con il soggetto appaltatore",
        inizio=b1_inizio,
        fine=b1_inizio + datetime.timedelta(hours=1),
        luogo="Direzione Coesione sociale, Via Verdi 36, Mestre",
        actor=staff,
        punti=["Relazione di settembre", "Sopralluogo all'HUB Bissuola"],
        now=b1_inizio - datetime.timedelta(days=10),
    )
    _held(b1, staff, {staff.email: "presente", operatrice.email: "presente"})
    verbali.verbale_write(
        riunione=b1,
        actor=staff,
        testi={b1.punti.get(ordine=1).pk: "Si chiede all'appaltatore di dettagliare le ore per macro-azione."},
    )
    oggi = timezone.localdate()
    Appalto.objects.create(
        appaltatore=barena,
        oggetto="Servizi di animazione di comunità e gestione degli HUB di Costellazioni civiche",
        cig="A01B2C3D4E",
        dal=oggi - datetime.timedelta(days=300),
        al=oggi + datetime.timedelta(days=430),
    )
    primo = appalto.rapporto_create(
        appaltatore=barena,
        actor=busetto,
        periodo_dal=oggi.replace(day=1) - datetime.timedelta(days=62),
        periodo_al=oggi.replace(day=1) - datetime.timedelta(days=32),
        attivita=[
            {
                "macro_azione": MacroAzione.HUB,
                "descrizione": "Apertura dello sportello progetti all'HUB Bissuola, tre mattine a settimana.",
                "ore": 96,
                "persone_raggiunte": 41,
            },
            {
                "macro_azione": MacroAzione.RICERCA,
                "descrizione": "Dodici interviste a operatori dei servizi sociali per la mappa dei bisogni.",
                "ore": 30,
                "persone_raggiunte": 12,
            },
        ],
    )
    appalto.rapporto_submit(rapporto=primo, actor=busetto)
    appalto.rapporto_accept(rapporto=primo, actor=staff, note="Relazione completa, grazie.")
    secondo = appalto.rapporto_create(
        appaltatore=barena,
        actor=busetto,
        periodo_dal=oggi.replace(day=1) - datetime.timedelta(days=31),
        periodo_al=oggi.replace(day=1) - datetime.timedelta(days=1),
        attivita=[
            {
                "macro_azione": MacroAzione.HUB,
                "descrizione": "Sportello progetti e due laboratori di scrittura di progetti.",
                "ore": 110,
                "persone_raggiunte": 58,
            }
        ],
        problemi="Sala del martedì indisponibile per lavori.",
    )
    appalto.rapporto_submit(rapporto=secondo, actor=busetto)
    appalto.rapporto_request_changes(
        rapporto=secondo,
        actor=staff,
        note="Indicate anche le attività della macro-azione 1 e allegate il registro presenze dei laboratori.",
    )
    appalto.sopralluogo_record(
        actor=staff,
        data=oggi - datetime.timedelta(days=12),
        hub=hub,
        luogo="" if hub else "Via Bissuola 20/A, Mestre",
        partecipanti="Paolo Vianello (Comune), Elena Bortolato (operatrice di comunità), Giorgio Busetto (Barena)",
        esiti="Sportello aperto e ben segnalato; manca la segnaletica dell'ingresso senza barriere dal parcheggio.",
        seguiti="Barena installa la segnaletica entro due settimane.",
        foto=[(SimpleUploadedFile("ingresso.png", _png(), "image/png"), "Ingresso laterale dell'HUB dal parcheggio")],
    )
    for giorni, servizio, argomento, esito in [
        (3, "Servizio sociale territoriale Lido", "Anziana sola segnalata dall'antenna di Malamocco", "inviato"),
        (10, "Servizio sociale territoriale Mestre Centro", "Coordinamento sulle visite domiciliari", "in_corso"),
    ]:
        rete.contatto_record(
            actor=operatrice,
            data=oggi - datetime.timedelta(days=giorni),
            servizio=servizio,
            persone="Assistente sociale di zona, operatrice di comunità",
            argomento=argomento,
            esito=esito,
            seguiti="Richiamare tra una settimana.",
        )
    documento = rete.documento_upload(
        organo=comitato,
        actor=staff,
        titolo="Piano operativo 2026-2027",
        uploaded=SimpleUploadedFile("piano-operativo.pdf", PDF_BYTES, "application/pdf"),
        nota="Prima stesura",
    ).documento
    rete.documento_upload(
        organo=comitato,
        actor=organo_user,
        documento=documento,
        uploaded=SimpleUploadedFile("piano-operativo-v2.pdf", PDF_BYTES, "application/pdf"),
        nota="Aggiunte le attività nelle isole",
    )
    partenariato = Partenariato(
        nome="Partenariato «Isole in rete»",
        progetto="Punti di ascolto per anziani soli al Lido e a Pellestrina",
        finalita="Mettere insieme volontariato, cooperazione sociale e servizi per raggiungere gli anziani soli.",
        organo=assemblea,
        stato=Partenariato.Stato.ATTIVO,
        avviato_il=oggi - datetime.timedelta(days=20),
    )
    rete.partenariato_save(
        partenariato=partenariato,
        partner=[enti["Auser Lido e Pellestrina ODV"], barena, fondazione],
        actor=staff,
    )
