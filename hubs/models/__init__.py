from hubs.models.eventi import EventoHub
from hubs.models.hub import Chiusura, Giorno, Hub, OrarioSettimanale
from hubs.models.prenotazioni import Appuntamento, Connessione, Prenotazione
from hubs.models.servizi import Servizio, Spazio

__all__ = [
    "Appuntamento",
    "Chiusura",
    "Connessione",
    "EventoHub",
    "Giorno",
    "Hub",
    "OrarioSettimanale",
    "Prenotazione",
    "Servizio",
    "Spazio",
]
