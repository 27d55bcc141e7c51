from governance.models.appalto import (
    AllegatoRapporto,
    Appalto,
    AttivitaRapporto,
    CommentoRapporto,
    FotoSopralluogo,
    MacroAzione,
    RapportoAppaltatore,
    Sopralluogo,
)
from governance.models.azioni import AggiornamentoAzione, Azione, RisultatoAtteso
from governance.models.documenti import DocumentoOrgano, VersioneDocumento
from governance.models.organi import MembroOrgano, Organo, Visibilita
from governance.models.rete import ContattoRete, Partenariato
from governance.models.riunioni import Partecipazione, PuntoOrdineGiorno, Riunione
from governance.models.seguiti import DocumentoPartenariato, SeguitoSopralluogo
from governance.models.verbali import Decisione, Verbale, VerbalePunto

__all__ = [
    "AggiornamentoAzione",
    "AllegatoRapporto",
    "Appalto",
    "AttivitaRapporto",
    "Azione",
    "CommentoRapporto",
    "ContattoRete",
    "Decisione",
    "DocumentoOrgano",
    "DocumentoPartenariato",
    "FotoSopralluogo",
    "MacroAzione",
    "MembroOrgano",
    "Organo",
    "Partecipazione",
    "Partenariato",
    "PuntoOrdineGiorno",
    "RapportoAppaltatore",
    "Riunione",
    "RisultatoAtteso",
    "SeguitoSopralluogo",
    "Sopralluogo",
    "Verbale",
    "VerbalePunto",
    "VersioneDocumento",
    "Visibilita",
]
