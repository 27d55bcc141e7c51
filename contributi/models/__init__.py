from contributi.models.bandi import (
    FROZEN_FIELDS,
    AllegatoRichiesto,
    Bando,
    CriterioValutazione,
    DocumentoBando,
    FaqBando,
    Rettifica,
)
from contributi.models.candidature import Allegato, Candidatura, Partner, VoceBudget
from contributi.models.commissione import (
    Assegnazione,
    DichiarazioneConflitto,
    MembroCommissione,
    Punteggio,
    Valutazione,
)
from contributi.models.erogazioni import Concessione, Pagamento, PianoTranche, Riduzione, TrancheBando
from contributi.models.graduatoria import Graduatoria, PosizioneGraduatoria, RegoleSelezione
from contributi.models.istruttoria import (
    PREAVVISO_GIORNI,
    DocumentoIntegrazione,
    Preavviso,
    RichiestaIntegrazioni,
    VerificaChecklist,
    VoceChecklist,
)
from contributi.models.rendicontazione import PersoneRaggiunte, Rendiconto, Spesa

__all__ = [
    "FROZEN_FIELDS",
    "PREAVVISO_GIORNI",
    "Allegato",
    "AllegatoRichiesto",
    "Assegnazione",
    "Bando",
    "Candidatura",
    "Concessione",
    "CriterioValutazione",
    "DichiarazioneConflitto",
    "DocumentoBando",
    "DocumentoIntegrazione",
    "FaqBando",
    "Graduatoria",
    "MembroCommissione",
    "Pagamento",
    "Partner",
    "PersoneRaggiunte",
    "PianoTranche",
    "PosizioneGraduatoria",
    "Preavviso",
    "Punteggio",
    "RegoleSelezione",
    "Rendiconto",
    "Rettifica",
    "RichiestaIntegrazioni",
    "Riduzione",
    "Spesa",
    "TrancheBando",
    "Valutazione",
    "VerificaChecklist",
    "VoceBudget",
    "VoceChecklist",
]
