"""Demo data for co-programming: a process at the tables with participants and resources, one with the
notice window open, and two MOUs (one signed and active, one awaiting signatures). Idempotent."""

import datetime
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from coprogrammazione import services
from coprogrammazione.models import (
    DocumentoIstruttorio,
    Impegno,
    LineaStrategica,
    ManifestazioneInteresse,
    ParteProtocollo,
    Percorso,
    ProtocolloIntesa,
)
from coprogrammazione.riunioni import contributo_record, incontro_convene
from costellazioni.models import Ente, Quartiere, User
from governance.models import Organo, Partecipazione, Riunione
from governance.services import riunioni as governance_riunioni
from governance.services import verbali
from ricerca.models import ElementoToc, TeoriaCambiamento

COMUNE = "Comune di Venezia"
UFFICIO = "Direzione Coesione sociale, Servizio Sviluppo di comunità"


def _ente(nome):
    return Ente.objects.get(denominazione=nome)


def _quartiere(nome):
    return Quartiere.objects.filter(nome=nome).first()


def _manifestazione(percorso, ente, referente, staff, *, motivazione, competenze, risorse, contatto):
    manifestazione = ManifestazioneInteresse.objects.create(
        percorso=percorso,
        ente=ente,
        presentata_da=referente,
        motivazione=motivazione,
        competenze=competenze,
        risorse_offerte=risorse,
        contatto_nome=contatto,
        contatto_email="segreteria@" + ente.denominazione.split()[0].lower() + ".example",
        presentata_il=percorso.manifestazioni_dal + datetime.timedelta(days=3),
    )
    services.manifestazione_admit(manifestazione=manifestazione, actor=staff)
    return manifestazione


def _percorso_tavoli(staff, referente):
    today = timezone.localdate()
    now = timezone.now()
    percorso, created = Percorso.objects.get_or_create(
        slug="solitudine-anziani-terraferma",
        defaults={
            "titolo": "Contrastare la solitudine delle persone anziane in terraferma",
            "tema": "Reti di prossimità per le persone anziane sole",
            "descrizione": (
                "Un percorso di co-programmazione con gli enti del Terzo settore di Mestre, Carpenedo e Marghera "
                "per definire linee di intervento condivise contro l'isolamento sociale delle persone anziane: "
                "visite a domicilio, accompagnamenti, luoghi d'incontro nei quartieri."
            ),
            "ufficio_responsabile": UFFICIO,
            "fase": Percorso.Fase.MANIFESTAZIONI,
            "avviso_pubblicato_il": today - datetime.timedelta(days=60),
            "manifestazioni_dal": now - datetime.timedelta(days=58),
            "manifestazioni_al": now - datetime.timedelta(days=28),
            "pubblicato": True,
        },
    )
    if not created:
        return percorso
    bissuola = _ente("Spazio Bissuola APS")
    banco = _ente("Banco Alimentare Terraferma ODV")
    auser = _ente("Auser Lido e Pellestrina ODV")
    _manifestazione(
        percorso,
        bissuola,
        referente,
        staff,
        motivazione="Gestiamo un centro d'incontro al parco Bissuola frequentato ogni giorno da persone anziane.",
        competenze="Animazione di comunità, laboratori intergenerazionali.",
        risorse="La sala del parco due pomeriggi a settimana; 12 volontari.",
        contatto="Marta Zanon",
    )
    for ente, contatto in [(banco, "Giorgio Vianello"), (auser, "Luisa Scarpa")]:
        manifestazione = ManifestazioneInteresse.objects.create(
            percorso=percorso,
            ente=ente,
            presentata_da=staff,
            motivazione="Seguiamo persone anziane sole con consegne e accompagnamenti.",
            competenze="Logistica, trasporto solidale, ascolto telefonico.",
            risorse_offerte="Un furgone attrezzato, volontari autisti.",
            contatto_nome=contatto,
            contatto_email="info@" + ente.denominazione.split()[0].lower() + ".example",
            presentata_il=percorso.manifestazioni_dal + datetime.timedelta(days=5),
        )
        admin = User.objects.get(email="admin@costellazioni.example")
        services.manifestazione_admit(manifestazione=manifestazione, actor=admin)
    services.percorso_advance(percorso=percorso, to=Percorso.Fase.TAVOLI, actor=staff)
    for ente, tipo, descrizione, quantita, unita, disponibilita, quartiere in [
        (
            bissuola,
            "spazi",
            "Sala del parco Bissuola per incontri e merende",
            "80",
            "mq",
            "martedì e giovedì 15-18",
            "Bissuola",
        ),
        (bissuola, "volontari", "Volontari per visite a domicilio", "12", "persone", "tutto l'anno", "Bissuola"),
        (
            banco,
            "attrezzature",
            "Furgone refrigerato per consegne a domicilio",
            "1",
            "mezzo",
            "lunedì-venerdì",
            "Mestre centro",
        ),
        (auser, "competenze", "Ascolto telefonico con operatori formati", "40", "ore al mese", "da gennaio", None),
    ]:
        services.risorsa_declare(
            percorso=percorso,
            ente=ente,
            actor=staff,
            tipo=tipo,
            descrizione=descrizione,
            quantita=Decimal(quantita),
            unita=unita,
            disponibilita=disponibilita,
            quartiere=_quartiere(quartiere) if quartiere else None,
        )
    risorsa = percorso.risorse.get(tipo="attrezzature")
    services.condivisione_record(
        risorsa=risorsa,
        beneficiario=bissuola,
        data=today - datetime.timedelta(days=6),
        quantita=Decimal("1"),
        actor=staff,
        note="Consegna dei pacchi per la merenda solidale.",
    )
    documento = DocumentoIstruttorio.objects.create(
        percorso=percorso, versione=1, premessa="Bozza discussa al secondo tavolo."
    )
    for ordine, (titolo, descrizione) in enumerate(
        [
            ("Una rete di visite a domicilio", "Volontari formati visitano le persone anziane sole segnalate."),
            ("Luoghi d'incontro di quartiere", "Sale e spazi verdi aperti con attività settimanali."),
        ],
        start=1,
    ):
        LineaStrategica.objects.create(documento=documento, ordine=ordine, titolo=titolo, descrizione=descrizione)
    return percorso


# The demo strategic lines and the theory-of-change elements (ricerca's demo) they serve, by title.
LINEE_TOC = {
    "Una rete di visite a domicilio": [
        "Isolamento sociale di anziani e famiglie fragili",
        "Persone agganciate dagli operatori di comunità",
        "Più relazioni di aiuto tra vicini",
    ],
    "Luoghi d'incontro di quartiere": [
        "HUB e antenne di quartiere",
        "Reti stabili tra ETS e Comune",
        "Partecipazione attiva dei cittadini",
    ],
}


def _linee_teoria(percorso):
    """Link the demo lines to the current theory of change; lines already linked (by staff) stay as they are."""
    teoria = TeoriaCambiamento.objects.corrente()
    if teoria is None:
        return
    for linea in LineaStrategica.objects.filter(documento__percorso=percorso, titolo__in=LINEE_TOC):
        if not linea.elementi_toc.exists():
            linea.elementi_toc.set(ElementoToc.objects.filter(teoria=teoria, titolo__in=LINEE_TOC[linea.titolo]))


def _at(days: int, hour: int) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, 0)))


def _held(riunione, staff):
    presenze = {p.pk: (Partecipazione.Presenza.PRESENTE, None) for p in riunione.partecipazioni.all()}
    governance_riunioni.presenze_register(riunione=riunione, actor=staff, presenze=presenze)
    governance_riunioni.riunione_held(riunione=riunione, actor=staff)


def _incontri(percorso, staff):
    """Two tables already held with their minutes and the participants' contributions, and one to come."""
    tavolo = Organo.objects.filter(slug="tavolo-solitudine-e-vicinato").first()
    if tavolo is None or Riunione.objects.of_context(percorso).exists():
        return
    percorso.tavolo = tavolo
    percorso.save(update_fields=["tavolo"])
    bissuola = _ente("Spazio Bissuola APS")
    banco = _ente("Banco Alimentare Terraferma ODV")
    auser = _ente("Auser Lido e Pellestrina ODV")
    luogo = "Centro civico Bissuola, Via Bissuola 32, Mestre"
    primo = incontro_convene(
        percorso=percorso,
        titolo="Primo tavolo: bisogni e risorse",
        inizio=_at(-20, 17),
        fine=_at(-20, 19),
        actor=staff,
        luogo=luogo,
        punti=["Presentazione dei partecipanti", "Mappa delle risorse disponibili"],
        now=_at(-35, 9),
    )
    _held(primo, staff)
    punti = list(primo.punti.order_by("ordine"))
    verbali.verbale_write(
        riunione=primo,
        actor=staff,
        premessa="Il tavolo si riunisce al centro civico Bissuola.",
        testi={
            punti[0].pk: "Ogni ente presenta le proprie attività con le persone anziane sole.",
            punti[1].pk: "Si raccolgono spazi, volontari e mezzi che gli enti mettono in comune.",
        },
    )
    secondo = incontro_convene(
        percorso=percorso,
        titolo="Secondo tavolo: verso le linee strategiche",
        inizio=_at(-6, 17),
        fine=_at(-6, 19),
        actor=staff,
        luogo=luogo,
        punti=["Approvazione del verbale del primo tavolo", "Bozza delle linee strategiche"],
        now=_at(-20, 20),
    )
    _held(secondo, staff)
    verbali.verbale_approve(
        verbale=primo.verbali.get(), in_riunione=secondo, favorevoli=3, contrari=0, astenuti=0, actor=staff
    )
    punti = list(secondo.punti.order_by("ordine"))
    verbali.verbale_write(
        riunione=secondo,
        actor=staff,
        testi={punti[1].pk: "Si discute la bozza: visite a domicilio e luoghi d'incontro di quartiere."},
    )
    for riunione, ente, testo in [
        (primo, bissuola, "Offre la sala del parco due pomeriggi a settimana e dodici volontari."),
        (primo, banco, "Mette a disposizione il furgone refrigerato per le consegne a domicilio."),
        (primo, auser, "Propone un servizio di ascolto telefonico con operatori formati."),
        (secondo, bissuola, "Propone la merenda solidale settimanale come primo luogo d'incontro."),
    ]:
        contributo_record(riunione=riunione, ente=ente, testo=testo, actor=staff)
    incontro_convene(
        percorso=percorso,
        titolo="Terzo tavolo: il documento istruttorio finale",
        inizio=_at(12, 17),
        fine=_at(12, 19),
        actor=staff,
        luogo=luogo,
        punti=["Lettura della bozza del documento finale"],
    )


def _percorso_aperto():
    now = timezone.now()
    Percorso.objects.get_or_create(
        slug="orti-e-verde-condiviso",
        defaults={
            "titolo": "Orti e verde condiviso nelle periferie",
            "tema": "Cura condivisa del verde urbano",
            "descrizione": (
                "Il Comune invita gli enti a co-programmare la cura di orti urbani e aree verdi a Gazzera, "
                "Chirignago e Zelarino, come luoghi di incontro tra generazioni."
            ),
            "ufficio_responsabile": UFFICIO,
            "fase": Percorso.Fase.MANIFESTAZIONI,
            "avviso_pubblicato_il": timezone.localdate() - datetime.timedelta(days=5),
            "manifestazioni_dal": now - datetime.timedelta(days=4),
            "manifestazioni_al": now + datetime.timedelta(days=26),
            "pubblicato": True,
        },
    )


def _protocollo(percorso, *, oggetto, testo, inizio, fine, parti, impegni):
    protocollo = ProtocolloIntesa.objects.create(
        percorso=percorso, oggetto=oggetto, testo=testo, data_inizio=inizio, data_fine=fine
    )
    created = {}
    for ordine, (ente, firmatario, ruolo) in enumerate(parti, start=1):
        created[ente] = ParteProtocollo.objects.create(
            protocollo=protocollo,
            ente=ente,
            denominazione=ente.denominazione if ente else COMUNE,
            firmatario=firmatario,
            ruolo_firmatario=ruolo,
            ordine=ordine,
        )
    for ente, testo_impegno, scadenza in impegni:
        Impegno.objects.create(protocollo=protocollo, parte=created[ente], testo=testo_impegno, scadenza=scadenza)
    return protocollo


def _sign_all(protocollo, staff, giorno):
    protocollo.refresh_from_db()
    data = protocollo.documento.open("rb").read()
    protocollo.documento.close()
    for parte in protocollo.parti.all():
        upload = SimpleUploadedFile("firmato.pdf", data, content_type="application/pdf")
        services.parte_sign(parte=parte, file=upload, actor=staff, firmato_il=giorno)


@transaction.atomic
def seed() -> None:
    staff = User.objects.get(email="staff@costellazioni.example")
    referente = User.objects.get(email="referente@costellazioni.example")
    percorso = _percorso_tavoli(staff, referente)
    _linee_teoria(percorso)
    _incontri(percorso, staff)
    _percorso_aperto()
    if ProtocolloIntesa.objects.exists():
        return
    today = timezone.localdate()
    bissuola = _ente("Spazio Bissuola APS")
    banco = _ente("Banco Alimentare Terraferma ODV")
    gazzera = _ente("Orti di Gazzera APS")
    firmato = _protocollo(
        percorso,
        oggetto="Protocollo d'intesa per la merenda solidale al parco Bissuola",
        testo=(
            "Art. 1 — Oggetto. Le parti collaborano per offrire ogni settimana un pomeriggio d'incontro alle "
            "persone anziane sole del quartiere Bissuola.\n\nArt. 2 — Durata. Il protocollo vale un anno.\n\n"
            "Art. 3 — Oneri. Il protocollo non comporta trasferimenti di denaro tra le parti."
        ),
        inizio=today - datetime.timedelta(days=90),
        fine=today + datetime.timedelta(days=275),
        parti=[
            (None, "Simone Venturini", "Assessore alla Coesione sociale"),
            (bissuola, "Marta Zanon", "Presidente"),
            (banco, "Giorgio Vianello", "Legale rappresentante"),
        ],
        impegni=[
            (
                None,
                "Mettere a disposizione la sala del parco e la comunicazione alle famiglie",
                today + datetime.timedelta(days=20),
            ),
            (bissuola, "Organizzare 40 pomeriggi d'incontro nell'anno", today + datetime.timedelta(days=270)),
            (banco, "Fornire le merende ogni settimana", today + datetime.timedelta(days=5)),
        ],
    )
    services.protocollo_send_for_signature(protocollo=firmato, actor=staff)
    _sign_all(firmato, staff, today - datetime.timedelta(days=95))
    services.protocolli_follow_dates(today=today)
    impegno = firmato.impegni.get(parte__ente=bissuola)
    services.impegno_transition(impegno=impegno, to=Impegno.Stato.IN_CORSO, actor=staff)
    in_firma = _protocollo(
        None,
        oggetto="Protocollo d'intesa per gli orti condivisi di Gazzera",
        testo=(
            "Art. 1 — Oggetto. Le parti curano insieme gli orti di via Gazzera Alta come luogo d'incontro tra "
            "generazioni.\n\nArt. 2 — Durata. Il protocollo vale due anni dalla firma."
        ),
        inizio=today + datetime.timedelta(days=15),
        fine=today + datetime.timedelta(days=745),
        parti=[
            (None, "Simone Venturini", "Assessore alla Coesione sociale"),
            (gazzera, "Paolo Busetto", "Presidente"),
        ],
        impegni=[
            (gazzera, "Aprire gli orti alle scuole due mattine al mese", today + datetime.timedelta(days=200)),
            (None, "Garantire l'acqua e la manutenzione della recinzione", today + datetime.timedelta(days=60)),
        ],
    )
    services.protocollo_send_for_signature(protocollo=in_firma, actor=staff)
    in_firma.refresh_from_db()
    data = in_firma.documento.open("rb").read()
    in_firma.documento.close()
    comune = in_firma.parti.get(ente__isnull=True)
    services.parte_sign(
        parte=comune, file=SimpleUploadedFile("firmato.pdf", data, content_type="application/pdf"), actor=staff
    )
