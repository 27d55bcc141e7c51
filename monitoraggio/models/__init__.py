from monitoraggio.models.catalogo import Disaggregazione, Indicatore, IndicatoreQuerySet, MacroAzione, Target
from monitoraggio.models.misure import Misurazione, disaggregation_key
from monitoraggio.models.progetti import Tappa
from monitoraggio.models.report import Importazione, Report
from monitoraggio.models.valutazione import Rilevazione

__all__ = [
    "Disaggregazione",
    "Importazione",
    "Indicatore",
    "IndicatoreQuerySet",
    "MacroAzione",
    "Misurazione",
    "Report",
    "Rilevazione",
    "Tappa",
    "Target",
    "disaggregation_key",
]
