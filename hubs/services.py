"""Writes of the HUB app: bookings, sportello appointments, connections. Views call these, nothing else writes."""

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
from hubs.models import Appuntamento, Connessione, Prenotazione, Servizio, Spazio

# Bookings ---------------------------------------------------------------------------------------------------------


def _save_once(obj, same_pending):
    """Save ``obj``, unless a concurrent identical request (the other click) committed first: then return that."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        existing = same_pending.first()
        if existing is None:
            raise
        return existing
    return None


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
    if existing := _save_once(prenotazione, Prenotazione.objects.pending().filter(**same)):
        return existing
    audit_record(obj=prenotazione, evento=Evento.PRENOTAZIONE_RICHIESTA, autore=user, stato_a=prenotazione.stato)
    _notify_prenotazione(
        prenotazione,
        oggetto=_("Richiesta di prenotazione ricevuta: %(p)s") % {"p": prenotazione},
        testo=_("Lo staff dell'HUB esaminerà la richiesta e ti scriverà l'esito."),
    )
    inizio = timezone.localtime(prenotazione.inizio)
    _notify_staff(
        hub=spazio.hub,
        model="prenotazione",
        richiedente=user,
        oggetto=_("Nuova richiesta di prenotazione: %(p)s") % {"p": prenotazione},
        testo=_(
            "%(chi)s chiede %(spazio)s per %(giorno)s dalle %(da)s alle %(a)s. Attività: %(scopo)s. "
            "Partecipanti previsti: %(n)d. Conferma o rifiuta la richiesta nella coda delle prenotazioni."
        )
        % {
            "chi": _requester(prenotazione),
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


# Sportello appointments ------------------------------------------------------------------------------------------


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
    if existing := _save_once(appuntamento, pending):
        return existing
    audit_record(obj=appuntamento, evento=Evento.APPUNTAMENTO_RICHIESTO, autore=user, stato_a=appuntamento.stato)
    _notify_appuntamento(
        appuntamento,
        oggetto=_("Richiesta di appuntamento ricevuta: %(a)s") % {"a": appuntamento.tema},
        testo=_("Lo sportello ti proporrà un giorno e un orario."),
    )
    _notify_staff(
        hub=servizio.hub,
        model="appuntamento",
        richiedente=user,
        oggetto=_("Nuova richiesta di appuntamento: %(a)s") % {"a": appuntamento.tema},
        testo=_(
            "%(chi)s chiede un appuntamento a %(servizio)s. Disponibilità: %(quando)s. "
            "Fissa giorno e orario nella coda degli appuntamenti."
        )
        % {"chi": _requester(appuntamento), "servizio": servizio.nome, "quando": appuntamento.disponibilita},
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


# Staff ------------------------------------------------------------------------------------------------------------


def _requester(obj: Prenotazione | Appuntamento) -> str:
    person = obj.richiedente.get_full_name() or obj.richiedente.email
    if obj.ente_id:
        return _("%(persona)s per %(ente)s") % {"persona": person, "ente": obj.ente.denominazione}
    return person


def _notify_staff(*, hub, model: str, richiedente, oggetto: str, testo: str, link: str) -> None:
    """Tell the staff who handle ``hub``'s queue of ``model`` that a request waits for them."""
    staff = [person for person in permissions.queue_staff(hub, model=model) if person.pk != richiedente.pk]
    if staff:
        tipo = Notifica.PRENOTAZIONE if model == "prenotazione" else Notifica.APPUNTAMENTO
        notify(destinatari=staff, tipo=tipo, oggetto=oggetto, testo=testo, link=link)


# Connections -----------------------------------------------------------------------------------------------------


@transaction.atomic
def connessione_record(*, hub, ente_a, ente_b, scopo: str, data, actor, esito: str = "", note: str = "") -> Connessione:
    connessione = Connessione(
        hub=hub,
        ente_a=ente_a,
        ente_b=ente_b,
        scopo=scopo,
        data=data,
        esito=esito or Connessione.Esito.IN_CORSO,
        note=note,
        registrata_da=actor,
    )
    connessione.full_clean()
    connessione.save()
    audit_record(obj=connessione, evento=Evento.CONNESSIONE_REGISTRATA, autore=actor, stato_a=connessione.esito)
    return connessione


CONNESSIONE_FIELDS = ("hub", "ente_a", "ente_b", "scopo", "data", "esito", "note")


@transaction.atomic
def connessione_update(*, connessione: Connessione, actor, **changes) -> Connessione:
    """Staff correct a connection or record how it went; a new ``esito`` is written to the log with its code."""
    if not permissions.is_hub_staff(actor):
        raise PermissionDenied(_("Solo il personale del Comune aggiorna le connessioni."))
    unknown = set(changes) - set(CONNESSIONE_FIELDS)
    if unknown:
        raise ValueError(f"connessione_update() does not change {sorted(unknown)}")
    connessione = Connessione.objects.select_for_update().get(pk=connessione.pk)
    prima = connessione.esito
    for name, value in changes.items():
        setattr(connessione, name, value)
    connessione.full_clean()
    connessione.save(update_fields=list(changes))
    if connessione.esito != prima:
        audit_record(
            obj=connessione, evento=Evento.ESITO_AGGIORNATO, autore=actor, stato_da=prima, stato_a=connessione.esito
        )
    return connessione
