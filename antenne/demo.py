"""Demo antennas (each with its nearest demo HUB), two operators with a month of field log, a small time bank
(with one membership request to verify) and a portierato request.

Idempotent: rows are keyed by name, e-mail or a UUID derived from a fixed label, and services run only
for rows that do not exist yet, so a second run changes nothing.
"""

import math
import uuid
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from antenne import services
from antenne.models import (
    Antenna,
    Attivita,
    Consenso,
    Offerta,
    OperatoreDiComunita,
    Richiesta,
    RichiestaPortierato,
    Scambio,
    SocioBancaDelTempo,
)
from costellazioni import roles
from costellazioni.demo import DEMO_PASSWORD
from costellazioni.models import Quartiere, User
from hubs.models import Hub
from ricerca.models import CategoriaBisogno

NAMESPACE = uuid.UUID("6f1f3c1e-5b7a-4a53-9d0e-0c5a1e2b7a11")
A, T = Antenna.Tipo, Antenna.Stato

# email, first, last, group
PEOPLE = [
    ("operatore@costellazioni.example", "Tommaso", "Pavan", roles.OPERATORE),
    ("socio1@costellazioni.example", "Rosanna", "Dal Corso", roles.CITTADINO),
    ("socio2@costellazioni.example", "Alvise", "Busetto", roles.CITTADINO),
    ("socio3@costellazioni.example", "Nadia", "El Amrani", roles.CITTADINO),
    ("edicola@costellazioni.example", "Franco", "Nordio", roles.CITTADINO),
    ("iscrizione@costellazioni.example", "Piero", "Zanon", roles.CITTADINO),
]

# nome, tipo, quartiere, stato, servizi, disponibilità, operator key, consents (nome, contatti), indirizzo
ANTENNE = [
    (
        "Edicola Nordio",
        A.NEGOZIO,
        "cannaregio",
        T.IN_RETE,
        ["ritiro_pacchi", "informazioni", "portierato"],
        "Tutti i giorni 7-13",
        "elena",
        (True, True),
        "Strada Nova 4321",
    ),
    (
        "Panificio alla Bragora",
        A.NEGOZIO,
        "castello",
        T.ATTIVA,
        ["ritiro_pacchi", "spesa_anziani"],
        "Lunedì-sabato 7-19",
        "elena",
        (True, True),
        "Salizada del Pignater 3690",
    ),
    (
        "Gruppo Nonni Sant'Elena",
        A.GRUPPO,
        "santelena",
        T.ATTIVA,
        ["compagnia", "banca_del_tempo"],
        "Martedì e giovedì pomeriggio",
        "elena",
        (True, False),
        "",
    ),
    (
        "Maria Teresa Vio",
        A.CITTADINO,
        "castello",
        T.ATTIVA,
        ["compagnia", "informazioni"],
        "Mattine feriali",
        "elena",
        (True, False),
        "Calle del Forno 1234",
    ),
    (
        "Giorgio Scarpa",
        A.CITTADINO,
        "cannaregio",
        T.SUPPORTATA,
        ["piccole_riparazioni"],
        "Sabato",
        "elena",
        (False, False),
        "Rio Terà San Leonardo 1500",
    ),
    (
        "Ferramenta Piave",
        A.NEGOZIO,
        "via-piave",
        T.ATTIVA,
        ["piccole_riparazioni", "ritiro_pacchi"],
        "Lunedì-venerdì 8.30-12.30, 15-19",
        "tommaso",
        (True, True),
        "Via Piave 88",
    ),
    (
        "Mamme in Rete Bissuola",
        A.GRUPPO,
        "bissuola",
        T.IN_RETE,
        ["compagnia", "informazioni", "banca_del_tempo"],
        "Mercoledì 16-18 al parco",
        "tommaso",
        (True, True),
        "",
    ),
    (
        "Farmacia Carpenedo",
        A.NEGOZIO,
        "carpenedo",
        T.CONTATTATA,
        ["informazioni"],
        "Orario della farmacia",
        "tommaso",
        (True, False),
        "Piazza Carpenedo 12",
    ),
    (
        "Samir Haddad",
        A.CITTADINO,
        "mestre-centro",
        T.INDIVIDUATA,
        ["spesa_anziani"],
        "Pomeriggi",
        "tommaso",
        (False, False),
        "Via Cappuccina 40",
    ),
    ("Circolo Anziani Altobello", A.GRUPPO, "altobello", T.SOSPESA, ["compagnia"], "", "tommaso", (True, False), ""),
]

ATTIVITA_TIPI = [
    Attivita.Tipo.PRESIDIO,
    Attivita.Tipo.ANIMAZIONE,
    Attivita.Tipo.INCONTRO_ANTENNA,
    Attivita.Tipo.LAVORO_COMUNITA,
    Attivita.Tipo.ACCOMPAGNAMENTO,
    Attivita.Tipo.MEDIAZIONE,
    Attivita.Tipo.EVENTO,
]
LUOGHI = {
    "elena": [
        ("cannaregio", "Campo dei Gesuiti"),
        ("castello", "Via Garibaldi"),
        ("santelena", "Parco delle Rimembranze"),
    ],
    "tommaso": [
        ("via-piave", "Via Piave, davanti al mercato"),
        ("bissuola", "Parco Albanese"),
        ("mestre-centro", "Piazza Ferretto"),
    ],
}
BISOGNI = [
    ("solitudine", "Signora anziana sola, i figli vivono lontano: chiede compagnia il pomeriggio.", "media"),
    ("digitale", "Famiglia non riesce a prenotare le visite mediche online.", "alta"),
    ("casa", "Appartamento con umidità, il proprietario non risponde.", "media"),
    ("mobilita", "Uomo in carrozzina non riesce a raggiungere la fermata del vaporetto.", "alta"),
    ("spazi", "I ragazzi del quartiere non hanno un posto dove ritrovarsi la sera.", "bassa"),
]


def _user(email, first, last, group) -> User:
    from allauth.account.models import EmailAddress

    user, created = User.objects.get_or_create(email=email, defaults={"first_name": first, "last_name": last})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=group))
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _operatori() -> dict[str, OperatoreDiComunita]:
    quartieri = Quartiere.objects.in_bulk(field_name="slug")
    elena_user = User.objects.get(email="operatrice@costellazioni.example")
    elena, created = OperatoreDiComunita.objects.get_or_create(user=elena_user, defaults={"coordinatore": True})
    if created:
        elena.quartieri.set([quartieri[s] for s in ["cannaregio", "castello", "santelena"]])
    tommaso_user = User.objects.get(email="operatore@costellazioni.example")
    tommaso, created = OperatoreDiComunita.objects.get_or_create(user=tommaso_user, defaults={"coordinato_da": elena})
    if created:
        tommaso.quartieri.set(
            [quartieri[s] for s in ["via-piave", "bissuola", "mestre-centro", "carpenedo", "altobello"]]
        )
    return {"elena": elena, "tommaso": tommaso}


def _antenne(operatori, edicola_user) -> dict[str, Antenna]:
    quartieri = Quartiere.objects.in_bulk(field_name="slug")
    out = {}
    for nome, tipo, slug, stato, servizi, disponibilita, chi, (c_nome, c_contatti), indirizzo in ANTENNE:
        quartiere = quartieri[slug]
        antenna = Antenna.objects.filter(nome_pubblico=nome).first()
        if antenna is None:
            antenna = Antenna.objects.create(
                nome_pubblico=nome,
                tipo=tipo,
                quartiere=quartiere,
                stato=stato,
                servizi=servizi,
                disponibilita=disponibilita,
                operatore=operatori[chi],
                indirizzo=indirizzo,
                latitudine=None if tipo == A.CITTADINO else quartiere.latitudine,
                longitudine=None if tipo == A.CITTADINO else quartiere.longitudine,
                email=f"{slug}.{tipo}@antenne.example",
                telefono="041 000 0000",
                account=edicola_user if nome == "Edicola Nordio" else None,
                descrizione=f"{nome}: un punto di riferimento per il vicinato a {quartiere.nome}.",
            )
            services.consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.TRATTAMENTO, concesso=True)
            services.consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.NOME_PUBBLICO, concesso=c_nome)
            services.consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.CONTATTI_PUBBLICI, concesso=c_contatti)
            antenna.refresh_from_db()
        out[nome] = antenna
    return out


def _hub_piu_vicini(antenne) -> None:
    """Each demo antenna refers people to the nearest demo HUB (by its public position)."""
    hubs = list(Hub.objects.published())
    if not hubs:
        return
    for antenna in antenne.values():
        if antenna.hub_id is not None:
            continue
        lat, lon = (float(v) for v in antenna.posizione_pubblica())
        scala = math.cos(math.radians(lat))  # a degree of longitude is shorter than one of latitude here
        antenna.hub = min(
            hubs, key=lambda h: (float(h.latitudine) - lat) ** 2 + ((float(h.longitudine) - lon) * scala) ** 2
        )
        antenna.save(update_fields=["hub"])


def _diario(operatori, antenne) -> None:
    """A month of field log: one activity per working day per operator, dated back from the first run."""
    quartieri = Quartiere.objects.in_bulk(field_name="slug")
    categorie = CategoriaBisogno.objects.in_bulk(field_name="slug")
    oggi = timezone.localdate()
    for chi, operatore in operatori.items():
        mie = [a for a in antenne.values() if a.operatore_id == operatore.pk]
        for giorno in range(30):
            key = uuid.uuid5(NAMESPACE, f"{chi}-{giorno}")
            if Attivita.objects.filter(uuid=key).exists():
                continue
            data = oggi - timedelta(days=giorno)
            if data.weekday() == 6:
                continue
            slug, luogo = LUOGHI[chi][giorno % len(LUOGHI[chi])]
            tipo = ATTIVITA_TIPI[giorno % len(ATTIVITA_TIPI)]
            persone = 3 + (giorno * 7) % 19
            bisogni = []
            if giorno % 4 == 0:
                categoria, descrizione, urgenza = BISOGNI[(giorno // 4) % len(BISOGNI)]
                bisogni = [{"categoria": categorie[categoria], "descrizione": descrizione, "urgenza": urgenza}]
            seguiti = []
            if giorno % 6 == 0:
                seguiti = [
                    {
                        "descrizione": f"Richiamare chi abbiamo incontrato a {luogo}",
                        "scadenza": data + timedelta(days=5),
                    }
                ]
            services.attivita_log(
                operatore=operatore,
                uuid=key,
                tipo=tipo,
                # Today's activity is never later than now: the log holds only what already happened.
                svolta_il=min(timezone.make_aware(datetime.combine(data, time(9 + giorno % 8, 30))), timezone.now()),
                quartiere=quartieri[slug],
                luogo=luogo,
                persone_raggiunte=persone,
                fasce={"persone_anziane": persone // 3, "persone_donne": persone // 2},
                antenne=[mie[giorno % len(mie)]] if tipo == Attivita.Tipo.INCONTRO_ANTENNA and mie else [],
                bisogni=bisogni,
                seguiti=seguiti,
                note="",
            )


def _banca(staff: User) -> None:
    emails = ["cittadina@costellazioni.example"] + [p[0] for p in PEOPLE if p[0].startswith("socio")]
    soci = []
    for email in emails:
        socio = services.socio_join(user=User.objects.get(email=email))
        if socio.stato == SocioBancaDelTempo.Stato.IN_ATTESA:
            socio = services.socio_verify(socio=socio, actor=staff)
        soci.append(socio)
    giulia, rosanna, alvise, nadia = soci
    services.socio_join(user=User.objects.get(email="iscrizione@costellazioni.example"))  # left for the coordinator
    annunci = [
        (Offerta, rosanna, "compagnia", "Leggo il giornale e faccio due chiacchiere"),
        (Offerta, alvise, "riparazioni", "Aggiusto biciclette e piccoli elettrodomestici"),
        (Offerta, nadia, "lezioni", "Lezioni di arabo e francese per ragazzi"),
        (Offerta, giulia, "digitale", "Aiuto a usare lo SPID e l'app IO"),
        (Richiesta, rosanna, "commissioni", "Qualcuno che mi porti la spesa il sabato"),
        (Richiesta, alvise, "digitale", "Imparare a fare le videochiamate con i nipoti"),
    ]
    creati = {}
    for model, socio, categoria, titolo in annunci:
        annuncio = model.objects.filter(socio=socio, titolo=titolo).first()
        if annuncio is None:
            create = services.offerta_create if model is Offerta else services.richiesta_create
            annuncio = create(socio=socio, categoria=categoria, titolo=titolo)
        creati[titolo] = annuncio
    _scambi_da_concordare(giulia, rosanna, alvise, creati)
    if Scambio.objects.filter(stato=Scambio.Stato.CONFERMATO).exists():
        return
    scambi = [
        (alvise, rosanna, "2", "Riparata la bicicletta", creati["Aggiusto biciclette e piccoli elettrodomestici"]),
        (giulia, alvise, "1.5", "Videochiamate con i nipoti", None),
        (rosanna, nadia, "1", "Un pomeriggio di compagnia", creati["Leggo il giornale e faccio due chiacchiere"]),
    ]
    for erogatore, beneficiario, ore, descrizione, offerta in scambi:
        scambio = services.scambio_propose(
            proposto_da=erogatore,
            erogatore=erogatore,
            beneficiario=beneficiario,
            ore=Decimal(ore),
            descrizione=descrizione,
            offerta=offerta,
        )
        services.scambio_confirm(scambio=scambio, socio=beneficiario)
    # One still waiting for the other person's confirmation.
    services.scambio_propose(
        proposto_da=nadia, erogatore=nadia, beneficiario=giulia, ore=Decimal("1"), descrizione="Lezione di francese"
    )


def _scambi_da_concordare(giulia, rosanna, alvise, creati) -> None:
    """Exchanges agreed before they happen: one agreed (to confirm once done), one waiting for the cittadina."""
    if Scambio.objects.filter(descrizione="Sistemare i freni della bicicletta").exists():
        return
    oggi = timezone.localdate()
    concordato = services.scambio_propose(
        proposto_da=giulia,
        erogatore=alvise,
        beneficiario=giulia,
        ore=Decimal("1"),
        descrizione="Sistemare i freni della bicicletta",
        offerta=creati["Aggiusto biciclette e piccoli elettrodomestici"],
        da_concordare=True,
        previsto_il=oggi + timedelta(days=3),
    )
    services.scambio_agree(scambio=concordato, socio=alvise)
    services.scambio_propose(
        proposto_da=rosanna,
        erogatore=giulia,
        beneficiario=rosanna,
        ore=Decimal("1.5"),
        descrizione="Attivare lo SPID sul telefono",
        offerta=creati["Aiuto a usare lo SPID e l'app IO"],
        da_concordare=True,
        previsto_il=oggi + timedelta(days=6),
    )


def _portierato(antenne) -> None:
    if RichiestaPortierato.objects.exists():
        return
    cittadina = User.objects.get(email="cittadina@costellazioni.example")
    edicola = antenne["Edicola Nordio"]
    richiesta = services.portierato_request(
        antenna=edicola,
        richiedente=cittadina,
        servizio="ritiro_pacchi",
        descrizione="Un pacco in arrivo venerdì mattina.",
        telefono="041 000 0000",
    )
    services.portierato_transition(richiesta=richiesta, to=RichiestaPortierato.Stato.ACCETTATA, actor=edicola.account)
    services.portierato_request(
        antenna=antenne["Panificio alla Bragora"],
        richiedente=cittadina,
        servizio="spesa_anziani",
        descrizione="Per mia zia al secondo piano: pane e latte il martedì.",
    )


@transaction.atomic
def seed() -> None:
    users = {email: _user(email, first, last, group) for email, first, last, group in PEOPLE}
    operatori = _operatori()
    antenne = _antenne(operatori, users["edicola@costellazioni.example"])
    _hub_piu_vicini(antenne)
    _diario(operatori, antenne)
    _banca(User.objects.get(email="staff@costellazioni.example"))
    _portierato(antenne)
