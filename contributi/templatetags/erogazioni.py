"""The award section of an application's page in the area personale (included by ``area_dettaglio.html``)."""

from django import template

from contributi import permissions
from contributi.models import Candidatura, Concessione

register = template.Library()

C = Candidatura.Stato
AFTER_RANKING = {C.FINANZIATA, C.AVVIATA, C.RENDICONTATA, C.CONCLUSA, C.REVOCATA}


@register.simple_tag
def erogazioni_sezione(candidatura, user) -> dict:
    """What the section shows: nothing before the ranking finances the application."""
    if candidatura.stato not in AFTER_RANKING:
        return {"visibile": False}
    concessione = Concessione.objects.filter(candidatura=candidatura).first()
    return {
        "visibile": True,
        "concessione": concessione,
        "erogato": concessione.erogato() if concessione else None,
        "puo_accettare": permissions.can_accept(user, candidatura),
    }
