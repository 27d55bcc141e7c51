"""May this user do X to this call or application? Each function answers with a reason for the user.

Which applications a user may *see* is answered by ``Candidatura.objects.visible_to(user)``.
"""

from django.utils import formats, timezone
from django.utils.translation import gettext as _

from costellazioni.permissions import ALLOWED, Decision, can_act_for_ente, is_staff_comunale


def bando_open_decision(bando, *, now=None) -> Decision:
    now = now or timezone.now()
    if bando.is_open(now):
        return ALLOWED
    if bando.stato == bando.Stato.PUBBLICATO and now < bando.apertura:
        when = formats.date_format(timezone.localtime(bando.apertura), "DATETIME_FORMAT")
        return Decision(False, _("Il bando apre le candidature il %(when)s.") % {"when": when})
    when = formats.date_format(timezone.localtime(bando.termine), "DATETIME_FORMAT")
    return Decision(
        False,
        _(
            "Il bando si è chiuso il %(when)s (ora di Roma): la candidatura non può più essere presentata. "
            "La bozza resta consultabile nella tua area personale."
        )
        % {"when": when},
    )


def can_apply(user, *, bando, ente, now=None) -> Decision:
    """Start or edit an application for ``ente``: a verified referente, while the call is open."""
    decision = can_act_for_ente(user, ente)
    if not decision:
        return decision
    return bando_open_decision(bando, now=now)


def can_edit(user, candidatura, *, now=None) -> Decision:
    if not candidatura.is_draft:
        return Decision(False, _("La candidatura è già stata presentata e non può più essere modificata."))
    return can_apply(user, bando=candidatura.bando, ente=candidatura.ente, now=now)


def can_withdraw(user, candidatura, *, now=None) -> Decision:
    if candidatura.stato != candidatura.Stato.PRESENTATA:
        return Decision(False, _("Si può ritirare solo una candidatura presentata e non ancora in istruttoria."))
    decision = can_act_for_ente(user, candidatura.ente)
    if not decision:
        return decision
    if not candidatura.bando.is_open(now):
        return Decision(False, _("Il bando è chiuso: la candidatura non può più essere ritirata online."))
    return ALLOWED


def can_read_files(user, candidatura) -> Decision:
    """Attachments and the receipt: members of the ente and staff (evaluators arrive with part 2)."""
    if is_staff_comunale(user) or (user.is_authenticated and user.is_superuser):
        return ALLOWED
    return can_act_for_ente(user, candidatura.ente)
