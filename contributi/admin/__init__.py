"""The grants admin, one module per stage; importing them registers their ModelAdmins."""

from contributi.admin import (  # noqa: F401
    bandi,
    candidature,
    commissione,
    erogazioni,
    graduatoria,
    istruttoria,
    pagamenti,
    selezione,
)
