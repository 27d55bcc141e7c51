"""The needs' line of the staff work queue: needs reported and not yet taken in charge."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from costellazioni.extensions import count_item, register_work_item
from costellazioni.permissions import is_staff_comunale
from ricerca.models import Bisogno


def bisogni(user):
    if not (is_staff_comunale(user) and user.has_perm("ricerca.change_bisogno")):
        return None
    return count_item(
        label=_("Bisogni segnalati da prendere in carico"),
        queryset=Bisogno.objects.filter(stato=Bisogno.Stato.SEGNALATO),
        url=f"{reverse('admin:ricerca_bisogno_changelist')}?stato__exact={Bisogno.Stato.SEGNALATO}",
    )


def register() -> None:
    register_work_item(bisogni)
