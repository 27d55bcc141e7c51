"""MOUs: the document generated from the data, signatures, states, renewals and commitments."""

import hashlib
import json
import re

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from coprogrammazione import permissions, workflows
from coprogrammazione.events import Evento, Notifica
from coprogrammazione.models import Impegno, ParteProtocollo, ProtocolloIntesa
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.pdf import pdf_render
from costellazioni.services.workflow import workflow_transition
from costellazioni.uploads import PDF, check_upload

P = ProtocolloIntesa.Stato
CODICE_RE = re.compile(r"CC-PI-(\d+)-v(\d+)-([0-9a-f]{64})")


def protocollo_text_digest(protocollo: ProtocolloIntesa) -> str:
    """SHA-256 of everything the signatories agree to: subject, text, dates, parties and commitments."""
    data = {
        "oggetto": protocollo.oggetto,
        "testo": protocollo.testo,
        "data_inizio": protocollo.data_inizio.isoformat(),
        "data_fine": protocollo.data_fine.isoformat(),
        "parti": [
            [p.pk, p.ente_id, p.denominazione, p.firmatario, p.ruolo_firmatario]
            for p in protocollo.parti.order_by("pk")
        ],
        "impegni": [[i.pk, i.parte_id, i.testo, i.scadenza.isoformat()] for i in protocollo.impegni.order_by("pk")],
    }
    return hashlib.sha256(json.dumps(data, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _locked(protocollo) -> ProtocolloIntesa:
    return ProtocolloIntesa.objects.select_for_update().get(pk=protocollo.pk)


def _check_editable(protocollo: ProtocolloIntesa, actor) -> ProtocolloIntesa:
    """The MOU as stored, locked, once ``actor`` may write it (a new one is checked as it stands)."""
    stored = _locked(protocollo) if protocollo.pk is not None else protocollo
    decision = permissions.can_edit_protocollo(actor, stored)
    if not decision:
        raise PermissionDenied(decision.reason)
    return stored


@transaction.atomic
def protocollo_save(*, protocollo: ProtocolloIntesa, actor) -> ProtocolloIntesa:
    """Register an MOU, or correct a draft's subject, text and dates (staff)."""
    evento = Evento.PROTOCOLLO_MODIFICATO if protocollo.pk is not None else Evento.PROTOCOLLO_REGISTRATO
    _check_editable(protocollo, actor)
    protocollo.full_clean()
    protocollo.save()
    audit_record(obj=protocollo, evento=evento, autore=actor, stato_a=protocollo.stato)
    return protocollo


@transaction.atomic
def protocollo_row_save(*, row: ParteProtocollo | Impegno, actor) -> ParteProtocollo | Impegno:
    """Add or correct a party or a commitment of a draft MOU."""
    _check_editable(row.protocollo, actor)
    evento = Evento.PARTE_O_IMPEGNO_MODIFICATO if row.pk is not None else Evento.PARTE_O_IMPEGNO_AGGIUNTO
    row.full_clean()
    row.save()
    audit_record(obj=row.protocollo, evento=evento, autore=actor, nota=str(row))
    return row


@transaction.atomic
def protocollo_row_delete(*, row: ParteProtocollo | Impegno, actor) -> None:
    """Remove a party or a commitment from a draft MOU."""
    _check_editable(row.protocollo, actor)
    audit_record(obj=row.protocollo, evento=Evento.PARTE_O_IMPEGNO_RIMOSSO, autore=actor, nota=str(row))
    row.delete()


@transaction.atomic
def protocollo_document(*, protocollo: ProtocolloIntesa) -> ProtocolloIntesa:
    """Generate the MOU's PDF from its data; a new text gets a new version number, the same text keeps it."""
    protocollo = _locked(protocollo)
    digest = protocollo_text_digest(protocollo)
    if digest == protocollo.impronta and protocollo.documento:
        return protocollo
    if protocollo.stato != P.BOZZA:
        raise ValidationError(
            _("Il testo di un protocollo in firma o firmato non cambia: riportalo in bozza o rinnovalo."),
            code="text_locked",
        )
    protocollo.versione += 1
    protocollo.impronta = digest
    pdf = pdf_render(
        template_name="coprogrammazione/pdf/protocollo.html",
        context={
            "protocollo": protocollo,
            "parti": protocollo.parti.all(),
            "impegni": protocollo.impegni.select_related("parte"),
        },
        pdfa=True,
    )
    protocollo.documento.save(f"protocollo-{protocollo.pk}-v{protocollo.versione}.pdf", ContentFile(pdf), save=False)
    protocollo.full_clean()
    protocollo.save()
    return protocollo


def protocollo_apply_transition(*, protocollo, to, actor, note="", roles=None):
    """Move a locked MOU through ``workflows.PROTOCOLLO`` and save it (callers hold the transaction)."""
    workflow_transition(
        obj=protocollo,
        field="stato",
        table=workflows.PROTOCOLLO,
        to=to,
        actor=actor,
        note=note,
        roles=roles if roles is not None else permissions.actor_roles(actor),
    )
    protocollo.full_clean()
    protocollo.save()


def _notify_parties(protocollo, *, oggetto: str, testo: str) -> None:
    people = set(permissions.staff_recipients())
    for parte in protocollo.parti.select_related("ente"):
        if parte.ente_id:
            people.update(permissions.ente_referenti(parte.ente))
    if people:
        notify(
            destinatari=people,
            tipo=Notifica.COPROGRAMMAZIONE,
            oggetto=oggetto,
            testo=testo,
            link=protocollo.get_absolute_url(),
        )


@transaction.atomic
def protocollo_send_for_signature(*, protocollo: ProtocolloIntesa, actor) -> ProtocolloIntesa:
    """Staff send the MOU for signature: at least the City and one ente, each with a signatory."""
    protocollo = protocollo_document(protocollo=protocollo)
    protocollo = _locked(protocollo)
    parti = list(protocollo.parti.all())
    if len(parti) < 2 or not any(p.is_comune for p in parti):
        raise ValidationError(
            _("Un protocollo d'intesa ha almeno due parti, tra cui il Comune."), code="too_few_parties"
        )
    protocollo_apply_transition(protocollo=protocollo, to=P.IN_FIRMA, actor=actor)
    _notify_parties(
        protocollo,
        oggetto=_("Protocollo d'intesa da firmare: %(oggetto)s") % {"oggetto": protocollo.oggetto},
        testo=_(
            "Il protocollo «%(oggetto)s» (versione %(versione)s) è pronto per la firma. Scarica il documento, "
            "firmalo digitalmente (PAdES) e caricalo sul portale."
        )
        % {"oggetto": protocollo.oggetto, "versione": protocollo.versione},
    )
    return protocollo


def _read_codes(data: bytes) -> set[tuple[int, int, str]]:
    """The MOU codes found in a PDF's metadata and text (a PAdES signature keeps both)."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        chunks = [str(value) for value in (reader.metadata or {}).values()]
        for page in reader.pages[:20]:
            chunks.append(page.extract_text() or "")
    except (PdfReadError, ValueError, KeyError, TypeError):
        raise ValidationError(_("Il PDF non si può leggere: caricane una copia integra."), code="unreadable") from None
    text = re.sub(r"\s+", "", " ".join(chunks))
    return {(int(pk), int(v), digest) for pk, v, digest in CODICE_RE.findall(text)}


@transaction.atomic
def parte_sign(*, parte: ParteProtocollo, file, actor, firmato_il=None, scansione: bool = False) -> ParteProtocollo:
    """Record a party's signature: the signed PDF, checked by content against the current version.

    A signed copy of the generated document carries its code (MOU, version, digest of the text); a copy of
    another version is refused. A scanned copy has no readable code: only staff may record it, declaring it.
    When the last party signs, the MOU becomes firmato.
    """
    protocollo = _locked(parte.protocollo)
    parte = ParteProtocollo.objects.select_for_update(of=("self",)).select_related("ente").get(pk=parte.pk)
    parte.protocollo = protocollo
    decision = permissions.can_sign(actor, parte)
    if not decision:
        raise PermissionDenied(decision.reason)
    try:
        check_upload(file, allowed=PDF)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    file.seek(0)
    data = file.read()
    file.seek(0)
    codes = {code for code in _read_codes(data) if code[0] == protocollo.pk}
    if (protocollo.pk, protocollo.versione, protocollo.impronta) in codes:
        verifica = ParteProtocollo.Verifica.CODICE
    elif codes:
        versioni = ", ".join(sorted({str(v) for _pk, v, _d in codes}))
        raise ValidationError(
            {
                "file": _(
                    "Il file è la copia di un'altra versione del protocollo (versione %(trovata)s): "
                    "scarica e firma la versione %(attuale)s."
                )
                % {"trovata": versioni, "attuale": protocollo.versione}
            }
        )
    elif scansione and workflows.STAFF in permissions.actor_roles(actor):
        verifica = ParteProtocollo.Verifica.SCANSIONE
    else:
        raise ValidationError(
            {
                "file": _(
                    "Nel file non troviamo il codice del protocollo: carica il PDF generato dal portale, "
                    "firmato digitalmente. Una scansione firmata va consegnata all'ufficio, che la registra."
                )
            }
        )
    today = timezone.localdate()
    firmato_il = firmato_il or today
    if firmato_il > today:
        raise ValidationError({"firmato_il": _("La data di firma non può essere futura.")})
    parte.firmato_il = firmato_il
    parte.firma_sha256 = hashlib.sha256(data).hexdigest()
    parte.firma_versione = protocollo.versione
    parte.firma_verifica = verifica
    parte.firma_caricata_da = actor
    parte.firma_file.save(f"protocollo-{protocollo.pk}-parte-{parte.pk}-firmato.pdf", ContentFile(data), save=False)
    parte.full_clean()
    parte.save()
    audit_record(
        obj=protocollo,
        evento=workflows.EVENTO_FIRMA,
        autore=actor,
        nota=f"{parte.denominazione}, SHA-256 {parte.firma_sha256}",
    )
    if not protocollo.parti.filter(firmato_il__isnull=True).exists():
        roles = permissions.actor_roles(actor, ente=parte.ente)
        protocollo_apply_transition(protocollo=protocollo, to=P.FIRMATO, actor=actor, roles=roles)
        _notify_parties(
            protocollo,
            oggetto=_("Protocollo d'intesa firmato: %(oggetto)s") % {"oggetto": protocollo.oggetto},
            testo=_("Tutte le parti hanno firmato il protocollo «%(oggetto)s».") % {"oggetto": protocollo.oggetto},
        )
    return parte


@transaction.atomic
def protocollo_transition(*, protocollo: ProtocolloIntesa, to: str, actor, note: str = "") -> ProtocolloIntesa:
    """Any other state change of an MOU (back to draft, activate, resolve), by staff through the table."""
    protocollo = _locked(protocollo)
    if to == P.FIRMATO:
        raise ValidationError(_("Il protocollo diventa firmato solo con la firma di tutte le parti."), code="sign_rule")
    if to == P.RINNOVATO:
        raise ValidationError(_("Per rinnovare un protocollo usa il rinnovo."), code="use_renew")
    protocollo_apply_transition(protocollo=protocollo, to=to, actor=actor, note=note)
    if to == P.BOZZA:
        # Signatures were given to a text that may now change: they are withdrawn (the audit keeps them).
        for parte in protocollo.parti.filter(firmato_il__isnull=False):
            parte.firmato_il = None
            parte.firma_sha256 = ""
            parte.firma_versione = None
            parte.firma_verifica = ""
            parte.firma_file = ""
            parte.save()
    return protocollo


def system_actor():
    """The daily task acts as nobody: the audit row has no author."""
    return AnonymousUser()


@transaction.atomic
def protocollo_renew(*, protocollo: ProtocolloIntesa, actor, data_fine, note: str = "") -> ProtocolloIntesa:
    """Renew an MOU: a new linked draft with the same text, parties and open commitments."""
    protocollo = _locked(protocollo)
    protocollo_apply_transition(protocollo=protocollo, to=P.RINNOVATO, actor=actor, note=note)
    nuovo = ProtocolloIntesa(
        percorso=protocollo.percorso,
        oggetto=protocollo.oggetto,
        testo=protocollo.testo,
        data_inizio=max(protocollo.data_fine, timezone.localdate()),
        data_fine=data_fine,
        precedente=protocollo,
    )
    nuovo.full_clean()
    nuovo.save()
    mapping = {}
    for parte in protocollo.parti.all():
        copia = ParteProtocollo(
            protocollo=nuovo,
            ente=parte.ente,
            denominazione=parte.denominazione,
            firmatario=parte.firmatario,
            ruolo_firmatario=parte.ruolo_firmatario,
            ordine=parte.ordine,
        )
        copia.full_clean()
        copia.save()
        mapping[parte.pk] = copia
    for impegno in protocollo.impegni.filter(stato__in=Impegno.APERTI):
        copia = Impegno(
            protocollo=nuovo,
            parte=mapping[impegno.parte_id],
            testo=impegno.testo,
            scadenza=max(impegno.scadenza, nuovo.data_inizio),
        )
        copia.full_clean()
        copia.save()
    audit_record(obj=nuovo, evento=workflows.EVENTO_RINNOVO, autore=actor, stato_a=nuovo.stato, nota=str(protocollo))
    return nuovo


@transaction.atomic
def impegno_transition(*, impegno: Impegno, to: str, actor, note: str = "") -> Impegno:
    impegno = (
        Impegno.objects.select_for_update(of=("self",)).select_related("parte__ente", "protocollo").get(pk=impegno.pk)
    )
    if not impegno.protocollo.is_signed:
        raise ValidationError(_("Gli impegni si seguono dopo la firma del protocollo."), code="not_signed")
    workflow_transition(
        obj=impegno,
        field="stato",
        table=workflows.IMPEGNO,
        to=to,
        actor=actor,
        note=note,
        roles=permissions.actor_roles(actor, ente=impegno.parte.ente),
    )
    impegno.full_clean()
    impegno.save()
    return impegno
