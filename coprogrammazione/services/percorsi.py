"""Processes, expressions of interest, resources and the final document."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from coprogrammazione import permissions, workflows
from coprogrammazione.events import Evento, Notifica
from coprogrammazione.models import (
    CondivisioneRisorsa,
    DocumentoIstruttorio,
    DocumentoPercorso,
    ManifestazioneInteresse,
    Percorso,
    Risorsa,
)
from costellazioni.permissions import can_act_for_ente
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition


def _require_staff(actor) -> None:
    if workflows.STAFF not in permissions.actor_roles(actor):
        raise PermissionDenied(_("Non hai i permessi per questa operazione."))


@transaction.atomic
def percorso_save(*, percorso: Percorso, actor) -> Percorso:
    """Create a process at its notice, or edit its description, dates and notice (staff); its phase moves only
    by ``percorso_advance``, so an edit never writes it."""
    _require_staff(actor)
    percorso.full_clean()
    if percorso.pk is None:
        if percorso.fase != Percorso.Fase.AVVISO:
            raise ValidationError(_("Un nuovo percorso parte dall'avviso."), code="phase")
        percorso.save()
        audit_record(obj=percorso, evento=Evento.PERCORSO_CREATO, autore=actor)
        return percorso
    percorso.save(update_fields=[f.name for f in Percorso._meta.concrete_fields if f.name not in ("id", "fase")])
    audit_record(obj=percorso, evento=Evento.PERCORSO_MODIFICATO, autore=actor)
    return percorso


@transaction.atomic
def percorso_delete(*, percorso: Percorso, actor) -> None:
    """Delete a process still at its notice with no expression of interest (staff): later it has a history."""
    percorso = Percorso.objects.select_for_update().get(pk=percorso.pk)
    decision = permissions.can_delete_percorso(actor, percorso)
    if not decision:
        raise PermissionDenied(decision.reason)
    audit_record(obj=percorso, evento=Evento.PERCORSO_ELIMINATO, autore=actor)
    percorso.delete()


@transaction.atomic
def documento_percorso_save(*, documento: DocumentoPercorso, actor) -> DocumentoPercorso:
    """Publish a document on the process page, or edit it (staff)."""
    _require_staff(actor)
    evento = Evento.DOCUMENTO_DEL_PERCORSO_MODIFICATO if documento.pk else Evento.DOCUMENTO_DEL_PERCORSO_AGGIUNTO
    documento.full_clean()
    documento.save()
    audit_record(obj=documento.percorso, evento=evento, autore=actor, nota=documento.titolo)
    return documento


@transaction.atomic
def documento_percorso_delete(*, documento: DocumentoPercorso, actor) -> None:
    _require_staff(actor)
    audit_record(
        obj=documento.percorso, evento=Evento.DOCUMENTO_DEL_PERCORSO_ELIMINATO, autore=actor, nota=documento.titolo
    )
    documento.delete()


@transaction.atomic
def percorso_advance(*, percorso: Percorso, to: str, actor, note: str = "") -> Percorso:
    """Move a process to its next phase (staff), recording the phase's date when it has none."""
    percorso = Percorso.objects.select_for_update().get(pk=percorso.pk)
    workflow_transition(
        obj=percorso,
        field="fase",
        table=workflows.PERCORSO,
        to=to,
        actor=actor,
        note=note,
        roles=permissions.actor_roles(actor),
    )
    today = timezone.localdate()
    F = Percorso.Fase
    if to == F.TAVOLI and not percorso.tavoli_dal:
        percorso.tavoli_dal = today
    elif to == F.DOCUMENTO and not percorso.documento_finale_il:
        percorso.documento_finale_il = today
    elif to == F.ESITO and not percorso.esito_il:
        percorso.esito_il = today
    percorso.full_clean()
    percorso.save()
    return percorso


@transaction.atomic
def manifestazione_submit(
    *,
    percorso: Percorso,
    ente,
    actor,
    motivazione: str,
    competenze: str,
    risorse_offerte: str,
    contatto_nome: str,
    contatto_email: str,
    contatto_telefono: str = "",
    now=None,
) -> ManifestazioneInteresse:
    """A verified referente expresses an ente's interest while the notice window is open."""
    percorso = Percorso.objects.select_for_update().get(pk=percorso.pk)
    decision = can_act_for_ente(actor, ente)
    if not decision:
        raise PermissionDenied(decision.reason)
    window = permissions.window_decision(percorso, now=now)
    if not window:
        raise ValidationError(window.reason, code="window_closed")
    manifestazione = ManifestazioneInteresse(
        percorso=percorso,
        ente=ente,
        presentata_da=actor,
        motivazione=motivazione,
        competenze=competenze,
        risorse_offerte=risorse_offerte,
        contatto_nome=contatto_nome,
        contatto_email=contatto_email,
        contatto_telefono=contatto_telefono,
        presentata_il=now or timezone.now(),
    )
    manifestazione.full_clean()
    manifestazione.save()
    staff = [person for person in permissions.staff_recipients() if person.pk != actor.pk]
    if staff:
        notify(
            destinatari=staff,
            tipo=Notifica.COPROGRAMMAZIONE,
            oggetto=_("Nuova manifestazione di interesse: %(ente)s") % {"ente": ente.denominazione},
            testo=_("%(ente)s ha manifestato interesse per il percorso «%(percorso)s».")
            % {"ente": ente.denominazione, "percorso": percorso.titolo},
            link=reverse("admin:coprogrammazione_manifestazioneinteresse_change", args=[manifestazione.pk]),
        )
    return manifestazione


def _review(*, manifestazione: ManifestazioneInteresse, to: str, actor, note: str) -> ManifestazioneInteresse:
    manifestazione = (
        ManifestazioneInteresse.objects.select_for_update().select_related("ente", "percorso").get(pk=manifestazione.pk)
    )
    decision = permissions.can_review_manifestazione(actor, manifestazione)
    if not decision:
        raise PermissionDenied(decision.reason)
    workflow_transition(
        obj=manifestazione,
        field="stato",
        table=workflows.MANIFESTAZIONE,
        to=to,
        actor=actor,
        note=note,
        roles=permissions.actor_roles(actor),
    )
    manifestazione.motivo_esclusione = note.strip() if to == ManifestazioneInteresse.Stato.ESCLUSA else ""
    manifestazione.full_clean()
    manifestazione.save()
    if to == ManifestazioneInteresse.Stato.AMMESSA:
        oggetto = _("Il vostro ente partecipa al percorso «%(percorso)s»")
        testo = _("%(ente)s è stato ammesso al percorso di co-programmazione «%(percorso)s».")
    else:
        oggetto = _("Manifestazione di interesse non accolta: «%(percorso)s»")
        testo = _("La manifestazione di interesse di %(ente)s non è stata accolta. Motivo: %(motivo)s")
    values = {"percorso": manifestazione.percorso.titolo, "ente": manifestazione.ente.denominazione, "motivo": note}
    notify(
        destinatari=[manifestazione.presentata_da, *permissions.ente_referenti(manifestazione.ente)],
        tipo=Notifica.COPROGRAMMAZIONE,
        oggetto=oggetto % values,
        testo=testo % values,
        link=manifestazione.percorso.get_absolute_url(),
    )
    return manifestazione


@transaction.atomic
def manifestazione_admit(*, manifestazione: ManifestazioneInteresse, actor, note: str = "") -> ManifestazioneInteresse:
    return _review(manifestazione=manifestazione, to=ManifestazioneInteresse.Stato.AMMESSA, actor=actor, note=note)


@transaction.atomic
def manifestazione_exclude(*, manifestazione: ManifestazioneInteresse, actor, note: str) -> ManifestazioneInteresse:
    return _review(manifestazione=manifestazione, to=ManifestazioneInteresse.Stato.ESCLUSA, actor=actor, note=note)


def _require_participant(*, percorso: Percorso, ente, actor) -> None:
    if not percorso.manifestazioni.ammesse().filter(ente=ente).exists():
        raise ValidationError({"ente": _("L'ente non partecipa a questo percorso.")})
    decision = permissions.can_register_sharing(actor, Risorsa(ente=ente))
    if not decision:
        raise PermissionDenied(decision.reason)


@transaction.atomic
def risorsa_declare(
    *,
    percorso: Percorso,
    ente,
    actor,
    tipo: str,
    descrizione: str,
    quantita: Decimal,
    unita: str,
    disponibilita: str,
    quartiere=None,
) -> Risorsa:
    """A participant declares what it puts in common."""
    _require_participant(percorso=percorso, ente=ente, actor=actor)
    risorsa = Risorsa(
        percorso=percorso,
        ente=ente,
        tipo=tipo,
        descrizione=descrizione,
        quantita=quantita,
        unita=unita,
        disponibilita=disponibilita,
        quartiere=quartiere,
    )
    risorsa.full_clean()
    risorsa.save()
    return risorsa


@transaction.atomic
def condivisione_record(
    *, risorsa: Risorsa, beneficiario, data, quantita: Decimal, actor, note: str = ""
) -> CondivisioneRisorsa:
    """Record that ``risorsa`` was shared with ``beneficiario`` (another participant)."""
    decision = permissions.can_register_sharing(actor, risorsa)
    if not decision:
        raise PermissionDenied(decision.reason)
    if beneficiario.pk == risorsa.ente_id:
        raise ValidationError({"beneficiario": _("Una risorsa si condivide con un altro ente, non con chi la offre.")})
    condivisione = CondivisioneRisorsa(
        risorsa=risorsa, beneficiario=beneficiario, data=data, quantita=quantita, note=note
    )
    condivisione.full_clean()
    condivisione.save()
    return condivisione


@transaction.atomic
def documento_istruttorio_approve(*, documento: DocumentoIstruttorio, actor, data=None) -> DocumentoIstruttorio:
    """Approve one version of the final document (staff); it needs at least one strategic line."""
    if workflows.STAFF not in permissions.actor_roles(actor):
        raise PermissionDenied(_("Non hai i permessi per questa operazione."))
    documento = DocumentoIstruttorio.objects.select_for_update().get(pk=documento.pk)
    if documento.approvato_il:
        raise ValidationError(_("Questa versione del documento è già approvata."), code="already_approved")
    if not documento.linee.exists():
        raise ValidationError(_("Il documento non ha linee strategiche."), code="no_lines")
    documento.approvato_il = data or timezone.localdate()
    documento.full_clean()
    documento.save()
    return documento


@transaction.atomic
def documento_istruttorio_new_version(*, documento: DocumentoIstruttorio, actor) -> DocumentoIstruttorio:
    """Start the next version of the final document from ``documento``, its strategic lines copied."""
    if workflows.STAFF not in permissions.actor_roles(actor):
        raise PermissionDenied(_("Non hai i permessi per questa operazione."))
    Percorso.objects.select_for_update().get(pk=documento.percorso_id)
    ultima = DocumentoIstruttorio.objects.filter(percorso_id=documento.percorso_id).order_by("-versione").first()
    nuovo = DocumentoIstruttorio(
        percorso_id=documento.percorso_id, versione=ultima.versione + 1, premessa=documento.premessa
    )
    nuovo.full_clean()
    nuovo.save()
    for linea in documento.linee.prefetch_related("elementi_toc"):
        elementi = list(linea.elementi_toc.all())
        linea.pk = None
        linea.documento = nuovo
        linea.save()
        linea.elementi_toc.add(*elementi)
    return nuovo
