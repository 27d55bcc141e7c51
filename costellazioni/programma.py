"""The programme's five macro-actions, as the home page presents them."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MacroAzione:
    numero: int
    titolo: Promise
    sintesi: Promise
    url: str


MACRO_AZIONI = [
    MacroAzione(
        1,
        _("Ricerca-azione"),
        _(
            "Stakeholder engagement e teoria del cambiamento: conoscere l'ecosistema del welfare generativo "
            "e i bisogni inespressi della comunità."
        ),
        "/ricerca-azione/",
    ),
    MacroAzione(
        2,
        _("Co-programmazione"),
        _(
            "Linee strategiche di intervento condivise con gli attori del territorio, "
            "fino alla firma di protocolli d'intesa."
        ),
        "/coprogrammazione/",
    ),
    MacroAzione(
        3,
        _("Attivazione e messa in rete di HUB"),
        _("HUB aperti alla comunità e agli enti del Terzo settore, operatori di comunità e antenne di quartiere."),
        "/hub/",
    ),
    MacroAzione(
        4,
        _("Erogazione di contributi alle organizzazioni sociali"),
        _("Contributi per avviare progetti innovativi e sostenibili e per creare nuove imprese sociali."),
        "/bandi/",
    ),
    MacroAzione(
        5,
        _("Monitoraggio e valutazione"),
        _("Misurare l'impatto sociale del progetto e la qualità dei progetti finanziati, con report periodici."),
        "/monitoraggio/",
    ),
]


# The programme's period (PN Metro Plus 2021-2027): facts dated before its start belong to no action of it.
INIZIO_PROGRAMMA = date(2021, 1, 1)
# A phone's clock may run a little ahead of the server's: within this margin "now" is still now.
TOLLERANZA_OROLOGIO = timedelta(minutes=5)
