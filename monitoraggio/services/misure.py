"""Manual measurements: entered with evidence by staff or a funded project, validated by staff."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.services.workflow import workflow_transition
from costellazioni.uploads import PDF_O_IMMAGINI, check_upload, upload_sha256
from monitoraggio import permissions, workflows
from monitoraggio.models import Indicatore, Misurazione, disaggregation_key


@transaction.atomic
def misurazione_create(
    *,
    indicatore: Indicatore,
    periodo_inizio,
    periodo_fine,
    valore: Decimal,
    autore,
    disaggregazione: dict | None = None,
    evidenza=None,
    nota: str = "",
    progetto=None,
    origine: str = Misurazione.Origine.MANUALE,
) -> Misurazione:
    decision = permissions.can_enter_measurement(autore, progetto=progetto)
    if not decision:
        raise PermissionDenied(decision.reason)
    if indicatore.fonte == Indicatore.Fonte.AUTOMATICA:
        raise ValidationError(
            {"indicatore": _("Questo indicatore è calcolato automaticamente: non si inserisce a mano.")}
        )
    disaggregazione = disaggregazione or {}
    unknown = set(disaggregazione) - set(indicatore.disaggregazioni)
    if unknown:
        raise ValidationError(
            {
                "disaggregazione": _("L'indicatore non prevede questa disaggregazione: %(nomi)s.")
                % {"nomi": ", ".join(sorted(unknown))}
            }
        )
    misurazione = Misurazione(
        indicatore=indicatore,
        periodo_inizio=periodo_inizio,
        periodo_fine=periodo_fine,
        valore=valore,
        disaggregazione=disaggregazione,
        origine=origine,
        stato=Misurazione.Stato.DA_VALIDARE,
        progetto=progetto,
        nota=nota,
        inserita_da=autore,
    )
    if evidenza is not None:
        try:
            check_upload(evidenza, allowed=PDF_O_IMMAGINI)
        except ValidationError as exc:
            raise ValidationError({"evidenza": exc.error_list}) from exc
        misurazione.evidenza_sha256 = upload_sha256(evidenza)
        misurazione.evidenza = evidenza
    misurazione.full_clean(validate_constraints=False)
    if (
        Misurazione.objects.filter(
            indicatore=indicatore,
            periodo_inizio=periodo_inizio,
            periodo_fine=periodo_fine,
            chiave=disaggregation_key(disaggregazione),
        )
        .exclude(stato=Misurazione.Stato.RESPINTA)
        .exists()
    ):
        raise ValidationError(
            {"periodo_inizio": _("Esiste già un valore per questo indicatore, periodo e disaggregazione.")},
            code="duplicate",
        )
    misurazione.save()
    return misurazione


def _move(*, misurazione: Misurazione, to: str, actor, note: str = "") -> Misurazione:
    misurazione = Misurazione.objects.select_for_update().get(pk=misurazione.pk)
    decision = permissions.can_validate_measurement(actor, misurazione)
    if not decision:
        raise PermissionDenied(decision.reason)
    workflow_transition(obj=misurazione, field="stato", table=workflows.MISURAZIONE, to=to, actor=actor, note=note)
    if to == Misurazione.Stato.VALIDATA:
        misurazione.validata_da, misurazione.validata_il = actor, timezone.now()
    else:
        misurazione.validata_da, misurazione.validata_il = None, None
    misurazione.save(update_fields=["stato", "validata_da", "validata_il", "rilevata_il"])
    from monitoraggio.tasks import warm_dashboards  # the tasks call the services

    transaction.on_commit(warm_dashboards.delay)
    return misurazione


@transaction.atomic
def misurazione_validate(*, misurazione: Misurazione, actor) -> Misurazione:
    return _move(misurazione=misurazione, to=Misurazione.Stato.VALIDATA, actor=actor)


@transaction.atomic
def misurazione_reject(*, misurazione: Misurazione, actor, note: str) -> Misurazione:
    return _move(misurazione=misurazione, to=Misurazione.Stato.RESPINTA, actor=actor, note=note)
