"""Demo data of the research-action: needs across quartieri, a stakeholder map of the demo enti, a baseline
maturity round, a needs survey with 50 answers, two interviews and a first approved theory of change.

Idempotent: a second run changes nothing.
"""

import datetime
import random

from django.db import transaction
from django.utils import timezone

from costellazioni.models import Ente, Quartiere, User
from ricerca import services
from ricerca.demo_dati import DIMENSIONI, DOMANDE, ELEMENTI, FRASI, LINK, STAKEHOLDER_EXTRA
from ricerca.models import (
    AttivitaCoinvolgimento,
    Bisogno,
    CategoriaBisogno,
    Citazione,
    DimensioneMaturita,
    Domanda,
    ElementoToc,
    Intervista,
    Questionario,
    RilevazioneMaturita,
    Stakeholder,
    Tema,
    TeoriaCambiamento,
)

B = Bisogno
BISOGNI = [
    (
        "solitudine",
        B.Destinatari.ANZIANI,
        "Signore anziane sole in calle, nessuno passa a trovarle d'inverno",
    ),
    ("solitudine", B.Destinatari.ANZIANI, "Manca un luogo dove gli anziani possano giocare a carte al caldo"),
    ("casa", B.Destinatari.FAMIGLIE, "Appartamenti ERP con muffa e infissi che non chiudono"),
    ("casa", B.Destinatari.GIOVANI, "Studenti e giovani lavoratori non trovano affitti sostenibili"),
    ("lavoro", B.Destinatari.MIGRANTI, "Donne straniere cercano corsi di italiano per il lavoro"),
    ("lavoro", B.Destinatari.GIOVANI, "Ragazzi che hanno lasciato la scuola senza orientamento al lavoro"),
    ("salute", B.Destinatari.ANZIANI, "Difficoltà ad arrivare alle visite in ospedale senza accompagnamento"),
    ("famiglia", B.Destinatari.FAMIGLIE, "Genitori soli senza aiuto per i compiti dei figli il pomeriggio"),
    ("mobilita", B.Destinatari.DISABILITA, "Ponti senza rampe: chi usa la carrozzina resta a casa"),
    ("digitale", B.Destinatari.ANZIANI, "Anziani che non riescono a prenotare le visite con lo SPID"),
    ("spazi", B.Destinatari.GIOVANI, "Nessuno spazio per studiare dopo le 19 nel quartiere"),
    ("spazi", B.Destinatari.TUTTI, "Il campo da calcio del patronato è chiuso da due anni"),
]
# quartiere slug, how many needs (some above the public threshold of 5, some below)
QUARTIERI = [
    ("bissuola", 9),
    ("marghera-citta-giardino", 8),
    ("cannaregio", 7),
    ("gazzera", 6),
    ("lido", 5),
    ("castello", 4),
    ("pellestrina", 2),
    ("via-piave", 3),
]


def _bisogni(staff):
    rnd = random.Random(13)
    esiti = [B.Stato.SEGNALATO, B.Stato.PRESO_IN_CARICO, B.Stato.INDIRIZZATO, B.Stato.RISOLTO, B.Stato.NON_RISOLVIBILE]
    numero = 0
    categorie = CategoriaBisogno.objects.in_bulk(field_name="slug")
    for slug, quanti in QUARTIERI:
        quartiere = Quartiere.objects.get(slug=slug)
        for _ in range(quanti):
            numero += 1
            categoria, destinatari, descrizione = BISOGNI[numero % len(BISOGNI)]
            descrizione = f"{descrizione} ({quartiere.nome}, segnalazione {numero})"
            if Bisogno.objects.filter(descrizione=descrizione).exists():
                continue
            bisogno = services.bisogno_report(
                categoria=categorie[categoria],
                descrizione=descrizione,
                quartiere=quartiere,
                urgenza=rnd.choice(list(B.Urgenza.values)),
                destinatari=destinatari,
                fonte=rnd.choice(list(B.Fonte.values)),
            )
            Bisogno.objects.filter(pk=bisogno.pk).update(
                creato_il=timezone.now() - datetime.timedelta(days=rnd.randint(5, 180))
            )
            _avanza(bisogno, esiti[numero % len(esiti)], staff)


# A category added by staff after the start (the taxonomy is theirs), and the needs reported under it.
CATEGORIA_AGGIUNTA = {
    "slug": "spesa",
    "nome": "Spesa e povertà alimentare",
    "descrizione": "Chi fatica a fare la spesa o a mangiare in modo sano: pacchi alimentari, empori solidali.",
    "ordine": 95,
}
BISOGNI_SPESA = [
    ("bissuola", "Famiglie che a fine mese non riescono a fare la spesa"),
    ("bissuola", "Pensionati soli che saltano i pasti quando fa freddo"),
    ("cannaregio", "L'emporio solidale più vicino è troppo lontano per chi non cammina"),
]


def _categoria_aggiunta():
    categoria, _created = CategoriaBisogno.objects.get_or_create(
        slug=CATEGORIA_AGGIUNTA["slug"], defaults=CATEGORIA_AGGIUNTA
    )
    for slug, descrizione in BISOGNI_SPESA:
        if not Bisogno.objects.filter(descrizione=descrizione).exists():
            services.bisogno_report(
                categoria=categoria,
                descrizione=descrizione,
                quartiere=Quartiere.objects.get(slug=slug),
                destinatari=B.Destinatari.FRAGILITA,
                fonte=B.Fonte.ANTENNA,
            )


def _avanza(bisogno, stato, staff):
    percorso = {
        B.Stato.PRESO_IN_CARICO: [B.Stato.PRESO_IN_CARICO],
        B.Stato.INDIRIZZATO: [B.Stato.PRESO_IN_CARICO, B.Stato.INDIRIZZATO],
        B.Stato.RISOLTO: [B.Stato.PRESO_IN_CARICO, B.Stato.INDIRIZZATO, B.Stato.RISOLTO],
        B.Stato.NON_RISOLVIBILE: [B.Stato.PRESO_IN_CARICO, B.Stato.NON_RISOLVIBILE],
    }.get(stato, [])
    for passo in percorso:
        bisogno = services.bisogno_transition(
            bisogno=bisogno, to=passo, actor=staff, note="Inviato allo sportello sociale della Municipalità"
        )
    if stato in (B.Stato.INDIRIZZATO, B.Stato.RISOLTO):
        services.bisogno_link_risposta(
            bisogno=bisogno, descrizione="Preso in carico dallo sportello progetti dell'HUB Bissuola", actor=staff
        )


def _stakeholder():
    rnd = random.Random(7)
    mappa = []
    for ente in Ente.objects.order_by("pk"):
        s, _created = Stakeholder.objects.get_or_create(
            nome=ente.denominazione,
            defaults={
                "ente": ente,
                "quartiere": ente.quartiere,
                "interesse": rnd.randint(2, 5),
                "influenza": rnd.randint(1, 5),
            },
        )
        mappa.append(s)
    for nome, tipo, quartiere, interesse, influenza in STAKEHOLDER_EXTRA:
        s, _created = Stakeholder.objects.get_or_create(
            nome=nome,
            defaults={
                "tipo": tipo,
                "interesse": interesse,
                "influenza": influenza,
                "quartiere": Quartiere.objects.filter(slug=quartiere).first(),
            },
        )
        mappa.append(s)
    attivita = [
        (
            AttivitaCoinvolgimento.Tipo.EVENTO,
            "Presentazione pubblica del programma al Candiani",
            datetime.date(2026, 3, 12),
            84,
        ),
        (
            AttivitaCoinvolgimento.Tipo.FOCUS_GROUP,
            "Focus group sulla solitudine degli anziani a Mestre",
            datetime.date(2026, 4, 22),
            11,
        ),
        (AttivitaCoinvolgimento.Tipo.RIUNIONE, "Tavolo degli ETS della terraferma", datetime.date(2026, 6, 5), 18),
        (
            AttivitaCoinvolgimento.Tipo.QUESTIONARIO,
            "Questionario sui bisogni dei quartieri",
            datetime.date(2026, 9, 15),
            50,
        ),
    ]
    for indice, (tipo, titolo, data, partecipanti) in enumerate(attivita):
        record, created = AttivitaCoinvolgimento.objects.get_or_create(
            titolo=titolo,
            defaults={
                "tipo": tipo,
                "data": data,
                "partecipanti": partecipanti,
                "esito": "Verbale sintetico condiviso con i partecipanti.",
            },
        )
        if created:
            coinvolti = mappa[indice::2]
            record.stakeholder.set(coinvolti)
            for s in coinvolti:
                livello = min(1 + indice + (s.interesse > 3), 5)
                services.stakeholder_livello_set(stakeholder=s, livello=livello, data=data, attivita=record)


def _maturita(valutatori):
    dimensioni = []
    for ordine, (nome, descrizione, livelli) in enumerate(DIMENSIONI):
        valori = {"descrizione": descrizione, "ordine": ordine, **{f"livello_{n}": t for n, t in enumerate(livelli, 1)}}
        dimensione, _created = DimensioneMaturita.objects.get_or_create(nome=nome, defaults=valori)
        dimensioni.append(dimensione)
    baseline, created = RilevazioneMaturita.objects.get_or_create(
        fase=RilevazioneMaturita.Fase.BASELINE, defaults={"data": datetime.date(2026, 5, 15)}
    )
    if not created:
        return
    baseline.enti_invitati.set(Ente.objects.filter(denominazione="Spazio Bissuola APS"))
    punteggi = [[2, 1, 2, 2, 1], [3, 2, 2, 1, 2]]
    for autore, riga in zip(valutatori, punteggi, strict=False):
        for dimensione, punteggio in zip(dimensioni, riga, strict=True):
            services.maturita_valuta(rilevazione=baseline, dimensione=dimensione, punteggio=punteggio, actor=autore)


QUESTIONARIO = {
    "slug": "bisogni-dei-quartieri-2026",
    "titolo": "Come si vive nel tuo quartiere? Questionario sui bisogni 2026",
    "descrizione": (
        "Dieci minuti per raccontarci che cosa manca e che cosa funziona nel tuo quartiere. "
        "Il questionario è anonimo: non chiediamo nome né indirizzo."
    ),
}


def _questionario():
    questionario, created = Questionario.objects.get_or_create(
        slug=QUESTIONARIO["slug"],
        defaults={
            **QUESTIONARIO,
            "pubblicato": True,
            "apertura": timezone.now() - datetime.timedelta(days=30),
            "chiusura": timezone.now() + datetime.timedelta(days=60),
        },
    )
    if not created:
        return
    domande = []
    for ordine, (testo, tipo, obbligatoria, opzioni) in enumerate(DOMANDE, 1):
        domande.append(
            Domanda.objects.create(
                questionario=questionario,
                ordine=ordine,
                testo=testo,
                tipo=tipo,
                obbligatoria=obbligatoria,
                opzioni=opzioni,
            )
        )
    condizionale = domande[4]
    condizionale.mostra_se, condizionale.mostra_se_valore = domande[3], "Spesso"
    condizionale.save()
    rnd = random.Random(50)
    for _ in range(50):
        compilazione = services.questionario_start(questionario=questionario)
        sola = rnd.choice(["Mai", "Qualche volta", "Qualche volta", "Spesso"])
        valori = {
            domande[0].pk: rnd.choice(domande[0].scelte),
            domande[1].pk: rnd.choice(domande[1].scelte),
            domande[2].pk: rnd.sample(domande[2].scelte, rnd.randint(1, 3)),
            domande[3].pk: sola,
            domande[4].pk: "Una telefonata ogni tanto e un posto dove prendere un caffè insieme"
            if sola == "Spesso"
            else "",
            domande[5].pk: rnd.randint(1, 5),
            domande[6].pk: rnd.randint(3, 10),
            domande[7].pk: rnd.choice([0, 2, 4, 8, 10]),
            domande[8].pk: (datetime.date(2026, 9, 1) - datetime.timedelta(days=rnd.randint(0, 300))).isoformat(),
            domande[9].pk: rnd.choice(FRASI),
        }
        services.questionario_save(compilazione=compilazione, valori=valori, invia=True)


def _interviste(staff):
    solitudine, _created = Tema.objects.get_or_create(nome="Solitudine", defaults={"descrizione": "Isolamento e reti"})
    fiducia, _created = Tema.objects.get_or_create(nome="Fiducia nelle istituzioni")
    intervista, created = Intervista.objects.get_or_create(
        titolo="Focus group con le volontarie di Auser Lido",
        defaults={
            "tipo": Intervista.Tipo.FOCUS_GROUP,
            "data": datetime.date(2026, 4, 22),
            "protocollo": "Traccia semi-strutturata in cinque domande: bisogni, risorse, relazioni, ostacoli, idee.",
            "partecipanti": 7,
            "profilo_partecipanti": "5 volontarie, 1 coordinatrice, 1 operatrice di comunità",
            "condotta_da": staff,
        },
    )
    if created:
        bisogno = Bisogno.objects.filter(categoria="solitudine").first()
        citazione = Citazione.objects.create(
            intervista=intervista,
            tema=solitudine,
            testo="D'inverno al Lido ci sono signore che non parlano con nessuno per giorni.",
        )
        if bisogno:
            citazione.bisogni.add(bisogno)
        Citazione.objects.create(
            intervista=intervista, tema=fiducia, testo="Se il Comune viene qui e ci ascolta, la gente torna."
        )


def _teoria(staff, comitato, cittadina):
    if TeoriaCambiamento.objects.exists():
        return
    teoria = TeoriaCambiamento.objects.create(
        versione=1,
        titolo="Dalla solitudine alla comunità che si prende cura",
        sintesi="Prima versione costruita con gli ETS nel tavolo di giugno 2026 e nel focus group di Lido.",
    )
    elementi = {}
    for ordine, (chiave, tipo, titolo) in enumerate(ELEMENTI):
        elementi[chiave] = ElementoToc.objects.create(
            teoria=teoria,
            tipo=tipo,
            titolo=titolo,
            ordine=ordine,
            assunzioni="Gli ETS mantengono l'impegno per tutto il programma.",
        )
    elementi["o1"].indicatori.create(nome="Persone agganciate dagli operatori", unita="persone", obiettivo="600")
    elementi["b2"].indicatori.create(nome="Protocolli d'intesa firmati", unita="protocolli", obiettivo="10")
    for da, a in LINK:
        services.teoria_collegamento_add(da=elementi[da], a=elementi[a], actor=staff)
    teoria = services.teoria_transition(teoria=teoria, to=TeoriaCambiamento.Stato.IN_CONSULTAZIONE, actor=staff)
    services.teoria_commento_add(
        teoria=teoria, autore=cittadina, testo="Aggiungerei le scuole tra gli attori delle reti di quartiere."
    )
    services.teoria_transition(teoria=teoria, to=TeoriaCambiamento.Stato.APPROVATA, actor=comitato)


@transaction.atomic
def seed() -> None:
    staff = User.objects.get(email="staff@costellazioni.example")
    admin = User.objects.get(email="admin@costellazioni.example")
    _bisogni(staff)
    _categoria_aggiunta()
    _stakeholder()
    _maturita([staff, admin])
    _questionario()
    _interviste(staff)
    _teoria(staff, admin, User.objects.get(email="cittadina@costellazioni.example"))
