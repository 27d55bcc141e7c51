"""The time bank's line of the staff work queue: memberships waiting to be verified."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from antenne.models import SocioBancaDelTempo
from costellazioni.extensions import count_item, register_work_item
from costellazioni.permissions import is_staff_comunale


def soci(user):
    if not (is_staff_comunale(user) and user.has_perm("antenne.change_sociobancadeltempo")):
        return None
    return count_item(
        label=_("Iscrizioni alla banca del tempo da verificare"),
        queryset=SocioBancaDelTempo.objects.filter(stato=SocioBancaDelTempo.Stato.IN_ATTESA),
        url=f"{reverse('admin:antenne_sociobancadeltempo_changelist')}"
        f"?stato__exact={SocioBancaDelTempo.Stato.IN_ATTESA}",
    )


def register() -> None:
    register_work_item(soci)
