from governance.models.organi import MembroOrgano, Organo
from governance.models.riunioni import Partecipazione, PuntoOrdineGiorno, Riunione

__all__ = ["MembroOrgano", "Organo", "Partecipazione", "PuntoOrdineGiorno", "Riunione"]
