from costellazioni.models.audit import EventoAudit
from costellazioni.models.enti import Ente, Membership
from costellazioni.models.notifiche import Messaggio
from costellazioni.models.outbox import OperazioneInCoda
from costellazioni.models.protocollo import Protocollo, RegistroProtocollo
from costellazioni.models.territorio import Municipalita, Quartiere
from costellazioni.models.users import User
from costellazioni.models.valutazioni import SegnalazioneDisservizio, ValutazionePagina

__all__ = [
    "Ente",
    "EventoAudit",
    "Membership",
    "Messaggio",
    "Municipalita",
    "OperazioneInCoda",
    "Protocollo",
    "Quartiere",
    "RegistroProtocollo",
    "SegnalazioneDisservizio",
    "User",
    "ValutazionePagina",
]
