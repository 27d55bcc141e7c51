"""Demo of the staff side (idempotent): a call under evaluation and a concluded call with a published ranking.

Wired into ``contributi/demo.py`` after its own ``seed()``: it reuses the demo people and enti of
``costellazioni/demo.py`` (referente@ for Spazio Bissuola APS and Orti di Gazzera APS, valutatrice@, staff@)
and adds one more board member, commissario@ (password as the other demo accounts).
"""

from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from contributi import services
from contributi.models import (
    AllegatoRichiesto,
    Bando,
    Candidatura,
    CriterioValutazione,
    MembroCommissione,
    Preavviso,
    RegoleSelezione,
    VoceChecklist,
)
from contributi.services.erogazioni import PIANO_PREDEFINITO
from costellazioni import roles
from costellazioni.models import Ente, User

CRITERI = [
    ("A.1", "Qualità e coerenza del progetto", 40),
    ("A.2", "Impatto sociale atteso nei quartieri", 40),
    ("A.3", "Partenariato e sostenibilità", 20),
]
CHECKLIST = [
    ("Domanda presentata entro il termine e firmata dal legale rappresentante", "art. 7"),
    ("Ente del Terzo settore con sede o attività nel Comune di Venezia", "art. 3"),
    ("Statuto o atto costitutivo allegato", "art. 7, comma 3"),
    ("Cofinanziamento almeno pari alla quota minima", "art. 5"),
]

IN_VALUTAZIONE = {
    "slug": "comunita-che-si-prendono-cura-2025",
    "titolo": "Comunità che si prendono cura 2025",
    "sintesi": "Contributi per reti di cura di prossimità: doposcuola, orti sociali, portierato di comunità.",
    "budget_totale": Decimal("60000"),
    "giorni": (-70, -25),
    "progetti": [
        (
            "Spazio Bissuola APS",
            "Doposcuola diffuso in Bissuola",
            {"valutatrice": [34, 33, 16], "commissario": [30, 35, 15]},
        ),
        ("Orti di Gazzera APS", "Orti sociali a Gazzera", {"valutatrice": [28, 30, 14], "commissario": None}),
        ("Spazio Bissuola APS", "Portierato di comunità in via Piave", {"valutatrice": [25, 27, 12]}),
    ],
}
CONCLUSO = {
    "slug": "vicini-di-casa-2025",
    "titolo": "Vicini di casa 2025",
    "sintesi": "Il bando per progetti di buon vicinato: la graduatoria è pubblicata.",
    "budget_totale": Decimal("45000"),
    "giorni": (-150, -110),
    "progetti": [
        (
            "Spazio Bissuola APS",
            "Merende condivise in piazza",
            {"valutatrice": [36, 34, 17], "commissario": [35, 36, 18]},
        ),
        ("Orti di Gazzera APS", "Orti che curano", {"valutatrice": [33, 32, 15], "commissario": [31, 33, 14]}),
        ("Spazio Bissuola APS", "Cortili aperti", {"valutatrice": [30, 28, 13], "commissario": [29, 27, 13]}),
        (
            "Orti di Gazzera APS",
            "Biblioteca degli attrezzi",
            {"valutatrice": [27, 26, 12], "commissario": [26, 27, 12]},
        ),
        ("Spazio Bissuola APS", "Cene di pianerottolo", {"valutatrice": [15, 14, 8], "commissario": [16, 15, 7]}),
    ],
}


def _commissario() -> User:
    from allauth.account.models import EmailAddress

    from costellazioni.demo import DEMO_PASSWORD

    email = "commissario@costellazioni.example"
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": "Nicola", "last_name": "Dei Rossi"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=roles.VALUTATORE))
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def _board_member_with_ties(bando, staff) -> None:
    """A board member who is a delegate of an applying ente: the portal sees the conflict, never assigns her that
    application and keeps her from opening or scoring it (staff were warned when they added her)."""
    from allauth.account.models import EmailAddress

    from costellazioni.demo import DEMO_PASSWORD
    from costellazioni.models import Membership
    from costellazioni.services.enti import membership_request, membership_set_state

    email = "consigliera@costellazioni.example"
    user, created = User.objects.get_or_create(email=email, defaults={"first_name": "Elena", "last_name": "Scarpa"})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    user.groups.add(Group.objects.get(name=roles.VALUTATORE))
    EmailAddress.objects.get_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    ente = bando.candidature.submitted().order_by("presentata_il").first().ente
    if not Membership.objects.filter(user=user, ente=ente).exists():
        membership = membership_request(
            user=user,
            ente=ente,
            ruolo=Membership.Ruolo.DELEGATO,
            motivazione="Delegata del consiglio direttivo per i rapporti con il Comune.",
        )
        membership_set_state(membership=membership, to=Membership.Stato.VERIFICATA, actor=staff)
    membro = services.membro_add(bando=bando, utente=user, actor=staff)
    for candidatura in bando.candidature.filter(stato=Candidatura.Stato.IN_VALUTAZIONE):
        if not services.membro_conflicts(membro).filter(pk=candidatura.pk).exists():
            services.assegnazione_create(candidatura=candidatura, membro=membro, actor=staff)


def _bando(spec, staff) -> Bando:
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    start, end = spec["giorni"]
    bando = Bando.objects.create(
        slug=spec["slug"],
        titolo=spec["titolo"],
        linea=Bando.Linea.A,
        sintesi=spec["sintesi"],
        descrizione=spec["sintesi"],
        budget_totale=spec["budget_totale"],
        contributo_minimo=Decimal("5000"),
        contributo_massimo=Decimal("20000"),
        cofinanziamento_percentuale=Decimal("10"),
        apertura=now + timedelta(days=start),
        chiusura=(now + timedelta(days=end)).replace(hour=12),
        runts_obbligatorio=False,
        una_candidatura_per_ente=False,
    )
    for ordine, (codice, titolo, punti) in enumerate(CRITERI):
        CriterioValutazione.objects.create(
            bando=bando, codice=codice, titolo=titolo, punteggio_massimo=punti, ordine=ordine
        )
    AllegatoRichiesto.objects.create(bando=bando, nome="Statuto o atto costitutivo", ordine=1)
    for ordine, (testo, riferimento) in enumerate(CHECKLIST):
        VoceChecklist.objects.create(bando=bando, testo=testo, riferimento=riferimento, ordine=ordine)
    RegoleSelezione.objects.create(
        bando=bando,
        soglia_minima=Decimal("60"),
        criterio_spareggio=bando.criteri.get(codice="A.2"),
        finanziamento_parziale=True,
    )
    services.tranche_plan_set(bando=bando, actor=staff, tranche=PIANO_PREDEFINITO)
    services.bando_publish(bando=bando, actor=staff, now=bando.apertura - timedelta(days=3))
    return Bando.objects.get(pk=bando.pk)


def _evaluate(bando, spec, *, staff, referente, board, finish: bool):
    from contributi.demo import _complete_and_submit, _draft

    submitted = []
    for index, (ente_name, titolo, _schede) in enumerate(spec["progetti"]):
        when = bando.apertura + timedelta(days=3 + index)
        c = _draft(bando, Ente.objects.get(denominazione=ente_name), referente, titolo, now=when)
        submitted.append(_complete_and_submit(c, referente, now=when))
    candidature = []
    for index, (c, (_ente, _titolo, schede)) in enumerate(zip(submitted, spec["progetti"], strict=True)):
        c = services.istruttoria_start(candidatura=c, actor=staff)
        risposte = {v.pk: (True, "Verificato sui documenti presentati.") for v in bando.checklist.all()}
        services.checklist_save(candidatura=c, actor=staff, risposte=risposte)
        c = services.istruttoria_ammissibile(candidatura=c, actor=staff)
        for key, membro in board.items():
            if key in schede:
                services.assegnazione_create(candidatura=c, membro=membro, actor=staff)
        c = services.valutazione_start(candidatura=c, actor=staff)
        for key, points in schede.items():
            membro = board[key]
            if points is None:
                services.conflitto_declare(
                    candidatura=c, actor=membro.utente, conflitto=True, nota="Socio dell'ente proponente."
                )
                continue
            services.conflitto_declare(candidatura=c, actor=membro.utente, conflitto=False)
            criteri = list(bando.criteri.all())
            services.punteggi_save(
                candidatura=c,
                actor=membro.utente,
                punteggi={
                    cr.pk: (Decimal(p), "Coerente con i criteri del bando.")
                    for cr, p in zip(criteri, points, strict=True)
                },
                commento="Progetto valutato secondo i criteri pubblicati.",
                submit=finish or index == 0,
            )
        if finish:
            c = services.valutazione_conclude(candidatura=c, actor=staff)
        candidature.append(c)
    return candidature


def _board(bando, valutatrice, commissario):
    return {
        "valutatrice": MembroCommissione.objects.create(bando=bando, utente=valutatrice, presidente=True),
        "commissario": MembroCommissione.objects.create(bando=bando, utente=commissario),
    }


@transaction.atomic
def seed() -> None:
    staff = User.objects.get(email="staff@costellazioni.example")
    referente = User.objects.get(email="referente@costellazioni.example")
    valutatrice = User.objects.get(email="valutatrice@costellazioni.example")
    commissario = _commissario()

    if not Bando.objects.filter(slug=IN_VALUTAZIONE["slug"]).exists():
        bando = _bando(IN_VALUTAZIONE, staff)
        board = _board(bando, valutatrice, commissario)
        _evaluate(bando, IN_VALUTAZIONE, staff=staff, referente=referente, board=board, finish=False)
        _board_member_with_ties(bando, staff)

    if not Bando.objects.filter(slug=CONCLUSO["slug"]).exists():
        bando = _bando(CONCLUSO, staff)
        board = _board(bando, valutatrice, commissario)
        _evaluate(bando, CONCLUSO, staff=staff, referente=referente, board=board, finish=True)
        computed = timezone.now() - timedelta(days=20)
        graduatoria = services.graduatoria_compute(bando=bando, actor=staff, now=computed)
        for preavviso in Preavviso.objects.filter(candidatura__bando=bando).undecided():
            services.preavviso_decide(
                preavviso=preavviso,
                actor=staff,
                esito=Preavviso.Esito.CONFERMATO,
                considerazioni="",
                now=preavviso.scadenza + timedelta(days=1),
            )
        graduatoria = services.graduatoria_approve(
            graduatoria=graduatoria,
            actor=staff,
            determina_numero="2025/3187",
            determina_data=date.today() - timedelta(days=8),
            now=timezone.now() - timedelta(days=8),
        )
        services.graduatoria_publish(graduatoria=graduatoria, actor=staff, now=timezone.now() - timedelta(days=7))
