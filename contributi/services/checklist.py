"""The admissibility checklist of a call: generated from its requirements, answered by staff for each application.

A call's istruttoria starts only once it has a checklist; an application is admissible only once its items are
answered, at least one of them as met, and none of the blocking ones as unmet.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _

from contributi import permissions
from contributi.events import Evento
from contributi.models import Bando, Candidatura, VerificaChecklist, VoceChecklist
from contributi.permissions import require_selection_worker
from costellazioni.formatting import euro
from costellazioni.permissions import require_approver
from costellazioni.services.audit import audit_record

S = Candidatura.Stato


def _amount(value) -> str:
    return floatformat(value, "-2g")


def checklist_default_items(bando: Bando) -> list[dict]:
    """The items a call's requirements and required attachments call for: ``{"testo", "riferimento", "bloccante"}``."""
    tipi = ", ".join(str(label) for label in bando.tipi_ammessi_labels)
    if not tipi or len(tipi) > 240:
        testo = _("L'ente è di un tipo ammesso dal bando.")
    else:
        testo = _("L'ente è di un tipo ammesso dal bando: %(tipi)s.") % {"tipi": tipi}
    items = [{"testo": testo, "riferimento": _("Soggetti ammessi")}]
    if bando.runts_obbligatorio:
        items.append({"testo": _("L'ente è iscritto al RUNTS."), "riferimento": _("Soggetti ammessi")})
    quartieri = list(bando.quartieri.order_by("nome").values_list("nome", flat=True))
    if quartieri:
        items.append(
            {
                "testo": _("Il progetto si svolge nei quartieri previsti dal bando: %(q)s.")
                % {"q": ", ".join(quartieri)}
                if len(", ".join(quartieri)) < 200
                else _("Il progetto si svolge nei quartieri previsti dal bando."),
                "riferimento": _("Ambito territoriale"),
            }
        )
    items.append(
        {
            "testo": _("Il contributo richiesto è compreso tra %(min)s e %(max)s.")
            % {"min": euro(bando.contributo_minimo), "max": euro(bando.contributo_massimo)},
            "riferimento": _("Risorse"),
        }
    )
    if bando.cofinanziamento_percentuale:
        items.append(
            {
                "testo": _("Il cofinanziamento copre almeno il %(perc)s%% del costo totale del progetto.")
                % {"perc": _amount(bando.cofinanziamento_percentuale)},
                "riferimento": _("Risorse"),
            }
        )
    if bando.una_candidatura_per_ente:
        items.append({"testo": _("L'ente ha presentato una sola candidatura al bando."), "riferimento": ""})
    items.append(
        {
            "testo": _("Le dichiarazioni sono rese dal legale rappresentante o da un suo delegato (DPR 445/2000)."),
            "riferimento": _("Modalità di presentazione"),
        }
    )
    for richiesto in bando.allegati_richiesti.all():
        if richiesto.obbligatorio:
            testo = _("Allegato «%(nome)s» presente e conforme.") % {"nome": richiesto.nome}
        else:
            testo = _("Allegato facoltativo «%(nome)s»: se presente, conforme.") % {"nome": richiesto.nome}
        items.append({"testo": testo[:300], "riferimento": _("Allegati"), "bloccante": richiesto.obbligatorio})
    return items


@transaction.atomic
def checklist_generate(*, bando: Bando, actor) -> list[VoceChecklist]:
    """Add to the call's checklist the default items it lacks (items already there, and their order, stay)."""
    require_selection_worker(actor)
    return checklist_fill(bando=bando, actor=actor)


def checklist_fill(*, bando: Bando, actor) -> list[VoceChecklist]:
    """``checklist_generate`` without the staff check, for the services that already made it (publication)."""
    bando = Bando.objects.select_for_update().get(pk=bando.pk)
    existing = set(bando.checklist.values_list("testo", flat=True))
    ordine = bando.checklist.aggregate(m=Max("ordine"))["m"] or 0
    created = []
    for item in checklist_default_items(bando):
        if item["testo"] in existing:
            continue
        ordine += 1
        voce = VoceChecklist(
            bando=bando,
            testo=item["testo"],
            riferimento=item["riferimento"],
            bloccante=item.get("bloccante", True),
            ordine=ordine,
        )
        voce.full_clean()
        voce.save()
        created.append(voce)
    if created:
        audit_record(obj=bando, evento=Evento.CHECKLIST_DI_AMMISSIBILITA_GENERATA, autore=actor, nota=str(len(created)))
    return created


@transaction.atomic
def checklist_save(*, candidatura: Candidatura, actor, risposte: dict, now=None) -> list[VerificaChecklist]:
    """Record staff's answers: ``{voce_id: (soddisfatta: bool | None, nota: str)}``."""
    require_selection_worker(actor)
    now = now or timezone.now()
    candidatura = (
        Candidatura.objects.select_for_update(of=("self",)).select_related("bando", "ente").get(pk=candidatura.pk)
    )
    require_approver(permissions.can_decide(actor, candidatura))
    if candidatura.stato not in (S.IN_ISTRUTTORIA, S.INTEGRAZIONI_RICHIESTE):
        raise ValidationError(_("La checklist si compila solo durante l'istruttoria."))
    voci = {v.pk: v for v in candidatura.bando.checklist.all()}
    saved = []
    for voce_id, (soddisfatta, nota) in risposte.items():
        voce = voci.get(int(voce_id))
        if voce is None:
            raise ValidationError(_("Questa voce non appartiene alla checklist del bando."))
        verifica, _created = VerificaChecklist.objects.get_or_create(candidatura=candidatura, voce=voce)
        verifica.soddisfatta = soddisfatta
        verifica.nota = nota or ""
        verifica.verificata_da = actor
        verifica.verificata_il = now
        verifica.full_clean()
        verifica.save()
        saved.append(verifica)
    return saved


def checklist_errors(candidatura: Candidatura) -> list[str]:
    """What stops a positive admissibility outcome: no checklist, nothing checked, unanswered or unmet items."""
    voci = list(candidatura.bando.checklist.all())
    if not voci:
        return [_("Il bando non ha una checklist di ammissibilità: generala prima di decidere.")]
    verifiche = {v.voce_id: v for v in candidatura.verifiche.all()}
    errors = []
    if not any(v.soddisfatta is not None for v in verifiche.values()):
        errors.append(
            _("Nessuna voce della checklist è stata verificata: la candidatura non può essere dichiarata ammissibile.")
        )
    for voce in voci:
        verifica = verifiche.get(voce.pk)
        if verifica is None or verifica.soddisfatta is None:
            errors.append(_("Requisito non ancora verificato: %(voce)s") % {"voce": voce.testo})
        elif voce.bloccante and not verifica.soddisfatta:
            errors.append(_("Requisito non soddisfatto: %(voce)s") % {"voce": voce.testo})
    return errors
