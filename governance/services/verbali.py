"""Minutes: draft per agenda item, decisions with their votes, approval at a later meeting, corrections."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.services.pdf import pdf_render
from costellazioni.services.workflow import workflow_transition
from governance import permissions, workflows
from governance.models import Decisione, Organo, PuntoOrdineGiorno, Riunione, Verbale, VerbalePunto
from governance.services.riunioni import quorum, riunione_transition


def _check_manage(actor, riunione: Riunione) -> None:
    decision = permissions.can_manage_riunione(actor, riunione)
    if not decision:
        raise PermissionDenied(decision.reason)


@transaction.atomic
def verbale_write(*, riunione: Riunione, actor, premessa: str = "", testi: dict[int, str]) -> Verbale:
    """Write or update the draft minutes: ``testi`` maps agenda item ids to what was said about them."""
    _check_manage(actor, riunione)
    riunione = Riunione.objects.select_for_update().get(pk=riunione.pk)
    if riunione.stato not in (Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO):
        raise ValidationError(_("Il verbale si scrive dopo che la riunione si è svolta."), code="not_held")
    verbale = riunione.verbali.filter(stato=Verbale.Stato.BOZZA).first()
    if verbale is None:
        if riunione.verbali.exists():
            raise ValidationError(
                _("Il verbale è già approvato: per modificarlo avvia una correzione con il motivo."), code="approved"
            )
        verbale = Verbale(riunione=riunione, versione=1, redatto_da=actor)
    verbale.premessa = premessa
    verbale.full_clean()
    verbale.save()
    _write_punti(verbale, riunione, testi)
    return verbale


def _write_punti(verbale: Verbale, riunione: Riunione, testi: dict[int, str]) -> None:
    punti = {p.pk: p for p in riunione.punti.all()}
    for punto_id, testo in testi.items():
        if punto_id not in punti:
            raise ValidationError(_("Il punto non appartiene all'ordine del giorno."), code="foreign_item")
        if testo.strip():
            VerbalePunto.objects.update_or_create(verbale=verbale, punto_id=punto_id, defaults={"testo": testo})
        else:
            VerbalePunto.objects.filter(verbale=verbale, punto_id=punto_id).delete()


@transaction.atomic
def verbale_correct(*, riunione: Riunione, actor, motivo: str, testi: dict[int, str], premessa: str) -> Verbale:
    """A correction after approval: a new draft version with its reason; the approved one stays in force."""
    _check_manage(actor, riunione)
    riunione = Riunione.objects.select_for_update().get(pk=riunione.pk)
    vigente = riunione.verbali.filter(stato=Verbale.Stato.APPROVATO).first()
    if vigente is None:
        raise ValidationError(_("Si corregge solo un verbale già approvato."), code="not_approved")
    if riunione.verbali.filter(stato=Verbale.Stato.BOZZA).exists():
        raise ValidationError(_("C'è già una correzione in attesa di approvazione."), code="pending")
    if not motivo.strip():
        raise ValidationError({"motivo_correzione": _("Scrivi il motivo della correzione.")})
    verbale = Verbale(
        riunione=riunione,
        versione=vigente.versione + 1,
        premessa=premessa,
        motivo_correzione=motivo,
        redatto_da=actor,
    )
    verbale.full_clean()
    verbale.save()
    _write_punti(verbale, riunione, testi)
    return verbale


@transaction.atomic
def verbale_approve(
    *, verbale: Verbale, in_riunione: Riunione, favorevoli: int, contrari: int, astenuti: int, actor
) -> Verbale:
    """Approve the minutes by the vote recorded at a later meeting of the same body, held with its quorum."""
    verbale = Verbale.objects.select_for_update().select_related("riunione__organo").get(pk=verbale.pk)
    riunione = verbale.riunione
    in_riunione = Riunione.objects.select_related("organo").get(pk=in_riunione.pk)
    _check_manage(actor, in_riunione)
    if in_riunione.organo_id != riunione.organo_id or in_riunione.inizio <= riunione.fine:
        raise ValidationError(
            {"approvato_in": _("Il verbale si approva in una riunione successiva dello stesso organo.")}
        )
    if in_riunione.stato not in (Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO):
        raise ValidationError({"approvato_in": _("La riunione che approva deve essersi svolta.")})
    numero = quorum(in_riunione)
    if not numero.raggiunto:
        raise ValidationError(
            _("Nella riunione che approva il quorum non è stato raggiunto (%(validi)s su %(richiesto)s).")
            % {"validi": numero.validi, "richiesto": numero.richiesto},
            code="no_quorum",
        )
    if favorevoli + contrari + astenuti > numero.validi:
        raise ValidationError(_("I voti superano i presenti e i delegati della riunione."), code="too_many_votes")
    if favorevoli <= contrari:
        raise ValidationError(_("Il verbale non ha ottenuto la maggioranza dei voti."), code="rejected")
    vigente = riunione.verbali.filter(stato=Verbale.Stato.APPROVATO).select_for_update().first()
    if vigente is not None:
        workflow_transition(
            obj=vigente,
            field="stato",
            table=workflows.VERBALE,
            to=Verbale.Stato.SOSTITUITO,
            actor=actor,
            note=verbale.motivo_correzione,
            roles=permissions.actor_roles(actor, in_riunione),
        )
        vigente.save(update_fields=["stato"])
    workflow_transition(
        obj=verbale,
        field="stato",
        table=workflows.VERBALE,
        to=Verbale.Stato.APPROVATO,
        actor=actor,
        roles=permissions.actor_roles(actor, in_riunione),
    )
    verbale.approvato_in = in_riunione
    verbale.voti_favorevoli, verbale.voti_contrari, verbale.astenuti = favorevoli, contrari, astenuti
    verbale.approvato_il = timezone.now()
    verbale.full_clean()
    verbale.save()
    if riunione.stato == Riunione.Stato.SVOLTA:
        riunione_transition(riunione=riunione, to=Riunione.Stato.VERBALE_APPROVATO, actor=actor)
    return verbale


@transaction.atomic
def decisione_record(
    *,
    punto: PuntoOrdineGiorno,
    actor,
    testo: str,
    tipo: str = Decisione.Tipo.OPERATIVA,
    favorevoli: int | None = None,
    contrari: int | None = None,
    astenuti: int | None = None,
    orientamento: Decisione | None = None,
) -> Decisione:
    """Record a decision on an agenda item; with a vote, the outcome follows from the numbers."""
    riunione = Riunione.objects.select_related("organo").get(pk=punto.riunione_id)
    _check_manage(actor, riunione)
    if riunione.stato not in (Riunione.Stato.SVOLTA, Riunione.Stato.VERBALE_APPROVATO):
        raise ValidationError(_("Le decisioni si registrano dopo che la riunione si è svolta."), code="not_held")
    if tipo == Decisione.Tipo.ORIENTAMENTO and riunione.organo.tipo not in (Organo.Tipo.ASSEMBLEA, Organo.Tipo.TAVOLO):
        raise ValidationError({"tipo": _("Gli orientamenti strategici sono dell'assemblea e dei tavoli di lavoro.")})
    if orientamento is not None and orientamento.tipo != Decisione.Tipo.ORIENTAMENTO:
        raise ValidationError({"orientamento": _("Scegli un orientamento strategico.")})
    if (favorevoli is None) != (contrari is None):
        raise ValidationError(_("Indica sia i voti favorevoli sia quelli contrari."), code="partial_vote")
    if favorevoli is None:
        esito = Decisione.Esito.CONSENSO
    else:
        esito = Decisione.Esito.APPROVATA if favorevoli > contrari else Decisione.Esito.RESPINTA
    decisione = Decisione(
        punto=punto,
        tipo=tipo,
        testo=testo,
        esito=esito,
        voti_favorevoli=favorevoli,
        voti_contrari=contrari,
        astenuti=astenuti if favorevoli is not None else None,
        orientamento=orientamento,
    )
    decisione.full_clean()
    decisione.save()
    return decisione


def verbale_pdf(verbale: Verbale) -> bytes:
    """The minutes on the letterhead, PDF/A, with attendance, items, decisions and the approval vote."""
    riunione = verbale.riunione
    punti = list(verbale.punti.select_related("punto"))
    testi = {vp.punto_id: vp.testo for vp in punti}
    agenda = [
        (punto, testi.get(punto.pk, ""), list(punto.decisioni.all()))
        for punto in riunione.punti.prefetch_related("decisioni")
    ]
    return pdf_render(
        template_name="governance/pdf/verbale.html",
        context={
            "verbale": verbale,
            "riunione": riunione,
            "agenda": agenda,
            "partecipazioni": riunione.partecipazioni.select_related("user", "ente", "delegato_a__user"),
            "quorum": quorum(riunione),
        },
        pdfa=True,
    )
