"""Demo field log: a month of activities for each demo operator, keyed by a UUID derived from a fixed label."""

import uuid
from datetime import datetime, time, timedelta

from django.utils import timezone

from antenne import services
from antenne.models import Attivita
from costellazioni.models import Quartiere
from ricerca.models import CategoriaBisogno

NAMESPACE = uuid.UUID("6f1f3c1e-5b7a-4a53-9d0e-0c5a1e2b7a11")

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


def diario_seed(operatori, antenne) -> None:
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
