"""May this user do X in monitoring? One named rule each, used by views, admin and services."""

from django.utils.translation import gettext_lazy as _

from costellazioni.permissions import ALLOWED, Decision, can_act_for_ente, is_staff_comunale


def can_view_staff_dashboard(user) -> Decision:
    if is_staff_comunale(user):
        return ALLOWED
    return Decision(False, _("Il cruscotto completo è riservato al personale del Comune."))


def can_download_report(user, report) -> Decision:
    """Published reports are public; the others only for staff."""
    if report.pubblicato and report.stato == report.Stato.PRONTO:
        return ALLOWED
    return can_view_staff_dashboard(user)


def can_request_report(user) -> Decision:
    return can_view_staff_dashboard(user)


def can_publish_report(user, report) -> Decision:
    if not is_staff_comunale(user):
        return Decision(False, _("Solo il personale del Comune pubblica i report."))
    if report.stato != report.Stato.PRONTO:
        return Decision(False, _("Si pubblica solo un report pronto."))
    return ALLOWED


def can_enter_measurement(user, *, progetto=None) -> Decision:
    """Staff enter any value; a funded project's referente enters its own project's values."""
    if is_staff_comunale(user):
        return ALLOWED
    if progetto is not None and can_act_for_ente(user, progetto.candidatura.ente):
        return ALLOWED
    return Decision(False, _("Puoi inserire valori solo per i progetti del tuo ente."))


def can_validate_measurement(user, misurazione) -> Decision:
    """Staff validate, but never a value they entered themselves."""
    if not is_staff_comunale(user):
        return Decision(False, _("Solo il personale del Comune valida le misurazioni."))
    if misurazione.inserita_da_id is not None and misurazione.inserita_da_id == user.pk:
        return Decision(False, _("Non puoi validare un valore che hai inserito tu."))
    return ALLOWED


def can_download_evidence(user, misurazione) -> Decision:
    if is_staff_comunale(user):
        return ALLOWED
    if misurazione.inserita_da_id is not None and misurazione.inserita_da_id == user.pk:
        return ALLOWED
    return Decision(False, _("Non puoi scaricare questa evidenza."))


def can_import(user) -> Decision:
    return can_view_staff_dashboard(user)
