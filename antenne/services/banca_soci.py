"""Membership of the time bank: a citizen asks to join, the coordination verifies, turns down, suspends or
reinstates them, each step through the workflow door (``workflows.SOCIO``)."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antenne import permissions, workflows
from antenne.events import Evento, Notifica
from antenne.models import MovimentoBancaDelTempo, SocioBancaDelTempo
from antenne.models.banca import credito_iniziale
from antenne.services.banca_registro import conto_banca, registrazione_book
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition


@transaction.atomic
def socio_join(*, user, quartiere=None) -> SocioBancaDelTempo:
    """A citizen asks to join; the coordinator verifies them (``socio_verify``)."""
    socio, created = SocioBancaDelTempo.objects.get_or_create(user=user, defaults={"quartiere": quartiere})
    if created:
        socio.full_clean()
        audit_record(obj=socio, evento=Evento.ISCRIZIONE_RICHIESTA, autore=user, stato_a=socio.stato)
    return socio


@transaction.atomic
def socio_correct(*, socio: SocioBancaDelTempo, actor, quartiere) -> SocioBancaDelTempo:
    """The coordination corrects a member's neighbourhood (their state has its own door)."""
    decision = permissions.can_manage_banca(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    socio = SocioBancaDelTempo.objects.select_for_update().get(pk=socio.pk)
    if quartiere == socio.quartiere:
        return socio
    socio.quartiere = quartiere
    socio.full_clean()
    socio.save(update_fields=["quartiere"])
    audit_record(
        obj=socio,
        evento=Evento.DATI_DEL_SOCIO_CORRETTI,
        autore=actor,
        nota=_("Campi modificati: %(campi)s.")
        % {"campi": SocioBancaDelTempo._meta.get_field("quartiere").verbose_name},
    )
    return socio


def _socio_transition(*, socio: SocioBancaDelTempo, da: str, to: str, actor, note: str = "") -> SocioBancaDelTempo:
    decision = permissions.can_manage_banca(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    socio = SocioBancaDelTempo.objects.select_for_update(of=("self",)).select_related("user").get(pk=socio.pk)
    if socio.stato != da:
        raise ValidationError(
            {
                SocioBancaDelTempo.Stato.IN_ATTESA: _("Il socio non è in attesa di verifica."),
                SocioBancaDelTempo.Stato.VERIFICATO: _("Si può sospendere solo un socio verificato."),
                SocioBancaDelTempo.Stato.SOSPESO: _("Il socio non è sospeso."),
            }[da]
        )
    workflow_transition(
        field="stato",
        obj=socio,
        table=workflows.SOCIO,
        to=to,
        actor=actor,
        roles=permissions.banca_roles(actor),
        note=note,
    )
    return socio


@transaction.atomic
def socio_verify(*, socio: SocioBancaDelTempo, actor) -> SocioBancaDelTempo:
    """Verify a member and give the configured starting credit, balanced by the bank's own account."""
    socio = _socio_transition(
        socio=socio, da=SocioBancaDelTempo.Stato.IN_ATTESA, to=SocioBancaDelTempo.Stato.VERIFICATO, actor=actor
    )
    socio.verificato_da, socio.verificato_il = actor, timezone.now()
    socio.full_clean()
    socio.save(update_fields=["stato", "verificato_da", "verificato_il"])
    if (credito := credito_iniziale()) > 0:
        registrazione_book(
            righe=[(socio, credito), (conto_banca(), -credito)],
            tipo=MovimentoBancaDelTempo.Tipo.CREDITO_INIZIALE,
            causale=str(_("Credito iniziale")),
            actor=actor,
        )
    notify(
        destinatari=[socio.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("Sei socio della banca del tempo"),
        testo=_("La tua iscrizione è stata verificata: puoi offrire e chiedere tempo."),
        link="/banca-del-tempo/",
    )
    return socio


@transaction.atomic
def socio_reject(*, socio: SocioBancaDelTempo, actor, note: str) -> SocioBancaDelTempo:
    """Turn down a membership request; the reason is recorded and sent to the person."""
    socio = _socio_transition(
        socio=socio, da=SocioBancaDelTempo.Stato.IN_ATTESA, to=SocioBancaDelTempo.Stato.RESPINTO, actor=actor, note=note
    )
    socio.verificato_da, socio.verificato_il = actor, timezone.now()
    socio.full_clean()
    socio.save(update_fields=["stato", "verificato_da", "verificato_il"])
    notify(
        destinatari=[socio.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("La tua iscrizione alla banca del tempo non è stata accolta"),
        testo=_("Motivo: %(nota)s Per chiarimenti scrivi al coordinamento della banca del tempo.")
        % {"nota": note.strip()},
        link="/banca-del-tempo/",
    )
    return socio


@transaction.atomic
def socio_suspend(*, socio: SocioBancaDelTempo, actor, note: str) -> SocioBancaDelTempo:
    """Suspend a member: no new exchanges, offers and requests hidden; the balance stays as it is."""
    socio = _socio_transition(
        socio=socio, da=SocioBancaDelTempo.Stato.VERIFICATO, to=SocioBancaDelTempo.Stato.SOSPESO, actor=actor, note=note
    )
    socio.save(update_fields=["stato"])
    notify(
        destinatari=[socio.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("La tua iscrizione alla banca del tempo è sospesa"),
        testo=_("Motivo: %(nota)s Per chiarimenti scrivi al coordinamento della banca del tempo.")
        % {"nota": note.strip()},
        link="/banca-del-tempo/",
    )
    return socio


@transaction.atomic
def socio_reinstate(*, socio: SocioBancaDelTempo, actor) -> SocioBancaDelTempo:
    """Lift a suspension; the member finds their balance and history as they left them."""
    socio = _socio_transition(
        socio=socio, da=SocioBancaDelTempo.Stato.SOSPESO, to=SocioBancaDelTempo.Stato.VERIFICATO, actor=actor
    )
    socio.save(update_fields=["stato"])
    notify(
        destinatari=[socio.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("Sei di nuovo socio attivo della banca del tempo"),
        testo=_("La sospensione è terminata: puoi di nuovo offrire e chiedere tempo."),
        link="/banca-del-tempo/",
    )
    return socio
