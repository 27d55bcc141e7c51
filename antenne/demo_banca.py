"""Demo time bank (members, posts, exchanges confirmed, agreed and waiting, one membership request left for the
coordinator) and portierato requests."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from antenne import services
from antenne.models import Offerta, Richiesta, RichiestaPortierato, Scambio, SocioBancaDelTempo
from costellazioni.models import User

DEMO_SOCI = [
    "socio1@costellazioni.example",
    "socio2@costellazioni.example",
    "socio3@costellazioni.example",
]


def banca_seed(staff: User) -> None:
    emails = ["cittadina@costellazioni.example", *DEMO_SOCI]
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


def portierato_seed(antenne) -> None:
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
