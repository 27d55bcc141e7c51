"""Demo public events at the HUBs, a few weeks ahead of today."""

import datetime

from django.utils import timezone

from costellazioni.models import Ente
from hubs.demo.hubs import next_day
from hubs.models import EventoHub, Hub

# (hub, space, weekday, start, end, weeks ahead, fields); times are "HH:MM", Europe/Rome.
EVENTI = [
    (
        "hub-bissuola",
        "saletta-riunioni",
        3,
        "17:30",
        "19:30",
        1,
        {
            "slug": "laboratorio-scrivere-un-progetto",
            "titolo": "Laboratorio: dall'idea al progetto",
            "descrizione": (
                "Due ore con i progettisti dello sportello per trasformare un'idea in una proposta per i bandi del "
                "programma: bisogni, obiettivi, partenariato, budget. Si lavora in piccoli gruppi sui progetti "
                "portati dai partecipanti."
            ),
            "iscrizione": (
                "Iscrizione obbligatoria, 12 posti: scrivi a hub.bissuola@costellazioni.example indicando l'ente."
            ),
            "accessibilita": "Saletta al piano terra, senza barriere. Materiali anche in formato digitale.",
        },
    ),
    (
        "hub-bissuola",
        "sala-parco",
        5,
        "09:30",
        "12:30",
        2,
        {
            "slug": "open-day-associazioni-mestre",
            "titolo": "Open day delle associazioni di Mestre",
            "descrizione": (
                "Le associazioni che usano la Casa delle associazioni si presentano al quartiere: banchetti, "
                "laboratori per bambini e uno spazio per chi vuole diventare volontario."
            ),
            "iscrizione": "Ingresso libero, senza iscrizione.",
            "accessibilita": "Sala Parco e cortile senza barriere; servizi igienici accessibili al piano terra.",
            "ente": "Spazio Bissuola APS",
        },
    ),
    (
        "hub-bissuola",
        "sala-parco",
        1,
        "18:00",
        "19:30",
        3,
        {
            "slug": "incontro-pubblico-welfare-di-quartiere",
            "titolo": "Incontro pubblico: il welfare di quartiere a Mestre",
            "descrizione": (
                "Il Comune e le antenne di quartiere presentano i primi risultati della ricerca-azione sui bisogni "
                "di Bissuola e Carpenedo e raccolgono proposte per le prossime attività."
            ),
            "iscrizione": "Ingresso libero fino a esaurimento dei 40 posti.",
            "accessibilita": "Con interprete LIS. Sala senza barriere.",
        },
    ),
    (
        "hub-castello",
        "sala-garibaldi",
        2,
        "15:00",
        "17:00",
        1,
        {
            "slug": "runts-adempimenti-ets",
            "titolo": "RUNTS: iscrizione e adempimenti per gli enti",
            "descrizione": (
                "Incontro formativo per volontari e referenti: come si aggiornano i dati nel Registro unico "
                "nazionale del Terzo settore, scadenze del bilancio e del rendiconto, errori frequenti."
            ),
            "iscrizione": "Iscrizione allo sportello dell'HUB o al link; 20 posti.",
            "link_iscrizione": "https://www.comune.venezia.it/",
            "accessibilita": "Un gradino all'ingresso; rampa mobile su richiesta al campanello.",
            "ente": "Società di Mutuo Soccorso fra Gondolieri",
        },
    ),
    (
        "hub-castello",
        "sala-garibaldi",
        3,
        "17:00",
        "18:30",
        2,
        {
            "slug": "presentazione-bando-centro-storico",
            "titolo": "Presentazione del bando per le organizzazioni del centro storico",
            "descrizione": (
                "Gli uffici del programma illustrano il bando, i requisiti e i criteri di valutazione e rispondono "
                "alle domande delle organizzazioni di Castello, Cannaregio e delle isole."
            ),
            "iscrizione": "Ingresso libero.",
        },
    ),
    (
        "hub-castello",
        "",
        4,
        "10:00",
        "12:00",
        3,
        {
            "slug": "caffe-del-volontariato",
            "titolo": "Caffè del volontariato",
            "descrizione": "Un incontro informale per conoscere le organizzazioni che cercano volontari in Castello.",
            "annullato": True,
        },
    ),
]


def eventi_create() -> None:
    for hub_slug, spazio_slug, weekday, start, end, weeks, fields in EVENTI:
        hub = Hub.objects.get(slug=hub_slug)
        fields = dict(fields)
        ente = Ente.objects.get(denominazione=fields.pop("ente")) if "ente" in fields else None
        day = next_day(weekday, 0, weeks).date()
        tz = timezone.get_current_timezone()
        evento, created = EventoHub.objects.get_or_create(
            hub=hub,
            slug=fields.pop("slug"),
            defaults={
                **fields,
                "spazio": hub.spazi.get(slug=spazio_slug) if spazio_slug else None,
                "ente_organizzatore": ente,
                "inizio": datetime.datetime.combine(day, datetime.time.fromisoformat(start), tzinfo=tz),
                "fine": datetime.datetime.combine(day, datetime.time.fromisoformat(end), tzinfo=tz),
            },
        )
        if created:
            evento.full_clean()
