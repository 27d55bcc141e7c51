"""Writes about organisations and the people who represent them."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni import workflows
from costellazioni.events import Evento, Notifica
from costellazioni.models import Ente, Membership
from costellazioni.permissions import (
    can_act_for_ente,
    can_correct_ente,
    can_correct_membership,
    can_decide_ente,
    can_decide_membership,
)
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition


@transaction.atomic
def ente_create(*, actor, **fields) -> Ente:
    ente = Ente(**fields)
    ente.full_clean()
    ente.save()
    audit_record(obj=ente, evento=Evento.ENTE_REGISTRATO, autore=actor, stato_a=ente.stato_verifica)
    return ente


@transaction.atomic
def ente_record(*, actor, **fields) -> Ente:
    """The Comune records an ente in the admin (a person registers one with ``ente_register_with_membership``)."""
    decision = can_correct_ente(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    return ente_create(actor=actor, **fields)


def _differing(obj, fields: dict, names) -> list[str]:
    """The names among ``names`` whose value in ``fields`` differs from ``obj``'s."""
    return [name for name in names if name in fields and fields[name] != getattr(obj, name)]


def _apply_changes(obj, fields: dict, names) -> list[str]:
    """Set on ``obj`` the values of ``fields`` among ``names`` that differ; the names of those it changed."""
    changed = _differing(obj, fields, names)
    for name in changed:
        setattr(obj, name, fields[name])
    return changed


# What a referente may correct on a verified ente; the identifying data were checked by the Comune.
ENTE_CONTACT_FIELDS = ("indirizzo", "cap", "comune", "email", "pec", "telefono")
ENTE_IDENTITY_FIELDS = ("denominazione", "tipo", "codice_fiscale", "partita_iva", "runts_numero", "runts_sezione")


@transaction.atomic
def ente_update(*, ente: Ente, actor, **fields) -> Ente:
    """A verified referente confirms or updates the ente's contact data; the change is audited.

    Identifying data passed unchanged are accepted (forms send them back as they were); a different
    value is refused next to its field, since only the Comune may correct it.
    """
    decision = can_act_for_ente(actor, ente)
    if not decision:
        raise PermissionDenied(decision.reason)
    unknown = set(fields) - set(ENTE_CONTACT_FIELDS) - set(ENTE_IDENTITY_FIELDS)
    if unknown:
        raise TypeError(f"ente_update() does not update {sorted(unknown)}")
    ente = Ente.objects.select_for_update().get(pk=ente.pk)
    refused = {
        name: _("L'ente è verificato: questo dato si corregge solo chiedendolo al Comune.")
        for name in _differing(ente, fields, ENTE_IDENTITY_FIELDS)
    }
    if refused:
        raise ValidationError(refused)
    changed = _apply_changes(ente, fields, ENTE_CONTACT_FIELDS)
    if not changed:
        return ente
    ente.full_clean()
    ente.save(update_fields=[*changed, "aggiornato_il"])
    audit_record(obj=ente, evento=Evento.DATI_DELL_ENTE_AGGIORNATI, autore=actor, nota=", ".join(changed))
    return ente


# What the Comune corrects in the admin; the verification has its own door (``ente_set_verification``).
ENTE_STAFF_FIELDS = (
    *ENTE_IDENTITY_FIELDS,
    *ENTE_CONTACT_FIELDS,
    "descrizione",
    "quartiere",
    "sito_web",
)


@transaction.atomic
def ente_correct(*, ente: Ente, actor, **fields) -> Ente:
    """The Comune corrects an ente's data, identifying ones included; the log names the fields changed."""
    unknown = set(fields) - set(ENTE_STAFF_FIELDS)
    if unknown:
        raise TypeError(f"ente_correct() does not update {sorted(unknown)}")
    ente = Ente.objects.select_for_update().get(pk=ente.pk)
    decision = can_correct_ente(actor, ente)
    if not decision:
        raise PermissionDenied(decision.reason)
    changed = _apply_changes(ente, fields, ENTE_STAFF_FIELDS)
    if not changed:
        return ente
    ente.full_clean()
    ente.save(update_fields=[*changed, "aggiornato_il"])
    audit_record(obj=ente, evento=Evento.DATI_DELL_ENTE_CORRETTI, autore=actor, nota=", ".join(changed))
    return ente


@transaction.atomic
def ente_set_verification(*, ente: Ente, to: str, actor, note: str = "") -> Ente:
    ente = Ente.objects.select_for_update().get(pk=ente.pk)
    workflow_transition(
        obj=ente,
        field="stato_verifica",
        table=workflows.ENTE_VERIFICA,
        to=to,
        actor=actor,
        note=note,
        approval=can_decide_ente(actor, ente),
    )
    if to == Ente.StatoVerifica.VERIFICATO:
        ente.verificato_da, ente.verificato_il = actor, timezone.now()
    ente.full_clean()
    ente.save()
    representatives = [m.user for m in ente.memberships.verified().select_related("user")]
    if representatives:
        notify(
            destinatari=representatives,
            tipo=Notifica.ENTE,
            oggetto=_("Verifica dell'ente %(ente)s: %(stato)s")
            % {"ente": ente, "stato": ente.get_stato_verifica_display()},
            testo=note or _("Lo stato della verifica del tuo ente è cambiato."),
            link=reverse("area_personale_enti"),
        )
    return ente


@transaction.atomic
def membership_request(*, user, ente: Ente, ruolo: str, motivazione: str = "") -> Membership:
    membership = Membership(user=user, ente=ente, ruolo=ruolo, motivazione=motivazione)
    membership.full_clean()
    membership.save()
    audit_record(obj=membership, evento=Evento.RICHIESTA_DI_RAPPRESENTANZA, autore=user, stato_a=membership.stato)
    return membership


MEMBERSHIP_STAFF_FIELDS = ("ruolo", "motivazione")


@transaction.atomic
def membership_correct(*, membership: Membership, actor, **fields) -> Membership:
    """The Comune corrects a membership's role or reason; the log names the fields changed."""
    unknown = set(fields) - set(MEMBERSHIP_STAFF_FIELDS)
    if unknown:
        raise TypeError(f"membership_correct() does not update {sorted(unknown)}")
    membership = Membership.objects.select_for_update().select_related("user", "ente").get(pk=membership.pk)
    decision = can_correct_membership(actor, membership)
    if not decision:
        raise PermissionDenied(decision.reason)
    changed = _apply_changes(membership, fields, MEMBERSHIP_STAFF_FIELDS)
    if not changed:
        return membership
    membership.full_clean()
    membership.save(update_fields=changed)
    audit_record(obj=membership, evento=Evento.RAPPRESENTANZA_MODIFICATA, autore=actor, nota=", ".join(changed))
    return membership


@transaction.atomic
def membership_set_state(*, membership: Membership, to: str, actor, note: str = "") -> Membership:
    membership = Membership.objects.select_for_update().select_related("user", "ente").get(pk=membership.pk)
    workflow_transition(
        obj=membership,
        field="stato",
        table=workflows.MEMBERSHIP,
        to=to,
        actor=actor,
        note=note,
        owner=membership.user,
        approval=can_decide_membership(actor, membership),
    )
    if to == Membership.Stato.VERIFICATA:
        membership.verificata_da, membership.verificata_il = actor, timezone.now()
    membership.full_clean()
    membership.save()
    if actor != membership.user:
        notify(
            destinatari=[membership.user],
            tipo=Notifica.RAPPRESENTANZA,
            oggetto=_("Rappresentanza di %(ente)s: %(stato)s")
            % {"ente": membership.ente, "stato": membership.get_stato_display()},
            testo=note or _("La tua richiesta di rappresentanza è stata aggiornata."),
            link=reverse("area_personale_enti"),
        )
    return membership


@transaction.atomic
def ente_register_with_membership(*, user, ente_fields: dict, ruolo: str, motivazione: str = "") -> Membership:
    """A person registers an ente not yet known and asks to represent it: both rows or neither."""
    ente = ente_create(actor=user, **ente_fields)
    return membership_request(user=user, ente=ente, ruolo=ruolo, motivazione=motivazione)
