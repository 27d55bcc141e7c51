"""Demo HUBs: one in Mestre by Parco Bissuola, one in Castello, with their next public events.

Idempotent: a second run changes nothing.
"""

import datetime
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from costellazioni.models import Ente, Quartiere, User
from hubs import services
from hubs.models import Chiusura, EventoHub, Hub, OrarioSettimanale, Servizio, Spazio

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


def _eventi() -> None:
    for hub_slug, spazio_slug, weekday, start, end, weeks, fields in EVENTI:
        hub = Hub.objects.get(slug=hub_slug)
        fields = dict(fields)
        ente = Ente.objects.get(denominazione=fields.pop("ente")) if "ente" in fields else None
        day = _next(weekday, 0, weeks).date()
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


def _next(weekday: int, hour: int, weeks: int) -> datetime.datetime:
    today = timezone.localdate()
    day = today + datetime.timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def _hub(data: dict) -> tuple[Hub, bool]:
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


# More services, added after the first release of the demo: created one by one, so an existing database gets them.
ALTRI_SERVIZI = {
    "hub-bissuola": [
        {
            "slug": "consulenza-runts",
            "nome": "Consulenza per l'iscrizione al RUNTS",
            "categoria": S.Categoria.PROGETTAZIONE,
            "destinatari": S.Destinatari.ETS,
            "accesso": S.Accesso.APPUNTAMENTO,
            "descrizione": "Un consulente segue le associazioni nell'iscrizione al Registro unico del Terzo settore.",
            "a_chi_e_rivolto": "Associazioni e organizzazioni di volontariato con sede nel Comune di Venezia.",
            "come_fare": "Chiedi un appuntamento dal portale: ti indichiamo i documenti da portare.",
            "cosa_serve": "Atto costitutivo, statuto vigente, ultimo rendiconto approvato.",
            "cosa_si_ottiene": "La verifica dello statuto e l'aiuto nella compilazione della domanda telematica.",
            "tempi_e_scadenze": "Appuntamento entro dieci giorni lavorativi dalla richiesta.",
            "argomenti": ["Associazioni", "Trasparenza amministrativa"],
        },
        {
            "slug": "punto-digitale",
            "nome": "Punto digitale: SPID e servizi online",
            "categoria": S.Categoria.ORIENTAMENTO,
            "destinatari": S.Destinatari.CITTADINI,
            "accesso": S.Accesso.LIBERO,
            "descrizione": "Volontari formati aiutano ad attivare SPID, usare la CIE e i servizi online del Comune.",
            "a_chi_e_rivolto": "Chi usa poco computer e smartphone, in particolare le persone anziane.",
            "come_fare": "Vieni all'HUB negli orari di apertura con il documento d'identità e il telefono.",
            "cosa_serve": "Documento d'identità valido, tessera sanitaria, un numero di telefono e un'e-mail.",
            "cosa_si_ottiene": "L'identità digitale attiva e la prima prova di accesso a un servizio online.",
            "argomenti": ["Trasparenza amministrativa"],
        },
        {
            "slug": "doposcuola-solidale",
            "nome": "Doposcuola solidale",
            "categoria": S.Categoria.FORMAZIONE,
            "destinatari": S.Destinatari.CITTADINI,
            "accesso": S.Accesso.LIBERO,
            "descrizione": "Aiuto nei compiti per ragazze e ragazzi delle scuole medie, con educatori e volontari.",
            "a_chi_e_rivolto": "Studenti delle scuole secondarie di primo grado di Mestre e Carpenedo.",
            "come_fare": "I genitori iscrivono i figli all'HUB il lunedì o il mercoledì pomeriggio.",
            "cosa_si_ottiene": "Due pomeriggi a settimana di studio accompagnato, da ottobre a maggio.",
            "tempi_e_scadenze": "Iscrizioni aperte tutto l'anno fino a esaurimento dei posti.",
            "argomenti": ["Istruzione"],
        },
        {
            "slug": "sportello-volontariato",
            "nome": "Sportello volontariato",
            "categoria": S.Categoria.ORIENTAMENTO,
            "destinatari": S.Destinatari.TUTTI,
            "accesso": S.Accesso.APPUNTAMENTO,
            "descrizione": "Chi vuole dedicare tempo agli altri trova l'associazione del quartiere che fa per sé.",
            "a_chi_e_rivolto": "Cittadine e cittadini di ogni età che vogliono fare volontariato.",
            "come_fare": "Chiedi un colloquio dal portale: ti proponiamo le associazioni che cercano volontari.",
            "cosa_si_ottiene": "Un colloquio di orientamento e il contatto con due o tre associazioni.",
            "argomenti": ["Associazioni"],
        },
    ],
    "hub-castello": [
        {
            "slug": "sala-prove-laboratori",
            "nome": "Sala prove e laboratori creativi",
            "categoria": S.Categoria.SPAZIO_ATTIVITA,
            "destinatari": S.Destinatari.ETS,
            "accesso": S.Accesso.PRENOTAZIONE_SPAZIO,
            "descrizione": "La sala Garibaldi ospita prove di cori, laboratori teatrali e corsi delle associazioni.",
            "a_chi_e_rivolto": "Associazioni culturali e gruppi informali del sestiere di Castello.",
            "come_fare": "Prenota la sala dal calendario dell'HUB almeno due giorni prima.",
            "cosa_si_ottiene": "L'uso gratuito della sala per attività aperte al quartiere.",
            "argomenti": ["Patrimonio culturale", "Tempo libero"],
        },
        {
            "slug": "orientamento-servizi-sociali",
            "nome": "Orientamento ai servizi sociali",
            "categoria": S.Categoria.ORIENTAMENTO,
            "destinatari": S.Destinatari.CITTADINI,
            "accesso": S.Accesso.LIBERO,
            "descrizione": "Un'assistente sociale ascolta e indirizza al servizio giusto del Comune o dell'ULSS.",
            "a_chi_e_rivolto": "Persone e famiglie in difficoltà che non sanno a chi rivolgersi.",
            "come_fare": "Vieni all'HUB il martedì mattina, senza appuntamento.",
            "cosa_si_ottiene": "Un primo colloquio riservato e l'invio al servizio competente.",
            "argomenti": ["Assistenza sociale"],
        },
        {
            "slug": "italiano-per-donne",
            "nome": "Italiano per donne straniere",
            "categoria": S.Categoria.FORMAZIONE,
            "destinatari": S.Destinatari.CITTADINI,
            "accesso": S.Accesso.LIBERO,
            "descrizione": "Un corso di lingua italiana con spazio bimbi, tenuto da insegnanti volontarie.",
            "a_chi_e_rivolto": "Donne con cittadinanza straniera che vivono nel centro storico.",
            "come_fare": "Iscriviti all'HUB il giovedì mattina; il corso segue il calendario scolastico.",
            "cosa_si_ottiene": "Due lezioni a settimana e un attestato di frequenza a fine corso.",
            "argomenti": ["Integrazione sociale", "Immigrazione", "Istruzione"],
        },
    ],
}


def _altri_servizi() -> None:
    for hub in Hub.objects.filter(slug__in=ALTRI_SERVIZI).select_related("ente_gestore"):
        for servizio in ALTRI_SERVIZI[hub.slug]:
            fields = {k: v for k, v in servizio.items() if k != "slug"}
            Servizio.objects.get_or_create(
                hub=hub,
                slug=servizio["slug"],
                defaults={
                    **fields,
                    "ente_erogatore": hub.ente_gestore,
                    "ufficio_responsabile": SPORTELLO["ufficio_responsabile"],
                },
            )


@transaction.atomic
def seed() -> None:
    staff = User.objects.get(email="staff@costellazioni.example")
    referente = User.objects.get(email="referente@costellazioni.example")
    cittadina = User.objects.get(email="cittadina@costellazioni.example")
    bissuola, created = _hub(HUBS[0])
    castello, _castello_created = _hub(HUBS[1])
    _altri_servizi()
    _eventi()
    if not created:
        return
    # A closed Saturday, which the booking calendar shows.
    chiuso = _next(5, 9, 3).date()
    Chiusura.objects.create(hub=bissuola, data_inizio=chiuso, data_fine=chiuso, motivo="Assemblea del personale")
    sala = bissuola.spazi.get(slug="sala-parco")
    saletta = bissuola.spazi.get(slug="saletta-riunioni")
    ente = Ente.objects.get(denominazione="Spazio Bissuola APS")
    confermata = services.prenotazione_request(
        user=referente,
        spazio=sala,
        inizio=_next(1, 15, 1),
        fine=_next(1, 18, 1),
        scopo="Laboratorio di riparazione biciclette per ragazzi",
        partecipanti=25,
        ente=ente,
    )
    services.prenotazione_confirm(prenotazione=confermata, actor=staff)
    services.prenotazione_request(
        user=referente,
        spazio=saletta,
        inizio=_next(3, 10, 1),
        fine=_next(3, 12, 1),
        scopo="Riunione del direttivo",
        partecipanti=8,
        ente=ente,
    )
    services.prenotazione_request(
        user=cittadina,
        spazio=sala,
        inizio=_next(2, 16, 1),
        fine=_next(2, 17, 1),
        scopo="Incontro del gruppo di lettura",
        partecipanti=12,
    )
    sportello = castello.servizi.get(slug="sportello-progetti")
    appuntamento = services.appuntamento_request(
        user=referente,
        servizio=sportello,
        tema="Partenariato per il bando Idee in Comune",
        descrizione="Cerchiamo partner nel centro storico per un servizio di accompagnamento degli anziani.",
        disponibilita="Martedì o mercoledì mattina",
        ente=ente,
    )
    services.appuntamento_fix(appuntamento=appuntamento, inizio=_next(2, 11, 1), fine=_next(2, 12, 1), actor=staff)
    services.connessione_record(
        hub=castello,
        ente_a=ente,
        ente_b=Ente.objects.get(denominazione="Giudecca Solidale ODV"),
        scopo="Accompagnamento degli anziani soli tra Mestre e Giudecca",
        data=timezone.localdate(),
        actor=staff,
    )
