"""The research-action (Macro-Azione 1): needs, surveys, stakeholders, maturity, interviews, theory of change."""

from ricerca.models.bisogni import Bisogno, BisognoQuerySet, CategoriaBisogno, RispostaBisogno
from ricerca.models.interviste import Citazione, Intervista, Tema
from ricerca.models.maturita import DimensioneMaturita, RilevazioneMaturita, ValutazioneMaturita
from ricerca.models.questionari import Compilazione, Domanda, Invito, Questionario, Risposta
from ricerca.models.stakeholder import AttivitaCoinvolgimento, LivelloCoinvolgimento, Stakeholder
from ricerca.models.teoria import CollegamentoToc, CommentoToc, ElementoToc, IndicatoreToc, TeoriaCambiamento

__all__ = [
    "AttivitaCoinvolgimento",
    "Bisogno",
    "BisognoQuerySet",
    "CategoriaBisogno",
    "Citazione",
    "CollegamentoToc",
    "CommentoToc",
    "Compilazione",
    "DimensioneMaturita",
    "Domanda",
    "ElementoToc",
    "IndicatoreToc",
    "Intervista",
    "Invito",
    "LivelloCoinvolgimento",
    "Questionario",
    "Risposta",
    "RilevazioneMaturita",
    "RispostaBisogno",
    "Stakeholder",
    "Tema",
    "TeoriaCambiamento",
    "ValutazioneMaturita",
]
