"""Action items and expected results: what decisions become, followed across meetings until closed."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.formatting import deadline
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from governance import permissions, workflows
from governance.events import Evento, Notifica
from governance.models import AggiornamentoAzione, Azione, Decisione, Organo, RisultatoAtteso, Riunione


@transaction.atomic
def azione_create(
    *, decisione: Decisione, actor, descrizione: str, scadenza: datetime.date, responsabile=None, ente=None
) -> Azione:
    riunione = decisione.punto.riunione
    decision = permissions.can_manage_riunione(actor, riunione)
    if not decision:
        raise PermissionDenied(decision.reason)
    if decisione.esito == Decisione.Esito.RESPINTA:
        raise ValidationError(_("Una decisione respinta non genera azioni."), code="rejected")
    azione = Azione(
        decisione=decisione,
        descrizione=descrizione,
        scadenza=scadenza,
        responsabile=responsabile,
        ente_responsabile=ente,
    )
    azione.full_clean()
    azione.save()
    if responsabile is not None:
        notify(
            destinatari=[responsabile],
            tipo=Notifica.RIUNIONE,
            oggetto=_("Nuova azione affidata: %(azione)s") % {"azione": azione},
            testo=_("%(organo)s ti ha affidato un'azione da completare entro %(scadenza)s.")
            % {"organo": riunione.organo, "scadenza": deadline(scadenza)},
            link=riunione.get_absolute_url(),
        )
    return azione


@transaction.atomic
def azione_update(*, azione: Azione, actor, nota: str, to: str = "", riunione: Riunione | None = None) -> Azione:
    """Record how an action item is going (usually at a later meeting), and move it when ``to`` is given."""
    azione = Azione.objects.select_for_update().select_related("decisione__punto__riunione__organo").get(pk=azione.pk)
    roles = permissions.azione_roles(actor, azione)
    if not roles:
        raise PermissionDenied(_("Non puoi aggiornare questa azione."))
    if riunione is not None and riunione.organo_id != azione.decisione.punto.riunione.organo_id:
        raise ValidationError({"riunione": _("La riunione deve essere dello stesso organo.")})
    if not nota.strip():
        raise ValidationError({"nota": _("Scrivi a che punto è l'azione.")})
    if to and to != azione.stato:
        workflow_transition(
            obj=azione, field="stato", table=workflows.AZIONE, to=to, actor=actor, note=nota, roles=roles
        )
        if to in (Azione.Stato.COMPLETATA, Azione.Stato.ANNULLATA):
            azione.chiusa_il = timezone.now()
        azione.full_clean()
        azione.save(update_fields=["stato", "chiusa_il"])
    AggiornamentoAzione.objects.create(azione=azione, riunione=riunione, nota=nota, stato=azione.stato, autore=actor)
    return azione


def azione_transition(*, azione: Azione, to: str, actor, note: str = "") -> Azione:
    """The admin's door to an action item's state: a follow-up note with the move."""
    if not note and to != Azione.Stato.ANNULLATA:
        note = str(Azione.Stato(to).label)
    return azione_update(azione=azione, actor=actor, nota=note, to=to)


@transaction.atomic
def risultato_create(
    *,
    decisione: Decisione,
    actor,
    descrizione: str,
    indicatore: str,
    target: str,
    scadenza: datetime.date | None = None,
) -> RisultatoAtteso:
    """The management committee turns one of its decisions into an expected result."""
    riunione = decisione.punto.riunione
    decision = permissions.can_manage_riunione(actor, riunione)
    if not decision:
        raise PermissionDenied(decision.reason)
    if riunione.organo.tipo != Organo.Tipo.COMITATO:
        raise ValidationError(_("I risultati attesi li definisce il comitato di gestione."), code="not_committee")
    risultato = RisultatoAtteso(
        decisione=decisione, descrizione=descrizione, indicatore=indicatore, target=target, scadenza=scadenza
    )
    risultato.full_clean()
    risultato.save()
    return risultato


@transaction.atomic
def risultato_set_stato(*, risultato: RisultatoAtteso, actor, stato: str, nota: str = "") -> RisultatoAtteso:
    risultato = (
        RisultatoAtteso.objects.select_for_update().select_related("decisione__punto__riunione").get(pk=risultato.pk)
    )
    riunione = risultato.decisione.punto.riunione
    workflow_transition(
        obj=risultato,
        field="stato",
        table=workflows.RISULTATO,
        to=stato,
        actor=actor,
        note=nota,
        roles=permissions.actor_roles(actor, riunione),
    )
    risultato.nota_stato = nota
    risultato.full_clean()
    risultato.save(update_fields=["stato", "nota_stato"])
    return risultato


def risultato_transition(*, risultato: RisultatoAtteso, to: str, actor, note: str = "") -> RisultatoAtteso:
    """The admin's door to an expected result's state."""
    return risultato_set_stato(risultato=risultato, actor=actor, stato=to, nota=note)


EDITABLE_FIELDS = ("descrizione", "responsabile", "ente_responsabile", "scadenza")


@transaction.atomic
def azione_edit(
    *, azione: Azione, actor, descrizione: str, scadenza: datetime.date, responsabile=None, ente=None
) -> Azione:
    """Change what an open action item asks, of whom and by when; the change is written in the audit trail."""
    azione = Azione.objects.select_for_update().select_related("decisione__punto__riunione__organo").get(pk=azione.pk)
    decision = permissions.can_manage_riunione(actor, azione.decisione.punto.riunione)
    if not decision:
        raise PermissionDenied(decision.reason)
    if azione.stato not in (Azione.Stato.APERTA, Azione.Stato.IN_CORSO):
        raise ValidationError(_("Un'azione chiusa non si modifica più."), code="closed")
    before = {name: getattr(azione, name) for name in EDITABLE_FIELDS}
    azione.descrizione, azione.scadenza = descrizione, scadenza
    azione.responsabile, azione.ente_responsabile = responsabile, ente
    azione.full_clean()
    changed = [name for name in EDITABLE_FIELDS if getattr(azione, name) != before[name]]
    if not changed:
        return azione
    azione.save(update_fields=changed)
    nota = "; ".join(
        f"{Azione._meta.get_field(name).verbose_name}: {before[name] or '—'} → {getattr(azione, name) or '—'}"
        for name in changed
    )
    audit_record(obj=azione, evento=Evento.AZIONE_MODIFICATA, autore=actor, stato_a=azione.stato, nota=nota)
    return azione
