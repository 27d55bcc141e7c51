from antenne.models.attivita import Attivita, Seguito
from antenne.models.banca import (
    Categoria,
    MovimentoBancaDelTempo,
    Offerta,
    Richiesta,
    Scambio,
    SocioBancaDelTempo,
)
from antenne.models.portierato import RichiestaPortierato
from antenne.models.territorio import Antenna, Consenso, OperatoreDiComunita, Servizio

__all__ = [
    "Antenna",
    "Attivita",
    "Categoria",
    "Consenso",
    "MovimentoBancaDelTempo",
    "Offerta",
    "OperatoreDiComunita",
    "Richiesta",
    "RichiestaPortierato",
    "Scambio",
    "Seguito",
    "Servizio",
    "SocioBancaDelTempo",
]
