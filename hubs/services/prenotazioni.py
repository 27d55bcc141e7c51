"""Bookings of spaces: the rules of a slot, the request, and the staff's decision through the door."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
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
from hubs.models import Prenotazione, Spazio
from hubs.services.richieste import notify_staff, requester_label, save_once


def prenotazione_rules_check(*, spazio: Spazio, inizio, fine, partecipanti: int, now=None) -> None:
    """Raise a ValidationError, by field, when a slot breaks the space's rules or the HUB's hours."""
    now = now or timezone.now()
    errors: dict[str, list[str]] = {}
    if not spazio.prenotabile:
        errors.setdefault("__all__", []).append(_("Questo spazio non si prenota."))
    if fine <= inizio:
        errors.setdefault("fine", []).append(_("La fine deve seguire l'inizio."))
    if inizio < now:
        errors.setdefault("inizio", []).append(_("Non si può prenotare nel passato."))
    elif inizio < now + datetime.timedelta(hours=spazio.preavviso_minimo_ore):
        errors.setdefault("inizio", []).append(
            _("Serve un preavviso di almeno %(ore)d ore.") % {"ore": spazio.preavviso_minimo_ore}
        )
    elif inizio > now + datetime.timedelta(days=spazio.anticipo_massimo_giorni):
        errors.setdefault("inizio", []).append(
            _("Si può prenotare al massimo %(giorni)d giorni prima.") % {"giorni": spazio.anticipo_massimo_giorni}
        )
    if fine > inizio and fine - inizio > datetime.timedelta(hours=spazio.durata_massima_ore):
        errors.setdefault("fine", []).append(
            _("La durata massima è di %(ore)d ore.") % {"ore": spazio.durata_massima_ore}
        )
    if partecipanti > spazio.capienza:
        errors.setdefault("partecipanti", []).append(
            _("Lo spazio accoglie al massimo %(n)d persone.") % {"n": spazio.capienza}
        )
    if fine > inizio and not spazio.hub.covers(inizio, fine):
        errors.setdefault("inizio", []).append(_("L'HUB è chiuso in tutto o in parte di questo orario."))
    if (
        fine > inizio
        and Prenotazione.objects.confirmed().filter(spazio=spazio).overlapping(inizio=inizio, fine=fine).exists()
    ):
        errors.setdefault("inizio", []).append(_("Lo spazio è già prenotato in questo orario."))
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def prenotazione_request(
    *, user, spazio: Spazio, inizio, fine, scopo: str, partecipanti: int, ente=None
) -> Prenotazione:
    decision = permissions.can_book(user, ente=ente)
    if not decision:
        raise PermissionDenied(decision.reason)
    spazio = Spazio.objects.select_related("hub").get(pk=spazio.pk)
    same = {"richiedente": user, "spazio": spazio, "inizio": inizio, "fine": fine}
    if existing := Prenotazione.objects.pending().filter(**same).first():
        return existing  # the same request sent again (a double click): one booking, one confirmation
    prenotazione_rules_check(spazio=spazio, inizio=inizio, fine=fine, partecipanti=partecipanti)
    prenotazione = Prenotazione(**same, ente=ente, scopo=scopo, partecipanti=partecipanti)
    prenotazione.full_clean()
    if existing := save_once(prenotazione, Prenotazione.objects.pending().filter(**same)):
        return existing
    audit_record(obj=prenotazione, evento=Evento.PRENOTAZIONE_RICHIESTA, autore=user, stato_a=prenotazione.stato)
    _notify_prenotazione(
        prenotazione,
        oggetto=_("Richiesta di prenotazione ricevuta: %(p)s") % {"p": prenotazione},
        testo=_("Lo staff dell'HUB esaminerà la richiesta e ti scriverà l'esito."),
    )
    inizio = timezone.localtime(prenotazione.inizio)
    notify_staff(
        hub=spazio.hub,
        model="prenotazione",
        richiedente=user,
        oggetto=_("Nuova richiesta di prenotazione: %(p)s") % {"p": prenotazione},
        testo=_(
            "%(chi)s chiede %(spazio)s per %(giorno)s dalle %(da)s alle %(a)s. Attività: %(scopo)s. "
            "Partecipanti previsti: %(n)d. Conferma o rifiuta la richiesta nella coda delle prenotazioni."
        )
        % {
            "chi": requester_label(prenotazione),
            "spazio": spazio.nome,
            "giorno": date_format(inizio, "l j F Y"),
            "da": inizio.strftime("%H:%M"),
            "a": timezone.localtime(prenotazione.fine).strftime("%H:%M"),
            "n": prenotazione.partecipanti,
            "scopo": prenotazione.scopo,
        },
        link=reverse("admin:hubs_prenotazione_changelist") + "?stato__exact=" + Prenotazione.Stato.RICHIESTA,
    )
    return prenotazione


@transaction.atomic
def prenotazione_transition(*, prenotazione: Prenotazione, to: str, actor, note: str = "") -> Prenotazione:
    """Move a booking (confirm, refuse, cancel); two confirmations of overlapping slots: the database keeps one."""
    prenotazione = (
        Prenotazione.objects.select_for_update(of=("self",)).select_related("spazio__hub").get(pk=prenotazione.pk)
    )
    was_confirmed = prenotazione.stato == Prenotazione.Stato.CONFERMATA
    workflow_transition(
        obj=prenotazione,
        field="stato",
        table=workflows.PRENOTAZIONE,
        to=to,
        actor=actor,
        note=note,
        owner=prenotazione.richiedente,
        approval=permissions.can_decide(actor, prenotazione),
    )
    if note:
        prenotazione.motivazione = note
    prenotazione.full_clean()
    try:
        # A savepoint: a confirmation racing with another one fails here, on the exclusion constraint.
        with transaction.atomic():
            prenotazione.save()
    except IntegrityError as error:
        if "prenotazione_no_double_booking" in str(error):
            raise ValidationError(_("Lo spazio è già prenotato in questo orario.")) from error
        raise
    S = Prenotazione.Stato
    oggetto = {
        S.CONFERMATA: _("Prenotazione confermata: %(p)s"),
        S.RIFIUTATA: _("Prenotazione rifiutata: %(p)s"),
        S.ANNULLATA: _("Prenotazione annullata: %(p)s"),
    }[to] % {"p": prenotazione}
    testo = (
        note
        or {
            S.CONFERMATA: _(
                "Lo spazio è tuo nell'orario richiesto. Apri il file allegato per aggiungerlo al tuo calendario."
            ),
            S.RIFIUTATA: _("La richiesta non è stata accolta."),
            S.ANNULLATA: _("La prenotazione è stata annullata."),
        }[to]
    )
    allegati = []
    if to == S.CONFERMATA:
        allegati = [("prenotazione.ics", prenotazione_ics(prenotazione), ICS_MIMETYPE)]
    elif to == S.ANNULLATA and was_confirmed:
        # The same event, marked cancelled, takes the booking out of the calendar it was added to.
        allegati = [("prenotazione-annullata.ics", prenotazione_ics(prenotazione), ICS_MIMETYPE)]
    _notify_prenotazione(prenotazione, oggetto=oggetto, testo=testo, allegati=allegati)
    return prenotazione


def prenotazione_confirm(*, prenotazione: Prenotazione, actor) -> Prenotazione:
    return prenotazione_transition(prenotazione=prenotazione, to=Prenotazione.Stato.CONFERMATA, actor=actor)


def prenotazione_refuse(*, prenotazione: Prenotazione, actor, note: str) -> Prenotazione:
    return prenotazione_transition(prenotazione=prenotazione, to=Prenotazione.Stato.RIFIUTATA, actor=actor, note=note)


def prenotazione_cancel(*, prenotazione: Prenotazione, actor, note: str = "") -> Prenotazione:
    return prenotazione_transition(prenotazione=prenotazione, to=Prenotazione.Stato.ANNULLATA, actor=actor, note=note)


def _notify_prenotazione(prenotazione: Prenotazione, *, oggetto: str, testo: str, allegati=()) -> None:
    notify(
        destinatari=[prenotazione.richiedente],
        tipo=Notifica.PRENOTAZIONE,
        oggetto=oggetto,
        testo=testo,
        link=reverse("hubs_area_personale:lista"),
        allegati=allegati,
    )


def prenotazione_ics(prenotazione: Prenotazione) -> bytes:
    """The booking as a calendar event: confirmed, or cancelled once a confirmed booking is called off."""
    hub = prenotazione.spazio.hub
    annullata = prenotazione.stato == Prenotazione.Stato.ANNULLATA
    return ics_event(
        uid=f"prenotazione-{prenotazione.pk}",
        inizio=prenotazione.inizio,
        fine=prenotazione.fine,
        titolo=f"{prenotazione.spazio.nome} — {hub.nome}",
        luogo=hub_location(hub),
        descrizione=prenotazione.scopo,
        annullato=annullata,
        sequenza=1 if annullata else 0,
    )
