"""Writes of the grants app, one module per stage of the procedure.

Callers use ``from contributi import services`` and ``services.<function>``; each stage's module
lists its functions here.
"""

from contributi.services.candidature import (
    allegato_delete,
    allegato_upload,
    bando_publish,
    budget_errors,
    candidatura_mark_step,
    candidatura_referenti,
    candidatura_save_budget,
    candidatura_save_ente,
    candidatura_save_impatto,
    candidatura_save_progetto,
    candidatura_snapshot,
    candidatura_start,
    candidatura_submit,
    candidatura_transition,
    candidatura_withdraw,
    completeness_errors,
    eligibility_errors,
    quartieri_choices,
    rettifica_publish,
    ricevuta_email_send,
    ricevuta_generate,
    ricevuta_render,
    snapshot_digest,
    submission_errors,
)

__all__ = [
    "allegato_delete",
    "allegato_upload",
    "bando_publish",
    "budget_errors",
    "candidatura_mark_step",
    "candidatura_referenti",
    "candidatura_save_budget",
    "candidatura_save_ente",
    "candidatura_save_impatto",
    "candidatura_save_progetto",
    "candidatura_snapshot",
    "candidatura_start",
    "candidatura_submit",
    "candidatura_transition",
    "candidatura_withdraw",
    "completeness_errors",
    "eligibility_errors",
    "quartieri_choices",
    "rettifica_publish",
    "ricevuta_email_send",
    "ricevuta_generate",
    "ricevuta_render",
    "snapshot_digest",
    "submission_errors",
]
