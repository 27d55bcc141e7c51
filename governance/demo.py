"""Demo governance: the four bodies with members, past meetings with minutes and decisions, upcoming ones,
open action items, two contractor reports, a site visit, the contact log, a partnership and a document.

Idempotent: everything is created in one transaction the first time; a second run changes nothing.
"""

import datetime

from django.db import transaction
from django.utils import timezone

from costellazioni.models import Ente, Membership, User
from costellazioni.services.enti import membership_set_state
from governance.demo_helpers import at as _at
from governance.demo_helpers import held as _held
from governance.demo_operativo import seed_operativo
from governance.demo_seguiti import seed_seguiti
from governance.models import MembroOrgano, Organo, Riunione
from governance.services import azioni, riunioni, verbali

EXTRA_PEOPLE = [
    # email, first, last, ente they represent
    ("f.rizzo@auserlido.example.it", "Francesca", "Rizzo", "Auser Lido e Pellestrina ODV"),
    ("g.busetto@barena.example.it", "Giorgio", "Busetto", "Cooperativa Sociale Barena"),
    ("m.ballarin@cavendramin.example.it", "Marta", "Ballarin", "Associazione Ca' Vendramin per la Comunità"),
]


def _people(staff) -> dict[str, User]:
    people = {}
    for email, first, last, nome_ente in EXTRA_PEOPLE:
        user, created = User.objects.get_or_create(email=email, defaults={"first_name": first, "last_name": last})
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        ente = Ente.objects.get(denominazione=nome_ente)
        membership, created = Membership.objects.get_or_create(
            user=user, ente=ente, defaults={"ruolo": Membership.Ruolo.REFERENTE, "motivazione": "Referente di rete"}
        )
        if created:
            membership_set_state(membership=membership, to=Membership.Stato.VERIFICATA, actor=staff)
        people[email] = user
    return people


def _organo(slug, **fields) -> Organo:
    return Organo.objects.create(slug=slug, **fields)


def _membri(organo, righe, *, dal) -> None:
    for user, ente, ruolo in righe:
        MembroOrgano.objects.create(
            organo=organo, user=user, ente=ente, ruolo=ruolo, dal=dal, consenso_pubblicazione=ente is None
        )


@transaction.atomic
def seed() -> None:
    if Organo.objects.filter(slug="assemblea-del-partenariato").exists():
        seed_seguiti()
        return
    staff = User.objects.get(email="staff@costellazioni.example")
    organo_user = User.objects.get(email="organo@costellazioni.example")
    referente = User.objects.get(email="referente@costellazioni.example")
    operatrice = User.objects.get(email="operatrice@costellazioni.example")
    extra = _people(staff)
    rizzo, busetto, ballarin = (extra[e[0]] for e in EXTRA_PEOPLE)
    enti = {e.denominazione: e for e in Ente.objects.all()}
    bissuola, fondazione, barena = (
        enti["Spazio Bissuola APS"],
        enti["Fondazione Laguna Bene Comune"],
        enti["Cooperativa Sociale Barena"],
    )
    hub = Riunione._meta.get_field("hub").related_model.objects.filter(slug="hub-bissuola").first()
    inizio_mandato = timezone.localdate() - datetime.timedelta(days=200)
    P, M, S = MembroOrgano.Ruolo.PRESIDENTE, MembroOrgano.Ruolo.MEMBRO, MembroOrgano.Ruolo.SEGRETARIO

    assemblea = _organo(
        "assemblea-del-partenariato",
        nome="Assemblea del partenariato",
        tipo=Organo.Tipo.ASSEMBLEA,
        descrizione=(
            "Riunisce il Comune e gli enti del partenariato rilevante: indica le priorità del programma, "
            "condivide le risorse e promuove i partenariati per i progetti strategici."
        ),
        giorni_preavviso=10,
        quorum=Organo.Quorum.MAGGIORANZA,
        ordine=1,
    )
    _membri(
        assemblea,
        [
            (staff, None, P),
            (organo_user, fondazione, S),
            (referente, bissuola, M),
            (rizzo, enti["Auser Lido e Pellestrina ODV"], M),
            (busetto, barena, M),
            (ballarin, enti["Associazione Ca' Vendramin per la Comunità"], M),
        ],
        dal=inizio_mandato,
    )
    tavolo = _organo(
        "tavolo-solitudine-e-vicinato",
        nome="Tavolo di lavoro «Solitudine e legami di vicinato»",
        tipo=Organo.Tipo.TAVOLO,
        tema="Ridurre l'isolamento sociale degli anziani nelle isole e in terraferma",
        descrizione="Tavolo tematico aperto agli enti che lavorano con persone sole e alle antenne di quartiere.",
        giorni_preavviso=5,
        quorum=Organo.Quorum.NESSUNO,
        ordine=2,
    )
    _membri(
        tavolo,
        [(ballarin, enti["Associazione Ca' Vendramin per la Comunità"], P), (rizzo, None, M), (operatrice, None, M)],
        dal=inizio_mandato,
    )
    comitato = _organo(
        "comitato-di-gestione",
        nome="Comitato di gestione",
        tipo=Organo.Tipo.COMITATO,
        descrizione="Traduce gli orientamenti dell'assemblea in attività e risultati attesi condivisi.",
        giorni_preavviso=7,
        quorum=Organo.Quorum.MAGGIORANZA,
        ordine=3,
    )
    _membri(
        comitato,
        [(staff, None, P), (organo_user, fondazione, S), (busetto, barena, M), (referente, bissuola, M)],
        dal=inizio_mandato,
    )
    staff_progetto = _organo(
        "staff-di-progetto",
        nome="Staff di progetto",
        tipo=Organo.Tipo.STAFF,
        visibilita="privata",
        descrizione="Monitora l'appalto: relazioni del soggetto appaltatore, briefing, documenti e sopralluoghi.",
        giorni_preavviso=3,
        quorum=Organo.Quorum.NESSUNO,
        ordine=4,
    )
    _membri(staff_progetto, [(staff, None, P), (operatrice, None, M)], dal=inizio_mandato)

    # Strategic level: an assembly meeting two months ago gives an orientation.
    a1_inizio = _at(-60, 17, 30)
    a1 = riunioni.riunione_create(
        organo=assemblea,
        titolo="Assemblea di primavera: priorità per il 2027",
        inizio=a1_inizio,
        fine=a1_inizio + datetime.timedelta(hours=2),
        hub=hub,
        luogo="" if hub else "Centro civico di Mestre, Via Sernaglia 43",
        actor=staff,
        punti=["Esiti della ricerca-azione sui bisogni", "Priorità per il 2027", "Varie ed eventuali"],
        now=a1_inizio - datetime.timedelta(days=30),
    )
    _held(
        a1,
        staff,
        {
            staff.email: "presente",
            organo_user.email: "presente",
            referente.email: "presente",
            rizzo.email: "presente",
            busetto.email: organo_user.email,
            ballarin.email: "assente",
        },
    )
    punti_a1 = list(a1.punti.order_by("ordine"))
    verbali.verbale_write(
        riunione=a1,
        actor=staff,
        premessa="La presidente apre la seduta alle 17.40 constatato il numero legale.",
        testi={
            punti_a1[0].pk: "Il gruppo di ricerca presenta i bisogni raccolti: solitudine degli anziani al Lido e a "
            "Pellestrina, difficoltà digitali nell'accesso ai servizi in terraferma.",
            punti_a1[1].pk: "Gli enti discutono le priorità; Auser Lido propone di partire dalle isole.",
        },
    )
    orientamento = verbali.decisione_record(
        punto=punti_a1[1],
        actor=staff,
        tipo="orientamento",
        testo="Nel 2027 il programma dà priorità al contrasto della solitudine degli anziani nelle isole.",
        favorevoli=4,
        contrari=0,
        astenuti=1,
    )
    verbali.decisione_record(
        punto=punti_a1[0],
        actor=staff,
        tipo="operativa",
        testo="Pubblicare la sintesi della ricerca-azione sul portale entro l'estate.",
    )

    # Coordination level: the committee turns the orientation into an activity, actions and a result.
    c1_inizio = _at(-35, 10)
    c1 = riunioni.riunione_create(
        organo=comitato,
        titolo="Comitato di gestione: piano delle attività nelle isole",
        inizio=c1_inizio,
        fine=c1_inizio + datetime.timedelta(hours=2),
        luogo="Ca' Farsetti, San Marco 4136, sala Giunta",
        link_online="https://meet.comune.venezia.example/comitato",
        actor=staff,
        punti=["Piano delle attività nelle isole", "Budget delle antenne"],
        now=c1_inizio - datetime.timedelta(days=30),
    )
    _held(
        c1,
        staff,
        {staff.email: "presente", organo_user.email: "presente", busetto.email: "presente", referente.email: "assente"},
    )
    punti_c1 = list(c1.punti.order_by("ordine"))
    verbali.verbale_write(
        riunione=c1,
        actor=staff,
        testi={punti_c1[0].pk: "Il comitato definisce le attività al Lido e a Pellestrina con Auser e le antenne."},
    )
    attivita = verbali.decisione_record(
        punto=punti_c1[0],
        actor=staff,
        tipo="attivita",
        testo="Aprire due punti di ascolto settimanali per anziani soli al Lido e a Pellestrina.",
        favorevoli=3,
        contrari=0,
        astenuti=0,
        orientamento=orientamento,
    )
    azioni.azione_create(
        decisione=attivita,
        actor=staff,
        descrizione="Individuare le sedi dei punti di ascolto con la Municipalità Lido-Pellestrina",
        scadenza=timezone.localdate() - datetime.timedelta(days=5),
        responsabile=staff,
    )
    in_corso = azioni.azione_create(
        decisione=attivita,
        actor=staff,
        descrizione="Formare i volontari Auser all'ascolto attivo",
        scadenza=timezone.localdate() + datetime.timedelta(days=30),
        ente=enti["Auser Lido e Pellestrina ODV"],
    )
    azioni.azione_update(azione=in_corso, actor=staff, nota="Primo incontro di formazione svolto.", to="in_corso")
    azioni.risultato_create(
        decisione=attivita,
        actor=staff,
        descrizione="Anziani soli raggiunti dai punti di ascolto",
        indicatore="Persone over 75 che hanno avuto almeno un colloquio",
        target="120 persone",
        scadenza=timezone.localdate() + datetime.timedelta(days=300),
    )
    verbali.decisione_record(
        punto=punti_c1[1],
        actor=staff,
        testo="Riservare alle antenne delle isole il 30% del budget per le piccole attività.",
        favorevoli=2,
        contrari=1,
        astenuti=0,
    )

    # Three weeks ago the assembly met again and approved the spring minutes by vote.
    a2_inizio = _at(-21, 17, 30)
    a2 = riunioni.riunione_create(
        organo=assemblea,
        titolo="Assemblea: approvazione del verbale e avvio dei partenariati",
        inizio=a2_inizio,
        fine=a2_inizio + datetime.timedelta(hours=2),
        luogo="Centro civico di Mestre, Via Sernaglia 43",
        actor=staff,
        punti=["Approvazione del verbale della seduta precedente", "Partenariato per le isole"],
        now=a2_inizio - datetime.timedelta(days=30),
    )
    _held(
        a2,
        staff,
        {
            staff.email: "presente",
            organo_user.email: "presente",
            referente.email: "presente",
            rizzo.email: "presente",
            busetto.email: "presente",
            ballarin.email: rizzo.email,
        },
    )
    verbali.verbale_approve(verbale=a1.verbali.get(), in_riunione=a2, favorevoli=5, contrari=0, astenuti=1, actor=staff)

    # Coming up: a public assembly open to registrations, a working table and a private committee meeting.
    a3_inizio = _at(20, 17, 30)
    riunioni.riunione_create(
        organo=assemblea,
        titolo="Assemblea d'autunno: bilancio del primo anno",
        descrizione="L'assemblea è aperta: cittadini ed enti possono iscriversi e intervenire.",
        inizio=a3_inizio,
        fine=a3_inizio + datetime.timedelta(hours=2),
        hub=hub,
        luogo="" if hub else "Centro civico di Mestre, Via Sernaglia 43",
        iscrizioni_aperte=True,
        posti=60,
        actor=staff,
        punti=["Relazione sul primo anno", "Stato delle azioni", "Proposte per il 2027"],
    )
    t1_inizio = _at(8, 18)
    riunioni.riunione_create(
        organo=tavolo,
        titolo="Tavolo «Solitudine e vicinato»: mappa delle persone sole",
        inizio=t1_inizio,
        fine=t1_inizio + datetime.timedelta(hours=1, minutes=30),
        luogo="Sede Auser, Via Sandro Gallo 136, Lido",
        link_online="https://meet.comune.venezia.example/tavolo-solitudine",
        iscrizioni_aperte=True,
        actor=ballarin,
        punti=["Mappa delle persone sole segnalate dalle antenne", "Calendario delle visite"],
    )
    c2_inizio = _at(9, 10)
    riunioni.riunione_create(
        organo=comitato,
        titolo="Comitato di gestione: verifica delle azioni",
        inizio=c2_inizio,
        fine=c2_inizio + datetime.timedelta(hours=2),
        luogo="Ca' Farsetti, San Marco 4136, sala Giunta",
        visibilita="privata",
        actor=staff,
        punti=["Approvazione del verbale della seduta precedente", "Verifica delle azioni aperte"],
    )

    seed_operativo(
        p={"staff": staff, "operatrice": operatrice, "organo": organo_user, "busetto": busetto},
        o={"staff": staff_progetto, "comitato": comitato, "assemblea": assemblea},
        enti=enti,
        hub=hub,
    )
    seed_seguiti()
