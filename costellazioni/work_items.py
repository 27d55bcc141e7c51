"""The core's line of the staff work queue: representations of an ente waiting to be verified."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from costellazioni.extensions import count_item, register_work_item
from costellazioni.models import Membership
from costellazioni.permissions import is_staff_comunale


def rappresentanze(user):
    if not (is_staff_comunale(user) and user.has_perm("costellazioni.change_membership")):
        return None
    return count_item(
        label=_("Rappresentanze di enti da verificare"),
        queryset=Membership.objects.pending(),
        url=f"{reverse('admin:costellazioni_membership_changelist')}?stato__exact={Membership.Stato.RICHIESTA}",
    )


def register() -> None:
    register_work_item(rappresentanze)
