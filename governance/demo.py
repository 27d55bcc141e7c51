"""Demo governance: the four bodies with members, past meetings with minutes and decisions, upcoming ones,
open action items, two contractor reports, a site visit, the contact log, a partnership and a document.

Idempotent: everything is created in one transaction the first time; a second run changes nothing.
"""

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from costellazioni.models import Ente, Membership, User
from costellazioni.services.enti import membership_set_state
from governance.models import Appalto, MacroAzione, MembroOrgano, Organo, Partecipazione, Partenariato
from governance.services import appalto, azioni, rete, riunioni, verbali
from hubs.models import Hub

EXTRA_PEOPLE = [
    # email, first, last, ente they represent
    ("f.rizzo@auserlido.example.it", "Francesca", "Rizzo", "Auser Lido e Pellestrina ODV"),
    ("g.busetto@barena.example.it", "Giorgio", "Busetto", "Cooperativa Sociale Barena"),
    ("m.ballarin@cavendramin.example.it", "Marta", "Ballarin", "Associazione Ca' Vendramin per la Comunità"),
]

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (0, 102, 204)).save(buffer, format="PNG")
    return buffer.getvalue()


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


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


def _held(riunione, staff, presenze: dict) -> None:
    """Mark attendance by user e-mail (present, absent, or the e-mail of the delegate) and hold the meeting."""
    righe = {p.user.email: p for p in riunione.partecipazioni.select_related("user")}
    registro = {}
    for email, presenza in presenze.items():
        if presenza in (Partecipazione.Presenza.PRESENTE, Partecipazione.Presenza.ASSENTE):
            registro[righe[email].pk] = (presenza, None)
        else:
            registro[righe[email].pk] = (Partecipazione.Presenza.DELEGATO, righe[presenza].pk)
    riunioni.presenze_register(riunione=riunione, actor=staff, presenze=registro)
    riunioni.riunione_held(riunione=riunione, actor=staff)


@transaction.atomic
def seed() -> None:
    if Organo.objects.filter(slug="assemblea-del-partenariato").exists():
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
    hub = Hub.objects.filter(slug="hub-bissuola").first()
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

    # Operational level: a staff briefing, two contractor reports, a site visit, documents.
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
