"""May this user do X in co-programming? Each function answers with a reason for the user.

Which MOUs a user may *see* is answered by ``ProtocolloIntesa.objects.visible_to(user)``.
"""

from django.utils import timezone
from django.utils.translation import gettext as _

from coprogrammazione import workflows
from costellazioni.formatting import deadline
from costellazioni.permissions import ALLOWED, Decision, can_act_for_ente, is_staff_comunale

__all__ = [
    "actor_roles",
    "can_delete_percorso",
    "can_download_firma",
    "can_edit_protocollo",
    "can_express_interest",
    "can_register_sharing",
    "can_review_manifestazione",
    "can_sign",
    "is_staff_comunale",
]


def actor_roles(user, *, ente=None) -> set:
    """The workflow roles ``user`` holds towards ``ente`` (None: the City)."""
    roles = set()
    if is_staff_comunale(user):
        roles.add(workflows.STAFF)
    if ente is not None and can_act_for_ente(user, ente):
        roles.add(workflows.REFERENTE)
    return roles


def window_decision(percorso, *, now=None) -> Decision:
    now = now or timezone.now()
    if percorso.fase != percorso.Fase.MANIFESTAZIONI or not percorso.finestra_aperta(now):
        if percorso.manifestazioni_dal and now < percorso.manifestazioni_dal:
            when = deadline(percorso.manifestazioni_dal)
            return Decision(False, _("Le manifestazioni di interesse si aprono %(when)s.") % {"when": when})
        return Decision(False, _("La finestra per le manifestazioni di interesse è chiusa."))
    return ALLOWED


def can_express_interest(user, *, percorso, ente, now=None) -> Decision:
    """A verified referente of a verified ente, while the notice window is open."""
    decision = can_act_for_ente(user, ente)
    if not decision:
        return decision
    return window_decision(percorso, now=now)


def can_review_manifestazione(user, manifestazione) -> Decision:
    """Staff, but never for an ente they act for (nobody admits their own request)."""
    if not is_staff_comunale(user):
        return Decision(False, _("Non hai i permessi per questa operazione."))
    if manifestazione.presentata_da_id == user.pk or can_act_for_ente(user, manifestazione.ente):
        return Decision(False, _("Non puoi valutare la manifestazione di interesse di un ente che rappresenti."))
    return ALLOWED


def can_sign(user, parte) -> Decision:
    """Upload a party's signed copy: a referente of that ente; for the City, or a scanned copy, staff."""
    protocollo = parte.protocollo
    if protocollo.stato != protocollo.Stato.IN_FIRMA:
        return Decision(False, _("Il protocollo non è in firma."))
    if parte.has_signed:
        return Decision(False, _("Questa parte ha già firmato."))
    if is_staff_comunale(user):
        return ALLOWED
    if parte.ente is None:
        return Decision(False, _("Solo il personale del Comune registra la firma del Comune."))
    return can_act_for_ente(user, parte.ente)


def can_download_firma(user, parte) -> Decision:
    if is_staff_comunale(user):
        return ALLOWED
    if parte.ente is not None and can_act_for_ente(user, parte.ente):
        return ALLOWED
    return Decision(False, _("Non hai i permessi per scaricare questa copia firmata."))


def can_edit_protocollo(user, protocollo) -> Decision:
    """Staff write an MOU's text, dates, parties and commitments, only while it is a draft: what was sent for
    signature is what the parties sign."""
    if not is_staff_comunale(user):
        return Decision(False, _("Non hai i permessi per questa operazione."))
    if protocollo.pk is not None and protocollo.stato != protocollo.Stato.BOZZA:
        return Decision(
            False, _("Il testo di un protocollo in firma o firmato non cambia: riportalo in bozza o rinnovalo.")
        )
    return ALLOWED


def can_register_sharing(user, risorsa) -> Decision:
    """Record that a resource was shared: the ente that offered it, or staff."""
    if is_staff_comunale(user):
        return ALLOWED
    return can_act_for_ente(user, risorsa.ente)


def can_delete_percorso(user, percorso) -> Decision:
    """Staff delete a process only while it is at its notice with no expression of interest: later it has a
    history that the participants and the audit rely on."""
    if not is_staff_comunale(user):
        return Decision(False, _("Non hai i permessi per questa operazione."))
    if percorso.fase != percorso.Fase.AVVISO or percorso.manifestazioni.exists():
        return Decision(False, _("Un percorso avviato o con manifestazioni di interesse non si elimina."))
    return ALLOWED


def staff_recipients():
    """Who is told of co-programming work: active staff who may change MOUs and act as staff comunale."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Permission
    from django.db.models import Q

    people = get_user_model().objects.filter(is_active=True, is_staff=True)
    for app_label, codename in [("coprogrammazione", "change_protocollointesa"), ("costellazioni", "change_ente")]:
        permission = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
        people = people.filter(Q(groups__permissions__in=permission) | Q(user_permissions__in=permission))
    return people.distinct().order_by("pk")


def ente_referenti(ente):
    """The people who act for ``ente`` (verified memberships)."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, memberships__ente=ente, memberships__stato="verificata")
        .distinct()
    )
