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

__all__ = [
    "FROZEN_FIELDS",
    "Allegato",
    "AllegatoRichiesto",
    "Bando",
    "Candidatura",
    "CriterioValutazione",
    "DocumentoBando",
    "FaqBando",
    "Partner",
    "Rettifica",
    "VoceBudget",
]
