"""Every write of the antenne app. Views translate results and exceptions into responses."""

from antenne.services.antenne import (
    ANTENNA_CAMPI,
    antenna_candidate,
    antenna_register,
    antenna_set_hub,
    antenna_transition,
    antenna_update,
    consenso_record,
)
from antenne.services.attivita import attivita_log, seguito_done
from antenne.services.banca_annunci import offerta_create, richiesta_create
from antenne.services.banca_contatti import socio_contact
from antenne.services.banca_registro import movimento_correct
from antenne.services.banca_scambi import scambio_agree, scambio_cancel, scambio_confirm, scambio_propose
from antenne.services.banca_soci import (
    socio_correct,
    socio_join,
    socio_reinstate,
    socio_reject,
    socio_suspend,
    socio_verify,
)
from antenne.services.bisogni import bisogno_notify
from antenne.services.portierato import (
    portierato_correct_telefono,
    portierato_feedback,
    portierato_request,
    portierato_transition,
)

__all__ = [
    "ANTENNA_CAMPI",
    "antenna_candidate",
    "antenna_register",
    "antenna_set_hub",
    "antenna_transition",
    "antenna_update",
    "attivita_log",
    "bisogno_notify",
    "consenso_record",
    "movimento_correct",
    "offerta_create",
    "portierato_correct_telefono",
    "portierato_feedback",
    "portierato_request",
    "portierato_transition",
    "richiesta_create",
    "scambio_agree",
    "scambio_cancel",
    "scambio_confirm",
    "scambio_propose",
    "seguito_done",
    "socio_contact",
    "socio_correct",
    "socio_join",
    "socio_reinstate",
    "socio_reject",
    "socio_suspend",
    "socio_verify",
]
