"""The units of the indicators, which the catalogue stores as Italian plurals ("protocolli"), written for a figure
in the reader's language and number: "1 protocollo", "3 protocolli", "1 protocol"."""

from decimal import Decimal

from django.utils.translation import ngettext

UNITA = {
    "partecipanti": lambda n: ngettext("partecipante", "partecipanti", n),
    "persone": lambda n: ngettext("persona", "persone", n),
    "bisogni": lambda n: ngettext("bisogno", "bisogni", n),
    "impegni": lambda n: ngettext("impegno", "impegni", n),
    "protocolli": lambda n: ngettext("protocollo", "protocolli", n),
    "riunioni": lambda n: ngettext("riunione", "riunioni", n),
    "appuntamenti": lambda n: ngettext("appuntamento", "appuntamenti", n),
    "prenotazioni": lambda n: ngettext("prenotazione", "prenotazioni", n),
    "decisioni": lambda n: ngettext("decisione", "decisioni", n),
    "antenne": lambda n: ngettext("antenna", "antenne", n),
    "candidature": lambda n: ngettext("candidatura", "candidature", n),
    "azioni": lambda n: ngettext("azione", "azioni", n),
    "progetti": lambda n: ngettext("progetto", "progetti", n),
    "connessioni": lambda n: ngettext("connessione", "connessioni", n),
    "condivisioni": lambda n: ngettext("condivisione", "condivisioni", n),
    "imprese": lambda n: ngettext("impresa", "imprese", n),
    "entità": lambda n: ngettext("entità", "entità", n),
    "attività": lambda n: ngettext("attività", "attività", n),
    "ore": lambda n: ngettext("ora", "ore", n),
    "presenti per riunione": lambda n: ngettext("presente per riunione", "presenti per riunione", n),
}


def unit_label(unita: str, valore: Decimal | int | float) -> str:
    """The unit for this figure; a unit the catalogue adds later shows as written until it is listed here."""
    label = UNITA.get(unita)
    return label(1 if valore == 1 else 2) if label else unita
