"""The care of the network, shared documents of a body and partnerships."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from costellazioni.services.workflow import workflow_transition
from costellazioni.uploads import file_store
from governance import permissions, workflows
from governance.models import ContattoRete, DocumentoOrgano, Organo, Partenariato, VersioneDocumento


@transaction.atomic
def contatto_record(
    *, actor, data: datetime.date, servizio: str, persone: str, argomento: str, esito: str, seguiti: str = ""
) -> ContattoRete:
    if not permissions.can_use_contatti(actor):
        raise PermissionDenied(_("Il registro dei contatti è degli operatori di comunità e dello staff."))
    contatto = ContattoRete(
        data=data,
        operatore=actor,
        servizio=servizio,
        persone=persone,
        argomento=argomento,
        esito=esito,
        seguiti=seguiti,
    )
    contatto.full_clean()
    contatto.save()
    return contatto


@transaction.atomic
def documento_upload(
    *,
    organo: Organo,
    actor,
    uploaded,
    titolo: str = "",
    descrizione: str = "",
    riservato: bool = False,
    documento: DocumentoOrgano | None = None,
    nota: str = "",
) -> VersioneDocumento:
    """A new document, or a new version of ``documento``, uploaded by a member of the body or staff."""
    if not (permissions.sees_everything(actor) or permissions.is_member(actor, organo)):
        raise PermissionDenied(_("Solo i membri dell'organo caricano documenti."))
    if documento is None:
        documento = DocumentoOrgano(organo=organo, titolo=titolo, descrizione=descrizione, riservato=riservato)
        documento.full_clean()
        documento.save()
    elif documento.organo_id != organo.pk:
        raise ValidationError(_("Il documento appartiene a un altro organo."), code="foreign")
    documento = DocumentoOrgano.objects.select_for_update().get(pk=documento.pk)
    numero = (documento.versioni.aggregate(n=Max("numero"))["n"] or 0) + 1
    versione = VersioneDocumento(documento=documento, numero=numero, nota=nota, caricato_da=actor)
    return file_store(instance=versione, field_name="file", uploaded=uploaded)


@transaction.atomic
def documento_update(*, documento: DocumentoOrgano, actor, titolo: str, descrizione: str, riservato: bool):
    if not (permissions.sees_everything(actor) or permissions.is_member(actor, documento.organo)):
        raise PermissionDenied(_("Solo i membri dell'organo modificano i documenti."))
    documento.titolo, documento.descrizione, documento.riservato = titolo, descrizione, riservato
    documento.full_clean()
    documento.save(update_fields=["titolo", "descrizione", "riservato"])
    return documento


@transaction.atomic
def partenariato_save(*, partenariato: Partenariato, partner, actor) -> Partenariato:
    if not permissions.sees_everything(actor):
        raise PermissionDenied(_("I partenariati li registra lo staff di progetto."))
    if partenariato.pk:
        # The state asked for by the form moves through the door from the state stored (read under lock).
        nuovo = partenariato.stato
        partenariato.refresh_from_db(fields=["stato"], from_queryset=Partenariato.objects.select_for_update())
        if partenariato.stato != nuovo:
            workflow_transition(obj=partenariato, field="stato", table=workflows.PARTENARIATO, to=nuovo, actor=actor)
    partenariato.full_clean()
    partenariato.save()
    partenariato.partner.set(partner)
    return partenariato
