"""The HUBs' lines of the staff work queue: bookings to confirm, appointments of the sportello to fix."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from costellazioni.extensions import count_item, register_work_item
from hubs.models import Appuntamento, Prenotazione
from hubs.permissions import is_hub_staff


def prenotazioni(user):
    if not (is_hub_staff(user) and user.has_perm("hubs.change_prenotazione")):
        return None
    return count_item(
        label=_("Prenotazioni di spazi da confermare"),
        queryset=Prenotazione.objects.pending(),
        url=f"{reverse('admin:hubs_prenotazione_changelist')}?stato__exact={Prenotazione.Stato.RICHIESTA}",
        deadline="inizio",
    )


def appuntamenti(user):
    if not (is_hub_staff(user) and user.has_perm("hubs.change_appuntamento")):
        return None
    return count_item(
        label=_("Appuntamenti dello sportello da fissare"),
        queryset=Appuntamento.objects.filter(stato=Appuntamento.Stato.RICHIESTO),
        url=f"{reverse('admin:hubs_appuntamento_changelist')}?stato__exact={Appuntamento.Stato.RICHIESTO}",
    )


def register() -> None:
    register_work_item(prenotazioni)
    register_work_item(appuntamenti)
