"""The grants admin, one module per stage; importing them registers their ModelAdmins."""

from contributi.admin import bandi, candidature, erogazioni, pagamenti, selezione  # noqa: F401
