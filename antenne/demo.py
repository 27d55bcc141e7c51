"""Demo antennas (each with its nearest demo HUB), two operators with a month of field log (``demo_diario``),
a small time bank with one membership request to verify and a portierato request (``demo_banca``).

Idempotent: rows are keyed by name, e-mail or a UUID derived from a fixed label, and services run only
for rows that do not exist yet, so a second run changes nothing.
"""

import math

from django.contrib.auth.models import Group
from django.db import transaction

from antenne import services
from antenne.demo_banca import banca_seed, portierato_seed
from antenne.demo_diario import diario_seed
from antenne.models import Antenna, Consenso, OperatoreDiComunita
from costellazioni import roles
from costellazioni.demo import DEMO_PASSWORD
from costellazioni.models import Quartiere, User
from hubs.models import Hub

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
        Antenna.Tipo.NEGOZIO,
        "cannaregio",
        Antenna.Stato.IN_RETE,
        ["ritiro_pacchi", "informazioni", "portierato"],
        "Tutti i giorni 7-13",
        "elena",
        (True, True),
        "Strada Nova 4321",
    ),
    (
        "Panificio alla Bragora",
        Antenna.Tipo.NEGOZIO,
        "castello",
        Antenna.Stato.ATTIVA,
        ["ritiro_pacchi", "spesa_anziani"],
        "Lunedì-sabato 7-19",
        "elena",
        (True, True),
        "Salizada del Pignater 3690",
    ),
    (
        "Gruppo Nonni Sant'Elena",
        Antenna.Tipo.GRUPPO,
        "santelena",
        Antenna.Stato.ATTIVA,
        ["compagnia", "banca_del_tempo"],
        "Martedì e giovedì pomeriggio",
        "elena",
        (True, False),
        "",
    ),
    (
        "Maria Teresa Vio",
        Antenna.Tipo.CITTADINO,
        "castello",
        Antenna.Stato.ATTIVA,
        ["compagnia", "informazioni"],
        "Mattine feriali",
        "elena",
        (True, False),
        "Calle del Forno 1234",
    ),
    (
        "Giorgio Scarpa",
        Antenna.Tipo.CITTADINO,
        "cannaregio",
        Antenna.Stato.SUPPORTATA,
        ["piccole_riparazioni"],
        "Sabato",
        "elena",
        (False, False),
        "Rio Terà San Leonardo 1500",
    ),
    (
        "Ferramenta Piave",
        Antenna.Tipo.NEGOZIO,
        "via-piave",
        Antenna.Stato.ATTIVA,
        ["piccole_riparazioni", "ritiro_pacchi"],
        "Lunedì-venerdì 8.30-12.30, 15-19",
        "tommaso",
        (True, True),
        "Via Piave 88",
    ),
    (
        "Mamme in Rete Bissuola",
        Antenna.Tipo.GRUPPO,
        "bissuola",
        Antenna.Stato.IN_RETE,
        ["compagnia", "informazioni", "banca_del_tempo"],
        "Mercoledì 16-18 al parco",
        "tommaso",
        (True, True),
        "",
    ),
    (
        "Farmacia Carpenedo",
        Antenna.Tipo.NEGOZIO,
        "carpenedo",
        Antenna.Stato.CONTATTATA,
        ["informazioni"],
        "Orario della farmacia",
        "tommaso",
        (True, False),
        "Piazza Carpenedo 12",
    ),
    (
        "Samir Haddad",
        Antenna.Tipo.CITTADINO,
        "mestre-centro",
        Antenna.Stato.INDIVIDUATA,
        ["spesa_anziani"],
        "Pomeriggi",
        "tommaso",
        (False, False),
        "Via Cappuccina 40",
    ),
    (
        "Circolo Anziani Altobello",
        Antenna.Tipo.GRUPPO,
        "altobello",
        Antenna.Stato.SOSPESA,
        ["compagnia"],
        "",
        "tommaso",
        (True, False),
        "",
    ),
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
                latitudine=None if tipo == Antenna.Tipo.CITTADINO else quartiere.latitudine,
                longitudine=None if tipo == Antenna.Tipo.CITTADINO else quartiere.longitudine,
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


def _hub_piu_vicini(antenne, staff: User) -> None:
    """Each demo antenna refers people to the nearest demo HUB (by its public position)."""
    hubs = list(Hub.objects.published())
    if not hubs:
        return
    for antenna in antenne.values():
        if antenna.hub_id is not None:
            continue
        lat, lon = (float(v) for v in antenna.posizione_pubblica())
        scala = math.cos(math.radians(lat))  # a degree of longitude is shorter than one of latitude here
        vicino = min(hubs, key=lambda h: (float(h.latitudine) - lat) ** 2 + ((float(h.longitudine) - lon) * scala) ** 2)
        services.antenna_set_hub(antenna=antenna, hub=vicino, actor=staff)


@transaction.atomic
def seed() -> None:
    users = {email: _user(email, first, last, group) for email, first, last, group in PEOPLE}
    operatori = _operatori()
    antenne = _antenne(operatori, users["edicola@costellazioni.example"])
    staff = User.objects.get(email="staff@costellazioni.example")
    _hub_piu_vicini(antenne, staff)
    diario_seed(operatori, antenne)
    banca_seed(staff)
    portierato_seed(antenne)
