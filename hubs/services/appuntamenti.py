"""Sportello appointments: the request, fixing a slot, the outcome, cancelling."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from hubs import permissions, workflows
from hubs.calendario import ICS_MIMETYPE, hub_location, ics_event
from hubs.events import Evento, Notifica
from hubs.models import Appuntamento, Servizio
from hubs.services.richieste import notify_staff, requester_label, save_once


@transaction.atomic
def appuntamento_request(
    *, user, servizio: Servizio, tema: str, disponibilita: str, descrizione: str = "", ente=None
) -> Appuntamento:
    decision = permissions.can_ask_appointment(user, ente=ente)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not servizio.attivo or servizio.accesso != Servizio.Accesso.APPUNTAMENTO:
        raise ValidationError(_("Questo servizio non riceve su appuntamento."))
    same = {"richiedente": user, "servizio": servizio, "tema": tema}
    pending = Appuntamento.objects.filter(**same, stato=Appuntamento.Stato.RICHIESTO)
    if existing := pending.first():
        return existing  # the same request sent again (a double click): one appointment
    appuntamento = Appuntamento(**same, ente=ente, descrizione=descrizione, disponibilita=disponibilita)
    appuntamento.full_clean()
    if existing := save_once(appuntamento, pending):
        return existing
    audit_record(obj=appuntamento, evento=Evento.APPUNTAMENTO_RICHIESTO, autore=user, stato_a=appuntamento.stato)
    _notify_appuntamento(
        appuntamento,
        oggetto=_("Richiesta di appuntamento ricevuta: %(a)s") % {"a": appuntamento.tema},
        testo=_("Lo sportello ti proporrà un giorno e un orario."),
    )
    notify_staff(
        hub=servizio.hub,
        model="appuntamento",
        richiedente=user,
        oggetto=_("Nuova richiesta di appuntamento: %(a)s") % {"a": appuntamento.tema},
        testo=_(
            "%(chi)s chiede un appuntamento a %(servizio)s. Disponibilità: %(quando)s. "
            "Fissa giorno e orario nella coda degli appuntamenti."
        )
        % {"chi": requester_label(appuntamento), "servizio": servizio.nome, "quando": appuntamento.disponibilita},
        link=reverse("admin:hubs_appuntamento_changelist") + "?stato__exact=" + Appuntamento.Stato.RICHIESTO,
    )
    return appuntamento


@transaction.atomic
def appuntamento_transition(*, appuntamento: Appuntamento, to: str, actor, note: str = "", **fields) -> Appuntamento:
    """Fix (``inizio``, ``fine``, ``operatore``), record the outcome (``esito``, ``seguiti``) or cancel."""
    appuntamento = (
        Appuntamento.objects.select_for_update(of=("self",)).select_related("servizio__hub").get(pk=appuntamento.pk)
    )
    workflow_transition(
        obj=appuntamento,
        field="stato",
        table=workflows.APPUNTAMENTO,
        to=to,
        actor=actor,
        note=note,
        owner=appuntamento.richiedente,
        approval=permissions.can_decide(actor, appuntamento),
    )
    for name, value in fields.items():
        setattr(appuntamento, name, value)
    if to == Appuntamento.Stato.ANNULLATO and note:
        appuntamento.motivazione = note
    appuntamento.full_clean()
    appuntamento.save()
    A = Appuntamento.Stato
    if to == A.FISSATO:
        inizio = timezone.localtime(appuntamento.inizio)
        testo = _("Ti aspettiamo %(giorno)s alle %(ora)s presso %(hub)s.") % {
            "giorno": date_format(inizio, "l j F Y"),
            "ora": inizio.strftime("%H:%M"),
            "hub": appuntamento.servizio.hub.nome,
        }
        _notify_appuntamento(
            appuntamento,
            oggetto=_("Appuntamento fissato: %(a)s") % {"a": appuntamento.tema},
            testo=testo + " " + _("Apri il file allegato per aggiungerlo al tuo calendario."),
            allegati=[("appuntamento.ics", appuntamento_ics(appuntamento), ICS_MIMETYPE)],
        )
    elif to == A.ANNULLATO and actor.pk != appuntamento.richiedente_id:
        _notify_appuntamento(
            appuntamento,
            oggetto=_("Appuntamento annullato: %(a)s") % {"a": appuntamento.tema},
            testo=note or _("L'appuntamento è stato annullato."),
        )
    return appuntamento


def appuntamento_fix(*, appuntamento: Appuntamento, inizio, fine, actor, operatore=None) -> Appuntamento:
    return appuntamento_transition(
        appuntamento=appuntamento,
        to=Appuntamento.Stato.FISSATO,
        actor=actor,
        inizio=inizio,
        fine=fine,
        operatore=operatore or actor,
    )


def appuntamento_record_outcome(*, appuntamento: Appuntamento, esito: str, seguiti: str = "", actor) -> Appuntamento:
    return appuntamento_transition(
        appuntamento=appuntamento, to=Appuntamento.Stato.SVOLTO, actor=actor, esito=esito, seguiti=seguiti
    )


def appuntamento_cancel(*, appuntamento: Appuntamento, actor, note: str = "") -> Appuntamento:
    return appuntamento_transition(appuntamento=appuntamento, to=Appuntamento.Stato.ANNULLATO, actor=actor, note=note)


def _notify_appuntamento(appuntamento: Appuntamento, *, oggetto: str, testo: str, allegati=()) -> None:
    notify(
        destinatari=[appuntamento.richiedente],
        tipo=Notifica.APPUNTAMENTO,
        oggetto=oggetto,
        testo=testo,
        link=reverse("hubs_area_personale:lista"),
        allegati=allegati,
    )


def appuntamento_ics(appuntamento: Appuntamento) -> bytes:
    """The fixed appointment as a calendar event."""
    servizio = appuntamento.servizio
    return ics_event(
        uid=f"appuntamento-{appuntamento.pk}",
        inizio=appuntamento.inizio,
        fine=appuntamento.fine,
        titolo=f"{servizio.nome} — {servizio.hub.nome}",
        luogo=hub_location(servizio.hub),
        descrizione=appuntamento.tema,
    )
