import uuid
from datetime import date
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from antenne import permissions, workflows
from antenne.events import Evento, Notifica
from antenne.models import MovimentoBancaDelTempo, Offerta, Richiesta, Scambio, SocioBancaDelTempo
from antenne.models.banca import credito_iniziale, limite_negativo
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition

CONTATTO_MAX = 1000  # characters in one message between members
S = SocioBancaDelTempo.Stato
T = MovimentoBancaDelTempo.Tipo


def _conto_banca() -> SocioBancaDelTempo:
    conto, _created = SocioBancaDelTempo.objects.get_or_create(
        is_banca=True, defaults={"stato": SocioBancaDelTempo.Stato.VERIFICATO}
    )
    return conto


def _saldo(socio: SocioBancaDelTempo) -> Decimal:
    return MovimentoBancaDelTempo.objects.filter(socio=socio).aggregate(t=Sum("ore"))["t"] or Decimal("0")


def _book(*, righe: list[tuple[SocioBancaDelTempo, Decimal]], tipo: str, causale: str, actor=None, scambio=None):
    """Write one registrazione: entries that sum to zero (the database checks it again at commit)."""
    if sum(ore for _socio, ore in righe) != 0:
        raise ValueError("A registrazione must sum to zero.")
    registrazione = uuid.uuid4()
    movimenti = [
        MovimentoBancaDelTempo(
            registrazione=registrazione,
            socio=socio,
            tipo=tipo,
            scambio=scambio,
            ore=ore,
            causale=causale[:300],
            registrato_da=actor if actor is not None and actor.is_authenticated else None,
        )
        for socio, ore in righe
    ]
    for movimento in movimenti:
        movimento.full_clean(exclude=["socio", "scambio"], validate_constraints=False)
    return MovimentoBancaDelTempo.objects.bulk_create(movimenti)


@transaction.atomic
def socio_join(*, user, quartiere=None) -> SocioBancaDelTempo:
    """A citizen asks to join; the coordinator verifies them (``socio_verify``)."""
    socio, created = SocioBancaDelTempo.objects.get_or_create(user=user, defaults={"quartiere": quartiere})
    if created:
        socio.full_clean()
        audit_record(obj=socio, evento=Evento.ISCRIZIONE_RICHIESTA, autore=user, stato_a=socio.stato)
    return socio


def _socio_transition(*, socio: SocioBancaDelTempo, da: str, to: str, actor, note: str = "") -> SocioBancaDelTempo:
    decision = permissions.can_manage_banca(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    socio = SocioBancaDelTempo.objects.select_for_update(of=("self",)).select_related("user").get(pk=socio.pk)
    if socio.stato != da:
        raise ValidationError(
            {
                S.IN_ATTESA: _("Il socio non è in attesa di verifica."),
                S.VERIFICATO: _("Si può sospendere solo un socio verificato."),
                S.SOSPESO: _("Il socio non è sospeso."),
            }[da]
        )
    workflow_transition(
        field="stato",
        obj=socio,
        table=workflows.SOCIO,
        to=to,
        actor=actor,
        roles=permissions.banca_roles(actor),
        note=note,
    )
    return socio


@transaction.atomic
def socio_verify(*, socio: SocioBancaDelTempo, actor) -> SocioBancaDelTempo:
    """Verify a member and give the configured starting credit, balanced by the bank's own account."""
    socio = _socio_transition(socio=socio, da=S.IN_ATTESA, to=S.VERIFICATO, actor=actor)
    socio.verificato_da, socio.verificato_il = actor, timezone.now()
    socio.full_clean()
    socio.save(update_fields=["stato", "verificato_da", "verificato_il"])
    if (credito := credito_iniziale()) > 0:
        _book(
            righe=[(socio, credito), (_conto_banca(), -credito)],
            tipo=T.CREDITO_INIZIALE,
            causale=str(_("Credito iniziale")),
            actor=actor,
        )
    notify(
        destinatari=[socio.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("Sei socio della banca del tempo"),
        testo=_("La tua iscrizione è stata verificata: puoi offrire e chiedere tempo."),
        link="/banca-del-tempo/",
    )
    return socio


@transaction.atomic
def socio_reject(*, socio: SocioBancaDelTempo, actor, note: str) -> SocioBancaDelTempo:
    """Turn down a membership request; the reason is recorded and sent to the person."""
    socio = _socio_transition(socio=socio, da=S.IN_ATTESA, to=S.RESPINTO, actor=actor, note=note)
    socio.verificato_da, socio.verificato_il = actor, timezone.now()
    socio.full_clean()
    socio.save(update_fields=["stato", "verificato_da", "verificato_il"])
    notify(
        destinatari=[socio.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("La tua iscrizione alla banca del tempo non è stata accolta"),
        testo=_("Motivo: %(nota)s Per chiarimenti scrivi al coordinamento della banca del tempo.")
        % {"nota": note.strip()},
        link="/banca-del-tempo/",
    )
    return socio


@transaction.atomic
def socio_suspend(*, socio: SocioBancaDelTempo, actor, note: str) -> SocioBancaDelTempo:
    """Suspend a member: no new exchanges, offers and requests hidden; the balance stays as it is."""
    socio = _socio_transition(socio=socio, da=S.VERIFICATO, to=S.SOSPESO, actor=actor, note=note)
    socio.save(update_fields=["stato"])
    notify(
        destinatari=[socio.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("La tua iscrizione alla banca del tempo è sospesa"),
        testo=_("Motivo: %(nota)s Per chiarimenti scrivi al coordinamento della banca del tempo.")
        % {"nota": note.strip()},
        link="/banca-del-tempo/",
    )
    return socio


@transaction.atomic
def socio_reinstate(*, socio: SocioBancaDelTempo, actor) -> SocioBancaDelTempo:
    """Lift a suspension; the member finds their balance and history as they left them."""
    socio = _socio_transition(socio=socio, da=S.SOSPESO, to=S.VERIFICATO, actor=actor)
    socio.save(update_fields=["stato"])
    notify(
        destinatari=[socio.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("Sei di nuovo socio attivo della banca del tempo"),
        testo=_("La sospensione è terminata: puoi di nuovo offrire e chiedere tempo."),
        link="/banca-del-tempo/",
    )
    return socio


def _annuncio_create(model, *, socio, categoria: str, titolo: str, descrizione: str = "", chiave_idempotenza=None):
    """Sent again with the same ``chiave_idempotenza`` (a second click) it returns the post already saved."""
    if socio.stato != S.VERIFICATO:
        raise PermissionDenied(_("Solo i soci verificati pubblicano offerte e richieste."))
    if chiave_idempotenza is not None:
        existing = _annuncio_by_key(model, socio=socio, chiave_idempotenza=chiave_idempotenza)
        if existing is not None:
            return existing
    annuncio = model(
        socio=socio,
        categoria=categoria,
        titolo=titolo,
        descrizione=descrizione,
        chiave_idempotenza=chiave_idempotenza,
    )
    annuncio.full_clean(validate_unique=False)
    try:
        with transaction.atomic():  # a concurrent second click with the same key loses the race here
            annuncio.save()
    except IntegrityError:
        if chiave_idempotenza is None:
            raise
        existing = _annuncio_by_key(model, socio=socio, chiave_idempotenza=chiave_idempotenza)
        if existing is None:
            raise
        return existing
    return annuncio


def _annuncio_by_key(model, *, socio, chiave_idempotenza):
    existing = model.objects.filter(chiave_idempotenza=chiave_idempotenza).first()
    if existing is not None and existing.socio_id != socio.pk:
        raise PermissionDenied(_("Questo identificativo appartiene a un altro annuncio."))
    return existing


@transaction.atomic
def offerta_create(
    *, socio: SocioBancaDelTempo, categoria: str, titolo: str, descrizione: str = "", chiave_idempotenza=None
) -> Offerta:
    return _annuncio_create(
        Offerta,
        socio=socio,
        categoria=categoria,
        titolo=titolo,
        descrizione=descrizione,
        chiave_idempotenza=chiave_idempotenza,
    )


@transaction.atomic
def richiesta_create(
    *, socio: SocioBancaDelTempo, categoria: str, titolo: str, descrizione: str = "", chiave_idempotenza=None
) -> Richiesta:
    return _annuncio_create(
        Richiesta,
        socio=socio,
        categoria=categoria,
        titolo=titolo,
        descrizione=descrizione,
        chiave_idempotenza=chiave_idempotenza,
    )


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
    if erogatore.stato != S.VERIFICATO or beneficiario.stato != S.VERIFICATO:
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
    notify(
        destinatari=_altro(scambio, socio),
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("Scambio concordato"),
        testo=_("%(chi)s ha accettato lo scambio «%(descrizione)s». Dopo che è avvenuto, confermalo.")
        % {"chi": socio.nome_pubblico, "descrizione": scambio.descrizione},
        link="/banca-del-tempo/",
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
        if beneficiario.stato != S.VERIFICATO or soci[scambio.erogatore_id].stato != S.VERIFICATO:
            raise ValidationError(_("Entrambi i soci devono essere verificati."))
        if _saldo(beneficiario) - scambio.ore < -limite_negativo():
            raise ValidationError(
                _("Lo scambio porterebbe il saldo di chi riceve oltre il limite di %(limite)s ore di debito.")
                % {"limite": limite_negativo()},
                code="negative_limit",
            )
        _scambio_fire(scambio=scambio, to=Scambio.Stato.CONFERMATO, actor=socio.user)
        scambio.full_clean()
        scambio.save()
        _book(
            righe=[(soci[scambio.erogatore_id], scambio.ore), (beneficiario, -scambio.ore)],
            tipo=T.SCAMBIO,
            causale=scambio.descrizione,
            actor=socio.user,
            scambio=scambio,
        )
    else:
        scambio.full_clean()
        scambio.save()
        if scambio.stato == Scambio.Stato.CONCORDATO:
            notify(
                destinatari=_altro(scambio, socio),
                tipo=Notifica.BANCA_DEL_TEMPO,
                oggetto=_("Uno scambio da confermare"),
                testo=_("%(chi)s conferma che lo scambio «%(descrizione)s» è avvenuto: confermalo anche tu.")
                % {"chi": socio.nome_pubblico, "descrizione": scambio.descrizione},
                link="/banca-del-tempo/",
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
    notify(
        destinatari=_altro(scambio, socio),
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=_("Scambio annullato"),
        testo=_("%(chi)s ha annullato lo scambio «%(descrizione)s».")
        % {"chi": socio.nome_pubblico, "descrizione": scambio.descrizione},
        link="/banca-del-tempo/",
    )
    return scambio


@transaction.atomic
def socio_contact(
    *,
    mittente: SocioBancaDelTempo,
    destinatario: SocioBancaDelTempo,
    testo: str,
    annuncio: Offerta | Richiesta | None = None,
):
    """One member writes to another through the portal: a message in their area personale (and by e-mail, as
    they chose), with a link to answer the same way. Neither sees the other's e-mail address."""
    decision = permissions.can_contact(mittente, destinatario)
    if not decision:
        raise PermissionDenied(decision.reason)
    testo = testo.strip()
    if not testo:
        raise ValidationError({"testo": _("Scrivi il messaggio.")})
    if len(testo) > CONTATTO_MAX:
        raise ValidationError({"testo": _("Il messaggio può avere al massimo %(n)s caratteri.") % {"n": CONTATTO_MAX}})
    if annuncio is not None:
        oggetto = _("%(chi)s ti scrive per «%(titolo)s»") % {"chi": mittente.nome_pubblico, "titolo": annuncio.titolo}
    else:
        oggetto = _("%(chi)s ti scrive dalla banca del tempo") % {"chi": mittente.nome_pubblico}
    corpo = _(
        "%(testo)s\n\n— %(chi)s, socio della banca del tempo. Per rispondere usa il collegamento: "
        "il portale recapita la risposta senza mostrare i vostri indirizzi e-mail."
    ) % {"testo": testo, "chi": mittente.nome_pubblico}
    (messaggio,) = notify(
        destinatari=[destinatario.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=oggetto,
        testo=corpo,
        link=reverse("banca_del_tempo:scrivi", kwargs={"pk": mittente.pk}),
    )
    return messaggio


@transaction.atomic
def movimento_correct(*, socio: SocioBancaDelTempo, ore: Decimal, causale: str, actor) -> list:
    """A correction is a new registrazione against the bank's account; entries are never edited."""
    decision = permissions.can_manage_banca(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not causale.strip():
        raise ValidationError({"causale": _("Scrivi il motivo della correzione.")})
    return _book(righe=[(socio, ore), (_conto_banca(), -ore)], tipo=T.CORREZIONE, causale=causale, actor=actor)
