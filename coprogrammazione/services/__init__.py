"""Writes of the coprogrammazione app: ``<entity>_<verb>``, keyword-only, atomic, no request."""

from coprogrammazione.services.percorsi import (
    condivisione_record,
    documento_istruttorio_approve,
    documento_istruttorio_new_version,
    documento_percorso_delete,
    documento_percorso_save,
    manifestazione_admit,
    manifestazione_exclude,
    manifestazione_submit,
    percorso_advance,
    percorso_delete,
    percorso_save,
    risorsa_declare,
)
from coprogrammazione.services.promemoria import promemoria_send, protocolli_follow_dates
from coprogrammazione.services.protocolli import (
    impegno_transition,
    parte_sign,
    protocollo_document,
    protocollo_renew,
    protocollo_row_delete,
    protocollo_row_save,
    protocollo_save,
    protocollo_send_for_signature,
    protocollo_transition,
)

__all__ = [
    "condivisione_record",
    "documento_istruttorio_approve",
    "documento_istruttorio_new_version",
    "documento_percorso_delete",
    "documento_percorso_save",
    "impegno_transition",
    "manifestazione_admit",
    "manifestazione_exclude",
    "manifestazione_submit",
    "parte_sign",
    "percorso_advance",
    "percorso_delete",
    "percorso_save",
    "promemoria_send",
    "protocolli_follow_dates",
    "protocollo_document",
    "protocollo_renew",
    "protocollo_row_delete",
    "protocollo_row_save",
    "protocollo_save",
    "protocollo_send_for_signature",
    "protocollo_transition",
    "risorsa_declare",
]
