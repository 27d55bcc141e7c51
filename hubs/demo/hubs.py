"""Demo HUBs: their hours, spaces and sportello (the data), created once; a second run changes nothing."""

import datetime
from decimal import Decimal

from django.utils import timezone

from costellazioni.models import Ente, Quartiere
from hubs.models import Hub, OrarioSettimanale, Servizio, Spazio

S = Servizio

SPORTELLO = {
    "categoria": S.Categoria.SPORTELLO_PROGETTI,
    "destinatari": S.Destinatari.ETS,
    "accesso": S.Accesso.APPUNTAMENTO,
    "descrizione": "Un progettista aiuta le organizzazioni a trasformare un'idea in un progetto sociale finanziabile.",
    "a_chi_e_rivolto": (
        "Enti del Terzo settore, gruppi informali e associazioni che operano nel Comune di Venezia e vogliono "
        "partecipare a un bando, costruire un partenariato o rendicontare un progetto."
    ),
    "come_fare": (
        "Chiedi un appuntamento dal portale indicando il tema e quando potete venire. Lo sportello ti propone "
        "un giorno e un orario entro cinque giorni lavorativi."
    ),
    "cosa_serve": "Una breve descrizione dell'idea o del bando di interesse; se l'avete, lo statuto dell'ente.",
    "cosa_si_ottiene": (
        "Un incontro di un'ora con un progettista, una scheda dei passi successivi e, se utile, il contatto con "
        "altre organizzazioni interessate allo stesso tema."
    ),
    "tempi_e_scadenze": "Risposta alla richiesta entro cinque giorni lavorativi; incontri da 60 minuti.",
    "condizioni": "Il servizio è gratuito. Gli incontri si svolgono all'HUB o in videochiamata.",
    "argomenti": ["Associazioni", "Imprese"],
    "ufficio_responsabile": "Settore Servizi per la Coesione sociale",
}

HUBS = [
    {
        "slug": "hub-bissuola",
        "nome": "HUB Bissuola — Casa delle associazioni",
        "descrizione": (
            "Al margine del Parco Albanese, l'HUB ospita lo sportello progetti, sale per le attività delle "
            "associazioni di Mestre e incontri aperti al quartiere."
        ),
        "indirizzo": "Via Bissuola 20/A",
        "cap": "30173",
        "quartiere": "bissuola",
        "latitudine": Decimal("45.49585"),
        "longitudine": Decimal("12.25212"),
        "gestore": "Spazio Bissuola APS",
        "email": "hub.bissuola@costellazioni.example",
        "telefono": "041 274 9100",
        "accesso_senza_barriere": True,
        "accessibilita": (
            "Ingresso a livello strada dal parcheggio di Via Bissuola; servizi igienici accessibili al piano terra; "
            "fermata autobus «Bissuola» a 100 metri (linee 4 e 4L)."
        ),
        "orari": [(g, 9, 13) for g in range(5)] + [(g, 14, 19) for g in range(5)] + [(5, 9, 13)],
        "servizi": [
            {**SPORTELLO, "slug": "sportello-progetti", "nome": "Sportello progetti"},
            {
                "slug": "orientamento-ai-servizi",
                "nome": "Orientamento ai servizi del quartiere",
                "categoria": S.Categoria.ORIENTAMENTO,
                "destinatari": S.Destinatari.CITTADINI,
                "accesso": S.Accesso.LIBERO,
                "descrizione": "Informazioni sui servizi sociali, sanitari e associativi di Mestre e Carpenedo.",
                "a_chi_e_rivolto": "Cittadine e cittadini di ogni età.",
                "come_fare": "Passa all'HUB negli orari di apertura: non serve appuntamento.",
                "cosa_si_ottiene": "Le indicazioni per raggiungere il servizio giusto e, se serve, un accompagnamento.",
                "tempi_e_scadenze": "Subito, negli orari di apertura.",
                "argomenti": ["Assistenza sociale"],
            },
            {
                "slug": "sale-per-le-associazioni",
                "nome": "Sale per le attività delle associazioni",
                "categoria": S.Categoria.SPAZIO_ATTIVITA,
                "destinatari": S.Destinatari.TUTTI,
                "accesso": S.Accesso.PRENOTAZIONE_SPAZIO,
                "descrizione": "Sale gratuite per riunioni, laboratori e attività aperte al quartiere.",
                "a_chi_e_rivolto": (
                    "Associazioni, gruppi informali e cittadini che organizzano attività senza scopo di lucro."
                ),
                "come_fare": "Scegli la sala e un orario libero nel calendario, poi invia la richiesta.",
                "cosa_serve": "Un account sul portale; per prenotare a nome di un ente, la rappresentanza verificata.",
                "cosa_si_ottiene": (
                    "La conferma della prenotazione per e-mail, con l'evento da aggiungere al calendario."
                ),
                "tempi_e_scadenze": "Almeno 48 ore di preavviso; conferma entro due giorni lavorativi.",
                "condizioni": "Uso gratuito; la sala va lasciata in ordine. Non sono ammesse attività commerciali.",
                "argomenti": ["Associazioni", "Tempo libero"],
            },
        ],
        "spazi": [
            {
                "slug": "sala-parco",
                "nome": "Sala Parco",
                "capienza": 40,
                "attrezzature": "Proiettore, impianto audio, 40 sedie, 6 tavoli pieghevoli.",
                "descrizione": "La sala grande affacciata sul parco, per assemblee e laboratori.",
            },
            {
                "slug": "saletta-riunioni",
                "nome": "Saletta riunioni",
                "capienza": 12,
                "attrezzature": "Tavolo riunioni, schermo, lavagna.",
                "durata_massima_ore": 3,
            },
        ],
    },
    {
        "slug": "hub-castello",
        "nome": "HUB Castello — Via Garibaldi",
        "descrizione": (
            "Nel cuore di Castello, tra Via Garibaldi e i Giardini, l'HUB accompagna le organizzazioni del centro "
            "storico e delle isole nella progettazione e offre formazione per volontari."
        ),
        "indirizzo": "Via Giuseppe Garibaldi 1794",
        "cap": "30122",
        "quartiere": "castello",
        "latitudine": Decimal("45.43211"),
        "longitudine": Decimal("12.35411"),
        "gestore": "Fondazione Laguna Bene Comune",
        "email": "hub.castello@costellazioni.example",
        "telefono": "041 274 9200",
        "accesso_senza_barriere": False,
        "accessibilita": (
            "Ingresso con un gradino di 12 cm, rampa mobile su richiesta al campanello; sala al piano terra. "
            "Fermata vaporetto «Giardini» (linee 1, 4.1, 5.1) senza ponti dall'HUB."
        ),
        "orari": [(g, 10, 18) for g in (1, 2, 3)] + [(4, 10, 13)],
        "servizi": [
            {**SPORTELLO, "slug": "sportello-progetti", "nome": "Sportello progetti"},
            {
                "slug": "formazione-volontari",
                "nome": "Formazione per volontari e referenti",
                "categoria": S.Categoria.FORMAZIONE,
                "destinatari": S.Destinatari.ETS,
                "accesso": S.Accesso.LIBERO,
                "descrizione": "Cicli brevi su riforma del Terzo settore, RUNTS, rendicontazione e comunicazione.",
                "a_chi_e_rivolto": "Volontari, soci e referenti degli enti del Terzo settore.",
                "come_fare": "Il calendario dei corsi è pubblicato all'HUB; l'iscrizione si fa allo sportello.",
                "cosa_si_ottiene": "Un attestato di partecipazione.",
                "tempi_e_scadenze": "Corsi da ottobre a giugno.",
                "argomenti": ["Formazione professionale", "Associazioni"],
                "ente": "Società di Mutuo Soccorso fra Gondolieri",
            },
        ],
        "spazi": [
            {
                "slug": "sala-garibaldi",
                "nome": "Sala Garibaldi",
                "capienza": 25,
                "attrezzature": "Schermo, 25 sedie, cucinetta.",
                "accessibile": False,
                "note_accessibilita": "Un gradino all'ingresso; rampa mobile su richiesta.",
            },
        ],
    },
]


def next_day(weekday: int, hour: int, weeks: int) -> datetime.datetime:
    """``hour`` o'clock on the ``weekday`` ``weeks`` weeks after this one (demo dates follow today)."""
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def hub_create(data: dict) -> tuple[Hub, bool]:
    fields = {k: v for k, v in data.items() if k not in {"slug", "quartiere", "gestore", "orari", "servizi", "spazi"}}
    hub, created = Hub.objects.get_or_create(
        slug=data["slug"],
        defaults={
            **fields,
            "quartiere": Quartiere.objects.get(slug=data["quartiere"]),
            "ente_gestore": Ente.objects.get(denominazione=data["gestore"]),
        },
    )
    if not created:
        return hub, False
    hub.full_clean()
    OrarioSettimanale.objects.bulk_create(
        OrarioSettimanale(hub=hub, giorno=g, apertura=datetime.time(a), chiusura=datetime.time(c))
        for g, a, c in data["orari"]
    )
    for servizio in data["servizi"]:
        servizio = dict(servizio)
        ente = Ente.objects.get(denominazione=servizio.pop("ente")) if "ente" in servizio else hub.ente_gestore
        Servizio.objects.create(hub=hub, ente_erogatore=ente, **servizio)
    for spazio in data["spazi"]:
        Spazio.objects.create(hub=hub, **spazio)
    return hub, True
