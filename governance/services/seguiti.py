"""Follow-ups of site visits and documents of partnerships (files through the core upload component)."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.events import Notifica as CostellazioniNotifica
from costellazioni.formatting import deadline
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from costellazioni.uploads import PDF_O_IMMAGINI, file_store
from governance import permissions, workflows
from governance.events import Evento
from governance.models import DocumentoPartenariato, Partenariato, SeguitoSopralluogo, Sopralluogo


@transaction.atomic
def seguito_create(
    *,
    sopralluogo: Sopralluogo,
    actor,
    descrizione: str,
    scadenza: datetime.date,
    responsabile=None,
    ente_responsabile=None,
) -> SeguitoSopralluogo:
    """A follow-up of a site visit, with its owner (a person or an ente) and due date."""
    decision = permissions.can_follow_sopralluogo(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    if responsabile is None and ente_responsabile is None:
        raise ValidationError({"responsabile": _("Indica chi se ne occupa: una persona o un ente.")})
    seguito = SeguitoSopralluogo(
        sopralluogo=sopralluogo,
        descrizione=descrizione,
        scadenza=scadenza,
        responsabile=responsabile,
        ente_responsabile=ente_responsabile,
        autore=actor,
    )
    seguito.full_clean()
    seguito.save()
    audit_record(obj=seguito, evento=Evento.AZIONE_REGISTRATA, autore=actor, stato_a=seguito.stato)
    if responsabile is not None and responsabile.pk != actor.pk:
        notify(
            destinatari=[responsabile],
            tipo=CostellazioniNotifica.AVVISO,
            oggetto=_("Nuova azione dopo un sopralluogo: %(azione)s") % {"azione": seguito},
            testo=_("%(sopralluogo)s: ti è stata affidata un'azione da completare entro %(scadenza)s.")
            % {"sopralluogo": sopralluogo, "scadenza": deadline(scadenza)},
            link=sopralluogo.get_absolute_url(),
        )
    return seguito


@transaction.atomic
def seguito_transition(*, seguito: SeguitoSopralluogo, to: str, actor, note: str = "") -> SeguitoSopralluogo:
    seguito = SeguitoSopralluogo.objects.select_for_update().get(pk=seguito.pk)
    roles = permissions.seguito_roles(actor, seguito)
    if not roles:
        raise PermissionDenied(_("Non puoi aggiornare questa azione."))
    workflow_transition(
        obj=seguito, field="stato", table=workflows.SEGUITO_SOPRALLUOGO, to=to, actor=actor, note=note, roles=roles
    )
    seguito.chiuso_il = timezone.now() if seguito.chiuso else None
    seguito.full_clean()
    seguito.save(update_fields=["stato", "chiuso_il"])
    return seguito


@transaction.atomic
def documento_partenariato_upload(*, partenariato: Partenariato, actor, uploaded, titolo: str) -> DocumentoPartenariato:
    """A document of a partnership, uploaded by staff or by whoever may read the partnership's documents."""
    decision = permissions.can_view_documenti_partenariato(actor, partenariato)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not titolo.strip():
        raise ValidationError({"titolo": _("Dai un titolo al documento.")})
    documento = DocumentoPartenariato(partenariato=partenariato, titolo=titolo.strip(), caricato_da=actor)
    file_store(instance=documento, field_name="file", uploaded=uploaded, allowed=PDF_O_IMMAGINI)
    audit_record(obj=partenariato, evento=Evento.DOCUMENTO_CARICATO, autore=actor, nota=documento.titolo)
    return documento
