"""Models of Macro-Azione 2: co-programming processes, resources, strategic lines and MOUs."""

from coprogrammazione.models.incontri import ContributoRiunione
from coprogrammazione.models.percorsi import DocumentoPercorso, ManifestazioneInteresse, Percorso
from coprogrammazione.models.protocolli import Impegno, ParteProtocollo, Promemoria, ProtocolloIntesa
from coprogrammazione.models.risorse import CondivisioneRisorsa, DocumentoIstruttorio, LineaStrategica, Risorsa

__all__ = [
    "CondivisioneRisorsa",
    "ContributoRiunione",
    "DocumentoIstruttorio",
    "DocumentoPercorso",
    "Impegno",
    "LineaStrategica",
    "ManifestazioneInteresse",
    "ParteProtocollo",
    "Percorso",
    "Promemoria",
    "ProtocolloIntesa",
    "Risorsa",
]
