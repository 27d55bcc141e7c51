"""Demo data for development: one person per role and a dozen Venetian organisations.

Every ``seed()`` here and in other apps' ``demo.py`` is idempotent: a second run changes nothing.
The credentials are for development only and are listed in README.md.
"""

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils.text import slugify
from stdnum import luhn

from costellazioni import roles
from costellazioni.models import Ente, Membership, OperazioneInCoda, Quartiere, SegnalazioneDisservizio, User
from costellazioni.services.disservizi import disservizio_report
from costellazioni.services.enti import ente_set_verification, membership_set_state

DEMO_PASSWORD = "Laguna-Demo-2026"

PEOPLE = [
    # email, first, last, role group, is_staff, is_superuser
    ("admin@costellazioni.example", "Anna", "Scarpa", roles.AMMINISTRATORE, True, True),
    ("staff@costellazioni.example", "Paolo", "Vianello", roles.STAFF_COMUNALE, True, False),
    ("valutatrice@costellazioni.example", "Chiara", "Boscolo", roles.VALUTATORE, False, False),
    ("organo@costellazioni.example", "Luca", "Tagliapietra", roles.MEMBRO_ORGANO, False, False),
    ("operatrice@costellazioni.example", "Elena", "Bortolato", roles.OPERATORE, False, False),
    ("referente@costellazioni.example", "Marco", "Zanon", roles.REFERENTE_ETS, False, False),
    ("cittadina@costellazioni.example", "Giulia", "Fabris", roles.CITTADINO, False, False),
]

# Personal codici fiscali of demo people: SPID/CIE sign-in finds accounts by them (README, "Accesso con SPID e CIE").
DEMO_CODICI_FISCALI = {"referente@costellazioni.example": "ZNNMRC80A01L736O"}

# denominazione, tipo, quartiere slug, indirizzo, CAP, RUNTS section, verified
ENTI = [
    (
        "Associazione Ca' Vendramin per la Comunità",
        Ente.Tipo.APS,
        "cannaregio",
        "Fondamenta della Misericordia 2590",
        "30121",
        "b",
        True,
    ),
    ("Auser Lido e Pellestrina ODV", Ente.Tipo.ODV, "lido", "Via Sandro Gallo 136", "30126", "a", True),
    (
        "Cooperativa Sociale Barena",
        Ente.Tipo.COOPERATIVA_SOCIALE,
        "marghera-citta-giardino",
        "Piazza Mercato 42",
        "30175",
        "d",
        True,
    ),
    ("Spazio Bissuola APS", Ente.Tipo.APS, "bissuola", "Via Bissuola 32", "30173", "b", True),
    ("Banco Alimentare Terraferma ODV", Ente.Tipo.ODV, "mestre-centro", "Via Piave 150", "30171", "a", True),
    (
        "Fondazione Laguna Bene Comune",
        Ente.Tipo.ENTE_FILANTROPICO,
        "san-marco",
        "Calle Larga XXII Marzo 2100",
        "30124",
        "c",
        True,
    ),
    (
        "Rete delle Associazioni di Favaro",
        Ente.Tipo.RETE_ASSOCIATIVA,
        "favaro-veneto",
        "Piazza Pastrello 1",
        "30173",
        "e",
        False,
    ),
    (
        "Società di Mutuo Soccorso fra Gondolieri",
        Ente.Tipo.MUTUO_SOCCORSO,
        "castello",
        "Campo Bandiera e Mori 3800",
        "30122",
        "f",
        True,
    ),
    (
        "Impresa Sociale Remiere di Burano",
        Ente.Tipo.IMPRESA_SOCIALE,
        "burano",
        "Via San Mauro 285",
        "30142",
        "d",
        False,
    ),
    ("Orti di Gazzera APS", Ente.Tipo.APS, "gazzera", "Via Gazzera Alta 68", "30174", "b", True),
    ("Comitato di quartiere Catene", Ente.Tipo.GRUPPO_INFORMALE, "catene", "Via Beccaria 7", "30175", "", False),
    ("Giudecca Solidale ODV", Ente.Tipo.ODV, "giudecca", "Fondamenta San Giacomo 211", "30133", "a", True),
]

GENERIC_WORDS = {
    "associazione",
    "aps",
    "odv",
    "cooperativa",
    "sociale",
    "impresa",
    "fondazione",
    "rete",
    "delle",
    "della",
    "di",
    "del",
    "per",
    "la",
    "le",
    "il",
    "e",
    "fra",
    "societa",
    "comitato",
    "quartiere",
}

# referente e-mail -> enti they represent (first one as legale rappresentante)
MEMBERSHIPS = {
    "referente@costellazioni.example": [
        ("Spazio Bissuola APS", Membership.Ruolo.LEGALE_RAPPRESENTANTE, True),
        ("Orti di Gazzera APS", Membership.Ruolo.REFERENTE, True),
        ("Rete delle Associazioni di Favaro", Membership.Ruolo.REFERENTE, False),
    ],
    "cittadina@costellazioni.example": [("Giudecca Solidale ODV", Membership.Ruolo.DELEGATO, False)],
}


def demo_codice_fiscale(index: int) -> str:
    # Seven digits of serial number, then 027: the tax office code of the province of Venice.
    body = f"{9400000 + index * 7919:07d}027"
    return body + luhn.calc_check_digit(body)


def _people() -> dict[str, User]:
    from allauth.account.models import EmailAddress

    people = {}
    for email, first, last, group, is_staff, is_superuser in PEOPLE:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={"first_name": first, "last_name": last, "is_staff": is_staff, "is_superuser": is_superuser},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
        if email in DEMO_CODICI_FISCALI and not user.codice_fiscale:
            user.codice_fiscale = DEMO_CODICI_FISCALI[email]
            user.save(update_fields=["codice_fiscale"])
        user.groups.add(Group.objects.get(name=group))
        EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        people[email] = user
    return people


def _enti(staff: User) -> dict[str, Ente]:
    enti = {}
    for index, (nome, tipo, quartiere, indirizzo, cap, sezione, verified) in enumerate(ENTI):
        words = [w for w in slugify(nome).split("-") if w not in GENERIC_WORDS]
        ente, created = Ente.objects.get_or_create(
            codice_fiscale=demo_codice_fiscale(index),
            defaults={
                "denominazione": nome,
                "tipo": tipo,
                "quartiere": Quartiere.objects.get(slug=quartiere),
                "indirizzo": indirizzo,
                "cap": cap,
                "runts_sezione": sezione,
                "runts_numero": f"{112000 + index * 37}" if sezione else "",
                "email": f"info@{''.join(words[:2])}.example.it",
                "telefono": f"041 52{index:02d} {300 + index}",
            },
        )
        if created and verified:
            ente_set_verification(ente=ente, to=Ente.StatoVerifica.VERIFICATO, actor=staff)
        enti[nome] = ente
    return enti


@transaction.atomic
def seed() -> None:
    people = _people()
    staff = people["staff@costellazioni.example"]
    enti = _enti(staff)
    for email, memberships in MEMBERSHIPS.items():
        for nome, ruolo, verified in memberships:
            membership, created = Membership.objects.get_or_create(
                user=people[email], ente=enti[nome], defaults={"ruolo": ruolo, "motivazione": "Socio fondatore"}
            )
            if created and verified:
                membership_set_state(membership=membership, to=Membership.Stato.VERIFICATA, actor=staff)
    _outbox()
    _disservizi(people["cittadina@costellazioni.example"])


def _disservizi(cittadina) -> None:
    if SegnalazioneDisservizio.objects.exists():
        return
    disservizio_report(
        autore=cittadina,
        pagina="HUB Bissuola — prenotazione della sala polivalente",
        descrizione="Il calendario della sala mostra libero il giovedì sera, ma la richiesta viene rifiutata "
        "perché lo spazio risulta chiuso.",
        nome="",
        email=cittadina.email,
    )
    disservizio_report(
        autore=None,
        pagina="Antenna di Marghera, pagina pubblica",
        descrizione="Il numero di telefono dell'antenna è sbagliato: risponde un negozio di via Rizzardi.",
        nome="Franco Vio",
        email="franco.vio@posta.example",
    )


BOUNCED = "SMTPRecipientsRefused: {'m.zanon@libero.example': (550, b'5.1.1 Mailbox unavailable')}"


def _outbox() -> None:
    """One e-mail that failed every attempt, so staff find it in "Operazioni in coda" and can send it again."""
    from costellazioni.services.notifications import EMAIL

    if OperazioneInCoda.objects.filter(tipo=EMAIL, ultimo_errore=BOUNCED).exists():
        return
    OperazioneInCoda.objects.create(
        tipo=EMAIL,
        dati={
            "subject": "[Costellazioni civiche] Conferma il tuo indirizzo e-mail",
            "body": "Per confermare l'indirizzo apri il collegamento che trovi nella tua area personale.",
            "to": ["m.zanon@libero.example"],
        },
        stato=OperazioneInCoda.Stato.FALLITA,
        tentativi=6,
        ultimo_errore=BOUNCED,
    )


def demo_pdf(title: str = "Documento dimostrativo") -> bytes:
    """A small, real one-page PDF for demo uploads (uploads are parsed: a fake one would be refused)."""
    import io

    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_metadata({"/Title": title, "/Author": "Comune di Venezia"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
