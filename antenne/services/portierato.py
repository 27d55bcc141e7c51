from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antenne import permissions, workflows
from antenne.events import Evento, Notifica
from antenne.models import Antenna, RichiestaPortierato
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition


def _gestori(antenna: Antenna) -> list[tuple]:
    """Who manages the antenna's requests, each with the page where they do it."""
    people = []
    if antenna.account_id:
        people.append((antenna.account, "/area-personale/"))
    if antenna.operatore_id:
        people.append((antenna.operatore.user, "/operatori/"))
    return people


@transaction.atomic
def portierato_request(
    *, antenna: Antenna, richiedente, servizio: str, descrizione: str, telefono: str = ""
) -> RichiestaPortierato:
    """A citizen asks an active antenna for one of the small services it offers.

    The antenna's managers see who asked and how to reach them (``permissions.can_see_richiedente``): their
    name and e-mail, and ``telefono`` if given.
    """
    if not richiedente.is_authenticated:
        raise PermissionDenied(_("Accedi per chiedere un servizio."))
    if not Antenna.objects.pubbliche().filter(pk=antenna.pk).exists():
        raise ValidationError(_("Questa antenna non accoglie richieste in questo momento."))
    if servizio not in antenna.servizi:
        raise ValidationError({"servizio": _("Questa antenna non offre il servizio scelto.")})
    same = {"antenna": antenna, "richiedente": richiedente, "servizio": servizio, "descrizione": descrizione}
    pending = RichiestaPortierato.objects.filter(**same, stato=RichiestaPortierato.Stato.RICHIESTA)
    if existing := pending.first():
        return existing  # the same request sent again (a double click): one request, one message to the antenna
    richiesta = RichiestaPortierato(**same, telefono=telefono.strip())
    richiesta.full_clean()
    try:
        with transaction.atomic():
            richiesta.save()
    except IntegrityError:
        if existing := pending.first():  # the other click committed first
            return existing
        raise
    audit_record(obj=richiesta, evento=Evento.RICHIESTA_INVIATA, autore=richiedente, stato_a=richiesta.stato)
    for persona, link in _gestori(antenna):
        notify(
            destinatari=[persona],
            tipo=Notifica.ANTENNA,
            oggetto=_("Nuova richiesta di portierato"),
            testo=_("Una persona chiede a %(antenna)s: %(servizio)s.")
            % {"antenna": antenna.nome_pubblico, "servizio": richiesta.get_servizio_display()},
            link=link,
        )
    return richiesta


@transaction.atomic
def portierato_correct_telefono(*, richiesta: RichiestaPortierato, telefono: str, actor) -> RichiestaPortierato:
    """Correct the phone number left with a request; the log says it changed, not the number (it is private)."""
    richiesta = RichiestaPortierato.objects.select_for_update().select_related("antenna").get(pk=richiesta.pk)
    decision = permissions.can_correct_telefono(actor, richiesta)
    if not decision:
        raise PermissionDenied(decision.reason)
    telefono = telefono.strip()
    if telefono == richiesta.telefono:
        return richiesta
    richiesta.telefono = telefono
    richiesta.full_clean()
    richiesta.save(update_fields=["telefono", "aggiornata_il"])
    audit_record(obj=richiesta, evento=Evento.RECAPITO_DELLA_RICHIESTA_CORRETTO, autore=actor)
    return richiesta


@transaction.atomic
def portierato_transition(*, richiesta: RichiestaPortierato, to: str, actor, note: str = "") -> RichiestaPortierato:
    richiesta = RichiestaPortierato.objects.select_for_update().select_related("antenna").get(pk=richiesta.pk)
    workflow_transition(
        field="stato",
        obj=richiesta,
        table=workflows.PORTIERATO,
        to=to,
        actor=actor,
        roles=permissions.portierato_roles(actor, richiesta),
        note=note,
    )
    richiesta.full_clean()
    richiesta.save(update_fields=["stato", "aggiornata_il"])
    if actor.pk != richiesta.richiedente_id:
        notify(
            destinatari=[richiesta.richiedente],
            tipo=Notifica.ANTENNA,
            oggetto=_("La tua richiesta di portierato: %(stato)s") % {"stato": richiesta.get_stato_display()},
            testo=note or _("Lo stato della tua richiesta è cambiato."),
            link=richiesta.antenna.get_absolute_url(),
        )
    return richiesta


@transaction.atomic
def portierato_feedback(*, richiesta: RichiestaPortierato, actor, voto: int, commento: str = "") -> RichiestaPortierato:
    richiesta = RichiestaPortierato.objects.select_for_update().get(pk=richiesta.pk)
    if richiesta.richiedente_id != actor.pk:
        raise PermissionDenied(_("Solo chi ha chiesto il servizio può valutarlo."))
    if richiesta.stato != RichiestaPortierato.Stato.SVOLTA:
        raise ValidationError(_("Puoi valutare il servizio dopo che è stato svolto."))
    richiesta.voto, richiesta.commento = voto, commento
    richiesta.full_clean()
    richiesta.save(update_fields=["voto", "commento", "aggiornata_il"])
    return richiesta
