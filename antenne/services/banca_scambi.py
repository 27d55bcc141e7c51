"""Exchanges between two members: proposed, agreed, confirmed by both (the hours move then) or cancelled,
each step through the workflow door (``workflows.SCAMBIO``)."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from antenne import permissions, workflows
from antenne.events import Evento, Notifica
from antenne.models import MovimentoBancaDelTempo, Offerta, Richiesta, Scambio, SocioBancaDelTempo
from antenne.models.banca import limite_negativo
from antenne.services.banca_registro import registrazione_book
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition


@transaction.atomic
def scambio_propose(
    *,
    proposto_da: SocioBancaDelTempo,
    erogatore: SocioBancaDelTempo,
    beneficiario: SocioBancaDelTempo,
    ore: Decimal,
    descrizione: str,
    offerta: Offerta | None = None,
    richiesta: Richiesta | None = None,
    da_concordare: bool = False,
    previsto_il: date | None = None,
) -> Scambio:
    """One of the two members proposes an exchange.

    Recorded after it happened (the default), the proposer's own confirmation comes with it and the other
    confirms it. Proposed before it happens (``da_concordare``), the other agrees to it (``scambio_agree``)
    and both confirm it once it has happened.
    """
    if proposto_da.pk not in (erogatore.pk, beneficiario.pk):
        raise PermissionDenied(_("Puoi proporre solo scambi di cui fai parte."))
    if (
        erogatore.stato != SocioBancaDelTempo.Stato.VERIFICATO
        or beneficiario.stato != SocioBancaDelTempo.Stato.VERIFICATO
    ):
        raise ValidationError(_("Entrambi i soci devono essere verificati."))
    same = {"erogatore": erogatore, "beneficiario": beneficiario, "ore": ore, "descrizione": descrizione}
    pending = Scambio.objects.filter(**same, stato=Scambio.Stato.PROPOSTO)
    if existing := pending.first():
        return existing  # the same proposal sent again (a double click): one exchange, one request to confirm
    adesso = None if da_concordare else timezone.now()
    scambio = Scambio(
        **same,
        proposto_da=proposto_da,
        previsto_il=previsto_il if da_concordare else None,
        offerta=offerta,
        richiesta=richiesta,
        confermato_erogatore_il=adesso if proposto_da.pk == erogatore.pk else None,
        confermato_beneficiario_il=adesso if proposto_da.pk == beneficiario.pk else None,
    )
    scambio.full_clean()
    try:
        with transaction.atomic():
            scambio.save()
    except IntegrityError:
        if existing := pending.first():  # the other click committed first
            return existing
        raise
    audit_record(obj=scambio, evento=Evento.SCAMBIO_PROPOSTO, autore=proposto_da.user, stato_a=scambio.stato)
    altro = beneficiario if proposto_da.pk == erogatore.pk else erogatore
    if da_concordare:
        oggetto = _("Una proposta di scambio")
        testo = _("%(chi)s ti propone uno scambio di %(ore)s ore: «%(descrizione)s». Accettalo o rifiutalo.") % {
            "chi": proposto_da.nome_pubblico,
            "ore": ore,
            "descrizione": descrizione,
        }
    else:
        oggetto = _("Uno scambio da confermare")
        testo = _("%(chi)s ha registrato uno scambio di %(ore)s ore: confermalo se è avvenuto.") % {
            "chi": proposto_da.nome_pubblico,
            "ore": ore,
        }
    notify(
        destinatari=[altro.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=oggetto,
        testo=testo,
        link="/banca-del-tempo/",
    )
    return scambio


def _scambio_locked(scambio: Scambio) -> Scambio:
    return (
        Scambio.objects.select_for_update(of=("self",))
        .select_related("erogatore__user", "beneficiario__user")
        .get(pk=scambio.pk)
    )


def _scambio_fire(*, scambio: Scambio, to: str, actor, note: str = ""):
    """Through the workflow door: the table says who may, the audit row records it."""
    workflow_transition(
        field="stato",
        obj=scambio,
        table=workflows.SCAMBIO,
        to=to,
        actor=actor,
        roles=permissions.scambio_roles(actor, scambio),
        note=note,
    )


def _altro(scambio: Scambio, socio: SocioBancaDelTempo | None) -> list:
    """The member(s) to tell: the other one, or both when the coordination acts."""
    parti = [scambio.erogatore, scambio.beneficiario]
    return [p.user for p in parti if socio is None or p.pk != socio.pk]


def _tell_the_other(scambio: Scambio, socio: SocioBancaDelTempo, *, oggetto: str, testo: str) -> None:
    """Tell the other member what ``socio`` did; ``testo`` names them as ``%(chi)s`` and the exchange as
    ``%(descrizione)s``."""
    notify(
        destinatari=_altro(scambio, socio),
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=oggetto,
        testo=testo % {"chi": socio.nome_pubblico, "descrizione": scambio.descrizione},
        link="/banca-del-tempo/",
    )


@transaction.atomic
def scambio_agree(*, scambio: Scambio, socio: SocioBancaDelTempo) -> Scambio:
    """The other member accepts an exchange proposed before it happens: it is now agreed (no hours move yet)."""
    scambio = _scambio_locked(scambio)
    if socio.pk not in (scambio.erogatore_id, scambio.beneficiario_id):
        raise PermissionDenied(_("Puoi accettare solo gli scambi di cui fai parte."))
    if not scambio.da_concordare:
        raise ValidationError(_("Questo scambio non aspetta di essere concordato."), code="not_to_agree")
    _scambio_fire(scambio=scambio, to=Scambio.Stato.CONCORDATO, actor=socio.user)
    scambio.concordato_il = timezone.now()
    scambio.full_clean()
    scambio.save(update_fields=["stato", "concordato_il"])
    _tell_the_other(
        scambio,
        socio,
        oggetto=_("Scambio concordato"),
        testo=_("%(chi)s ha accettato lo scambio «%(descrizione)s». Dopo che è avvenuto, confermalo."),
    )
    return scambio


@transaction.atomic
def scambio_confirm(*, scambio: Scambio, socio: SocioBancaDelTempo) -> Scambio:
    """A member confirms it happened; when both have, the hours move, within the beneficiary's negative limit.

    Both members' rows are locked (in primary-key order, so two exchanges never deadlock) before
    the balance is read, so concurrent exchanges cannot together go past the limit.
    """
    scambio = _scambio_locked(scambio)
    if scambio.stato not in (Scambio.Stato.PROPOSTO, Scambio.Stato.CONCORDATO):
        raise ValidationError(_("Questo scambio non è più da confermare."))
    adesso = timezone.now()
    if socio.pk == scambio.erogatore_id:
        scambio.confermato_erogatore_il = scambio.confermato_erogatore_il or adesso
    elif socio.pk == scambio.beneficiario_id:
        scambio.confermato_beneficiario_il = scambio.confermato_beneficiario_il or adesso
    else:
        raise PermissionDenied(_("Puoi confermare solo gli scambi di cui fai parte."))
    if scambio.confermato_erogatore_il and scambio.confermato_beneficiario_il:
        soci = {
            s.pk: s
            for s in SocioBancaDelTempo.objects.select_for_update()
            .filter(pk__in=[scambio.erogatore_id, scambio.beneficiario_id])
            .order_by("pk")
        }
        beneficiario = soci[scambio.beneficiario_id]
        if (
            beneficiario.stato != SocioBancaDelTempo.Stato.VERIFICATO
            or soci[scambio.erogatore_id].stato != SocioBancaDelTempo.Stato.VERIFICATO
        ):
            raise ValidationError(_("Entrambi i soci devono essere verificati."))
        if beneficiario.saldo() - scambio.ore < -limite_negativo():
            raise ValidationError(
                _("Lo scambio porterebbe il saldo di chi riceve oltre il limite di %(limite)s ore di debito.")
                % {"limite": limite_negativo()},
                code="negative_limit",
            )
        _scambio_fire(scambio=scambio, to=Scambio.Stato.CONFERMATO, actor=socio.user)
        scambio.full_clean()
        scambio.save()
        registrazione_book(
            righe=[(soci[scambio.erogatore_id], scambio.ore), (beneficiario, -scambio.ore)],
            tipo=MovimentoBancaDelTempo.Tipo.SCAMBIO,
            causale=scambio.descrizione,
            actor=socio.user,
            scambio=scambio,
        )
    else:
        scambio.full_clean()
        scambio.save()
        if scambio.stato == Scambio.Stato.CONCORDATO:
            _tell_the_other(
                scambio,
                socio,
                oggetto=_("Uno scambio da confermare"),
                testo=_("%(chi)s conferma che lo scambio «%(descrizione)s» è avvenuto: confermalo anche tu."),
            )
    return scambio


@transaction.atomic
def scambio_cancel(*, scambio: Scambio, socio: SocioBancaDelTempo) -> Scambio:
    """Either member calls off an exchange not yet confirmed (a proposal turned down, an agreement dropped)."""
    scambio = _scambio_locked(scambio)
    if socio.pk not in (scambio.erogatore_id, scambio.beneficiario_id):
        raise PermissionDenied(_("Puoi annullare solo gli scambi di cui fai parte."))
    if scambio.stato not in (Scambio.Stato.PROPOSTO, Scambio.Stato.CONCORDATO):
        raise ValidationError(_("Uno scambio confermato non si annulla: chiedi una correzione al coordinamento."))
    _scambio_fire(scambio=scambio, to=Scambio.Stato.ANNULLATO, actor=socio.user)
    scambio.save(update_fields=["stato"])
    _tell_the_other(
        scambio,
        socio,
        oggetto=_("Scambio annullato"),
        testo=_("%(chi)s ha annullato lo scambio «%(descrizione)s»."),
    )
    return scambio
