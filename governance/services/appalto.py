"""Contract oversight: the contractor's reports (submitted → accepted / changes requested) and site visits."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.permissions import can_act_for_ente
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from costellazioni.uploads import file_store
from governance import permissions, workflows
from governance.events import Evento, Notifica
from governance.models import (
    AllegatoRapporto,
    Appalto,
    AttivitaRapporto,
    CommentoRapporto,
    FotoSopralluogo,
    RapportoAppaltatore,
    Sopralluogo,
)


@transaction.atomic
def appalto_save(*, appalto: Appalto, actor) -> Appalto:
    """Register a contract, or correct one (staff): its contractor may report while it is in force."""
    if not permissions.sees_everything(actor):
        raise PermissionDenied(_("Gli appalti li registra lo staff di progetto."))
    evento = Evento.APPALTO_MODIFICATO if appalto.pk else Evento.APPALTO_REGISTRATO
    appalto.full_clean()
    appalto.save()
    audit_record(obj=appalto, evento=evento, autore=actor)
    return appalto


@transaction.atomic
def rapporto_create(
    *,
    appaltatore,
    actor,
    periodo_dal: datetime.date,
    periodo_al: datetime.date,
    attivita: list[dict],
    problemi: str = "",
) -> RapportoAppaltatore:
    """A draft report: ``attivita`` is a list of ``{macro_azione, descrizione, ore, persone_raggiunte}``."""
    decision = can_act_for_ente(actor, appaltatore)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not Appalto.objects.in_corso(on=periodo_al).filter(appaltatore=appaltatore).exists():
        raise ValidationError({"appaltatore": _("L'ente non ha un appalto in corso con il programma.")})
    rapporto = RapportoAppaltatore(
        appaltatore=appaltatore, periodo_dal=periodo_dal, periodo_al=periodo_al, problemi=problemi, autore=actor
    )
    rapporto.full_clean()
    rapporto.save()
    for riga in attivita:
        item = AttivitaRapporto(rapporto=rapporto, **riga)
        item.full_clean()
        item.save()
    return rapporto


@transaction.atomic
def rapporto_update(
    *,
    rapporto: RapportoAppaltatore,
    actor,
    periodo_dal: datetime.date,
    periodo_al: datetime.date,
    attivita: list[dict],
    problemi: str = "",
) -> RapportoAppaltatore:
    """Rewrite a draft, or a report sent back with changes requested; the activities are replaced."""
    rapporto = RapportoAppaltatore.objects.select_for_update().select_related("appaltatore").get(pk=rapporto.pk)
    if not can_act_for_ente(actor, rapporto.appaltatore):
        raise PermissionDenied(_("Non puoi modificare questa relazione."))
    if rapporto.stato not in (RapportoAppaltatore.Stato.BOZZA, RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE):
        raise ValidationError(_("La relazione è già all'esame dello staff."), code="locked")
    rapporto.periodo_dal, rapporto.periodo_al, rapporto.problemi = periodo_dal, periodo_al, problemi
    rapporto.full_clean()
    rapporto.save()
    rapporto.attivita.all().delete()
    for riga in attivita:
        item = AttivitaRapporto(rapporto=rapporto, **riga)
        item.full_clean()
        item.save()
    return rapporto


@transaction.atomic
def rapporto_attach(*, rapporto: RapportoAppaltatore, actor, uploaded) -> AllegatoRapporto:
    if not can_act_for_ente(actor, rapporto.appaltatore) or rapporto.stato not in (
        RapportoAppaltatore.Stato.BOZZA,
        RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE,
    ):
        raise PermissionDenied(_("Non puoi aggiungere allegati a questa relazione."))
    return file_store(instance=AllegatoRapporto(rapporto=rapporto), field_name="file", uploaded=uploaded)


def _roles(actor, rapporto: RapportoAppaltatore) -> set:
    return {workflows.APPALTATORE} if can_act_for_ente(actor, rapporto.appaltatore) else set()


@transaction.atomic
def rapporto_transition(*, rapporto: RapportoAppaltatore, to: str, actor, note: str = "") -> RapportoAppaltatore:
    rapporto = RapportoAppaltatore.objects.select_for_update().select_related("appaltatore").get(pk=rapporto.pk)
    revisione = to in (RapportoAppaltatore.Stato.ACCETTATO, RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE)
    if revisione and can_act_for_ente(actor, rapporto.appaltatore):
        # Nobody reviews a report of an organisation they represent, staff included.
        raise PermissionDenied(_("Non puoi esaminare la relazione di un ente che rappresenti."))
    if to == RapportoAppaltatore.Stato.INVIATO and not rapporto.attivita.exists():
        raise ValidationError(_("Descrivi almeno le attività di una macro-azione prima di inviare."), code="empty")
    workflow_transition(
        obj=rapporto,
        field="stato",
        table=workflows.RAPPORTO,
        to=to,
        actor=actor,
        note=note,
        roles=_roles(actor, rapporto),
    )
    if to == RapportoAppaltatore.Stato.INVIATO:
        rapporto.inviato_il = timezone.now()
    rapporto.full_clean()
    rapporto.save(update_fields=["stato", "inviato_il"])
    if note:
        CommentoRapporto.objects.create(rapporto=rapporto, autore=actor, testo=note)
    if to in (RapportoAppaltatore.Stato.ACCETTATO, RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE):
        referenti = [m.user for m in rapporto.appaltatore.memberships.verified().select_related("user")]
        notify(
            destinatari=referenti,
            tipo=Notifica.REPORT,
            oggetto=(
                _("Relazione accettata: %(r)s")
                if to == RapportoAppaltatore.Stato.ACCETTATO
                else _("Modifiche richieste alla relazione: %(r)s")
            )
            % {"r": rapporto},
            testo=note or _("Lo staff di progetto ha accettato la relazione."),
            link=reverse("area_personale"),
        )
    return rapporto


def rapporto_submit(*, rapporto: RapportoAppaltatore, actor) -> RapportoAppaltatore:
    return rapporto_transition(rapporto=rapporto, to=RapportoAppaltatore.Stato.INVIATO, actor=actor)


def rapporto_accept(*, rapporto: RapportoAppaltatore, actor, note: str = "") -> RapportoAppaltatore:
    return rapporto_transition(rapporto=rapporto, to=RapportoAppaltatore.Stato.ACCETTATO, actor=actor, note=note)


def rapporto_request_changes(*, rapporto: RapportoAppaltatore, actor, note: str) -> RapportoAppaltatore:
    return rapporto_transition(
        rapporto=rapporto, to=RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE, actor=actor, note=note
    )


@transaction.atomic
def rapporto_comment(*, rapporto: RapportoAppaltatore, actor, testo: str) -> CommentoRapporto:
    if not (permissions.sees_everything(actor) or can_act_for_ente(actor, rapporto.appaltatore)):
        raise PermissionDenied(_("Non puoi commentare questa relazione."))
    commento = CommentoRapporto(rapporto=rapporto, autore=actor, testo=testo)
    commento.full_clean()
    commento.save()
    return commento


@transaction.atomic
def sopralluogo_record(
    *,
    actor,
    data: datetime.date,
    partecipanti: str,
    esiti: str,
    seguiti: str = "",
    hub=None,
    luogo: str = "",
    foto: list[tuple] = (),
) -> Sopralluogo:
    """Record a site visit; ``foto`` is a list of ``(uploaded image, caption)``."""
    if not permissions.sees_everything(actor):
        raise PermissionDenied(_("I sopralluoghi li registra lo staff di progetto."))
    sopralluogo = Sopralluogo(
        data=data, hub=hub, luogo=luogo, partecipanti=partecipanti, esiti=esiti, seguiti=seguiti, autore=actor
    )
    sopralluogo.full_clean()
    sopralluogo.save()
    for uploaded, didascalia in foto:
        sopralluogo_add_photo(sopralluogo=sopralluogo, actor=actor, uploaded=uploaded, didascalia=didascalia)
    return sopralluogo


@transaction.atomic
def sopralluogo_add_photo(*, sopralluogo: Sopralluogo, actor, uploaded, didascalia: str) -> FotoSopralluogo:
    decision = permissions.can_follow_sopralluogo(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not didascalia.strip():
        raise ValidationError({"didascalia": _("Descrivi la foto per chi non può vederla.")})
    foto = FotoSopralluogo(sopralluogo=sopralluogo, didascalia=didascalia)
    return file_store(instance=foto, field_name="file", uploaded=uploaded)
