from hubs.admin.eventi import EventoHubAdmin
from hubs.admin.hubs import HubAdmin, ServizioAdmin, SpazioAdmin
from hubs.admin.prenotazioni import AppuntamentoAdmin, ConnessioneAdmin, PrenotazioneAdmin

__all__ = [
    "AppuntamentoAdmin",
    "ConnessioneAdmin",
    "EventoHubAdmin",
    "HubAdmin",
    "PrenotazioneAdmin",
    "ServizioAdmin",
    "SpazioAdmin",
]
