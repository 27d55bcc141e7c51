from hubs.admin.hubs import HubAdmin, ServizioAdmin, SpazioAdmin
from hubs.admin.prenotazioni import AppuntamentoAdmin, ConnessioneAdmin, PrenotazioneAdmin

__all__ = ["AppuntamentoAdmin", "ConnessioneAdmin", "HubAdmin", "PrenotazioneAdmin", "ServizioAdmin", "SpazioAdmin"]
