"""Reads the wizard makes on every request, baked (``costellazioni.baked``): built and compiled once per process."""

from contributi.models import Candidatura, Partner
from costellazioni.baked import baked
from costellazioni.models import Quartiere


@baked
def represented_candidatura(user_id: int, pk: int, slug: str):
    """``[candidatura]`` when the person represents its ente (the wizard's every step asks), else ``[]``."""
    return (
        Candidatura.objects.represented_by_id(user_id).select_related("bando", "ente").filter(pk=pk, bando__slug=slug)
    )


@baked
def quartieri_scelti(candidatura_id: int):
    """The pks of the quartieri where the project takes place."""
    return Quartiere.objects.filter(candidature__pk=candidatura_id).values_list("pk", flat=True)


@baked
def partner_rows(candidatura_id: int):
    """The partners as the project step's formset shows them."""
    return Partner.objects.filter(candidatura_id=candidatura_id).values("denominazione", "codice_fiscale", "ruolo")
