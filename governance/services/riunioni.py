"""Meetings: convene, send the convocation, answer it, keep the attendance register, hold or cancel."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from governance import permissions, workflows
from governance.calendario import ICS_MIMETYPE, riunione_ics
from governance.events import Evento, Notifica
from governance.models import MembroOrgano, Organo, Partecipazione, PuntoOrdineGiorno, Riunione


@dataclass(frozen=True)
class Quorum:
    membri: int
    richiesto: int
    presenti: int
    delegati: int

    @property
    def validi(self) -> int:
        return self.presenti + self.delegati

    @property
    def raggiunto(self) -> bool:
        return self.validi >= self.richiesto


def convocazione_dovuta_dal(riunione: Riunione) -> datetime.datetime:
    """The moment the convocation must leave at the latest: the body's notice days before the start."""
    return riunione.inizio - datetime.timedelta(days=riunione.organo.giorni_preavviso)


def riunione_rules_check(*, organo: Organo, inizio: datetime.datetime, now: datetime.datetime | None = None) -> None:
    """The start must leave the body's notice days for the convocation (the message is for the field)."""
    now = now or timezone.now()
    if inizio < now + datetime.timedelta(days=organo.giorni_preavviso):
        raise ValidationError(
            {
                "inizio": _(
                    "La convocazione deve arrivare almeno %(giorni)s giorni prima: scegli una data dal %(data)s."
                )
                % {
                    "giorni": organo.giorni_preavviso,
                    "data": date_format(
                        timezone.localdate(now + datetime.timedelta(days=organo.giorni_preavviso)), "j F Y"
                    ),
                }
            },
            code="notice",
        )


UPDATABLE = ("titolo", "descrizione", "hub", "luogo", "link_online", "visibilita", "iscrizioni_aperte", "posti")


@transaction.atomic
def riunione_update(*, riunione: Riunione, actor, **fields) -> Riunione:
    """Change what a convened meeting says about itself; its date moves only by cancelling and convening again."""
    _check_manage(actor, riunione)
    riunione = Riunione.objects.select_for_update().get(pk=riunione.pk)
    unknown = set(fields) - set(UPDATABLE)
    if unknown:
        raise ValueError(f"riunione_update() cannot change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(riunione, name, value)
    riunione.full_clean()
    riunione.save(update_fields=list(fields) or None)
    return riunione


@transaction.atomic
def riunione_create(
    *,
    organo: Organo,
    titolo: str,
    inizio: datetime.datetime,
    fine: datetime.datetime,
    actor,
    descrizione: str = "",
    hub=None,
    luogo: str = "",
    link_online: str = "",
    visibilita: str = "",
    iscrizioni_aperte: bool = False,
    posti: int | None = None,
    punti: list[str] | tuple = (),
    contesto=None,
    roles=frozenset(),
    now: datetime.datetime | None = None,
) -> Riunione:
    """Convene a meeting: the members in office on its day are invited, the agenda items are numbered.

    The start must leave the body's notice days for the convocation; the convocation leaves at once when
    the notice window is already open, otherwise ``riunioni_convocazioni_send`` sends it on time.
    ``roles`` lets the app that owns the meeting (``contesto``) grant its own managers the right to convene.
    """
    now = now or timezone.now()
    if not (permissions.sees_everything(actor) or permissions.chairs(actor, organo) or roles):
        raise PermissionDenied(_("Solo la presidenza o la segreteria dell'organo può convocare una riunione."))
    riunione = Riunione(
        organo=organo,
        titolo=titolo,
        descrizione=descrizione,
        inizio=inizio,
        fine=fine,
        hub=hub,
        luogo=luogo,
        link_online=link_online,
        visibilita=visibilita or organo.visibilita,
        iscrizioni_aperte=iscrizioni_aperte,
        posti=posti,
        creata_da=actor if actor.is_authenticated else None,
    )
    if contesto is not None:
        riunione.contesto_tipo = ContentType.objects.get_for_model(contesto)
        riunione.contesto_id = contesto.pk
    riunione.full_clean()
    riunione_rules_check(organo=organo, inizio=inizio, now=now)
    riunione.save()
    membri = MembroOrgano.objects.in_carica(on=timezone.localdate(inizio)).filter(organo=organo)
    Partecipazione.objects.bulk_create(
        Partecipazione(riunione=riunione, membro=membro, user_id=membro.user_id, ente_id=membro.ente_id)
        for membro in membri
    )
    for numero, punto in enumerate(punti, start=1):
        PuntoOrdineGiorno.objects.create(riunione=riunione, ordine=numero, titolo=punto)
    audit_record(obj=riunione, evento=Evento.RIUNIONE_CONVOCATA, autore=actor, stato_a=riunione.stato)
    if convocazione_dovuta_dal(riunione) <= now:
        riunione_convocazione_send(riunione=riunione, now=now)
        riunione.refresh_from_db(fields=["convocazione_inviata_il"])
    return riunione


def _agenda_open(riunione: Riunione, actor) -> Riunione:
    """The meeting, locked, once ``actor`` may write its agenda and it is still before the meeting."""
    _check_manage(actor, riunione)
    riunione = Riunione.objects.select_for_update().get(pk=riunione.pk)
    if riunione.stato != Riunione.Stato.CONVOCATA:
        raise ValidationError(_("L'ordine del giorno si modifica solo prima della riunione."), code="not_convened")
    return riunione


@transaction.atomic
def punto_save(*, punto: PuntoOrdineGiorno, actor) -> PuntoOrdineGiorno:
    """Add or correct an item of the agenda, in the place ``punto.ordine`` gives it."""
    _agenda_open(punto.riunione, actor)
    punto.full_clean()
    punto.save()
    return punto


@transaction.atomic
def punto_delete(*, punto: PuntoOrdineGiorno, actor) -> None:
    _agenda_open(punto.riunione, actor)
    punto.delete()


@transaction.atomic
def riunione_convocazione_send(*, riunione: Riunione, now: datetime.datetime | None = None) -> int:
    """E-mail the convocation with its ``.ics`` to every invited person with an account; once per meeting."""
    riunione = Riunione.objects.select_for_update(of=("self",)).select_related("organo", "hub").get(pk=riunione.pk)
    if riunione.convocazione_inviata_il is not None or riunione.stato != Riunione.Stato.CONVOCATA:
        return 0
    destinatari = [p.user for p in riunione.partecipazioni.select_related("user") if p.user_id]
    quando = date_format(timezone.localtime(riunione.inizio), "l j F Y, H:i")
    testo = _(
        "%(organo)s è convocato il %(quando)s (%(luogo)s). Ordine del giorno: %(punti)s. "
        "Conferma la tua partecipazione dalla pagina della riunione; il file allegato la aggiunge al calendario."
    ) % {
        "organo": riunione.organo.nome,
        "quando": quando,
        "luogo": riunione.luogo_testo or riunione.link_online,
        "punti": "; ".join(str(p) for p in riunione.punti.all()) or _("da definire"),
    }
    notify(
        destinatari=destinatari,
        tipo=Notifica.RIUNIONE,
        oggetto=_("Convocazione: %(titolo)s") % {"titolo": riunione.titolo},
        testo=testo,
        link=riunione.get_absolute_url(),
        allegati=[("convocazione.ics", riunione_ics(riunione, site_url=settings.SITE_URL), ICS_MIMETYPE)],
    )
    riunione.convocazione_inviata_il = now or timezone.now()
    riunione.save(update_fields=["convocazione_inviata_il"])
    return len(destinatari)


def riunioni_convocazioni_due(*, now: datetime.datetime | None = None):
    """Convened meetings still to start whose notice window has opened and whose convocation has not left."""
    now = now or timezone.now()
    pending = Riunione.objects.filter(
        stato=Riunione.Stato.CONVOCATA, convocazione_inviata_il__isnull=True, inizio__gt=now
    ).select_related("organo")
    return [riunione for riunione in pending if convocazione_dovuta_dal(riunione) <= now]


def riunioni_convocazioni_send(*, now: datetime.datetime | None = None) -> int:
    """Send every convocation that is due; the periodic task calls this."""
    return sum(riunione_convocazione_send(riunione=r, now=now) for r in riunioni_convocazioni_due(now=now))


@transaction.atomic
def partecipazione_rispondi(*, riunione: Riunione, user, risposta: str) -> Partecipazione:
    """An invited person answers the convocation (RSVP)."""
    if riunione.stato != Riunione.Stato.CONVOCATA or riunione.inizio <= timezone.now():
        raise ValidationError(_("Non è più possibile rispondere a questa convocazione."), code="closed")
    partecipazione = Partecipazione.objects.select_for_update().filter(riunione=riunione, user=user).first()
    if partecipazione is None:
        raise PermissionDenied(_("Non risulti tra gli invitati a questa riunione."))
    partecipazione.risposta = risposta
    partecipazione.risposto_il = timezone.now()
    partecipazione.full_clean()
    partecipazione.save(update_fields=["risposta", "risposto_il"])
    return partecipazione


@transaction.atomic
def partecipazione_iscrivi(*, riunione: Riunione, user, ente=None) -> Partecipazione:
    """A person who is not a member registers for a public meeting with open registrations."""
    riunione = Riunione.objects.select_for_update().get(pk=riunione.pk)
    decision = permissions.can_register(user, riunione)
    if not decision:
        raise PermissionDenied(decision.reason)
    if ente is not None and not permissions.can_act_for_ente(user, ente):
        raise PermissionDenied(_("Puoi iscrivere solo un ente che rappresenti."))
    if riunione.posti is not None and riunione.partecipazioni.filter(membro__isnull=True).count() >= riunione.posti:
        raise ValidationError(_("I posti disponibili sono esauriti."), code="full")
    partecipazione = Partecipazione(
        riunione=riunione, user=user, ente=ente, risposta=Partecipazione.Risposta.PARTECIPO, risposto_il=timezone.now()
    )
    partecipazione.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            partecipazione.save()
    except IntegrityError as error:
        raise ValidationError(_("Sei già iscritto a questa riunione."), code="already") from error
    return partecipazione


@transaction.atomic
def presenze_register(*, riunione: Riunione, actor, presenze: dict[int, tuple[str, int | None]]) -> Quorum:
    """Keep the attendance register: ``{partecipazione_id: (presenza, delegato_a_id or None)}``."""
    _check_manage(actor, riunione)
    riunione = Riunione.objects.select_for_update().select_related("organo").get(pk=riunione.pk)
    if riunione.stato not in (Riunione.Stato.CONVOCATA, Riunione.Stato.SVOLTA):
        raise ValidationError(_("Il registro delle presenze di questa riunione è chiuso."), code="closed")
    righe = {p.pk: p for p in riunione.partecipazioni.all()}
    for pk, (presenza, delegato_id) in presenze.items():
        riga = righe.get(pk)
        if riga is None:
            raise ValidationError(_("Partecipante sconosciuto."), code="unknown")
        riga.presenza = presenza
        riga.delegato_a = righe.get(delegato_id) if delegato_id else None
    for riga in righe.values():
        if riga.presenza == Partecipazione.Presenza.DELEGATO:
            _check_delega(riunione, riga)
        riga.full_clean(exclude=["riunione", "delegato_a"], validate_constraints=False)
    Partecipazione.objects.bulk_update(list(righe.values()), ["presenza", "delegato_a"])
    return quorum(riunione)


def _check_delega(riunione: Riunione, riga: Partecipazione) -> None:
    nome = riga.nome_visualizzato
    if not riunione.organo.deleghe_ammesse:
        raise ValidationError(_("%(nome)s: questo organo non ammette deleghe.") % {"nome": nome}, code="no_proxy")
    if riga.membro_id is None:
        raise ValidationError(_("%(nome)s: solo un membro può delegare.") % {"nome": nome}, code="proxy_member")
    delegato = riga.delegato_a
    if delegato is None or delegato.pk == riga.pk:
        raise ValidationError(_("%(nome)s: indica a chi è delegato.") % {"nome": nome}, code="proxy_missing")
    if delegato.membro_id is None or delegato.presenza != Partecipazione.Presenza.PRESENTE:
        raise ValidationError(_("%(nome)s: la delega va a un membro presente.") % {"nome": nome}, code="proxy_absent")


def quorum(riunione: Riunione) -> Quorum:
    """The quorum from the body's rule: members present plus, where the body allows them, delegations."""
    membri = riunione.partecipazioni.di_membri()
    conteggio = {row["presenza"]: row["n"] for row in membri.values("presenza").annotate(n=Count("pk"))}
    delegati = conteggio.get(Partecipazione.Presenza.DELEGATO, 0) if riunione.organo.deleghe_ammesse else 0
    totale = sum(conteggio.values())
    return Quorum(
        membri=totale,
        richiesto=riunione.organo.quorum_richiesto(totale),
        presenti=conteggio.get(Partecipazione.Presenza.PRESENTE, 0),
        delegati=delegati,
    )


@transaction.atomic
def riunione_transition(*, riunione: Riunione, to: str, actor, note: str = "", roles=frozenset()) -> Riunione:
    riunione = Riunione.objects.select_for_update(of=("self",)).select_related("organo", "hub").get(pk=riunione.pk)
    workflow_transition(
        obj=riunione,
        field="stato",
        table=workflows.RIUNIONE,
        to=to,
        actor=actor,
        note=note,
        roles=permissions.actor_roles(actor, riunione) | set(roles),
    )
    riunione.full_clean()
    riunione.save(update_fields=["stato"])
    if to == Riunione.Stato.ANNULLATA and riunione.convocazione_inviata_il:
        notify(
            destinatari=[p.user for p in riunione.partecipazioni.select_related("user") if p.user_id],
            tipo=Notifica.RIUNIONE,
            oggetto=_("Riunione annullata: %(titolo)s") % {"titolo": riunione.titolo},
            testo=note,
            link=riunione.get_absolute_url(),
            allegati=[("riunione-annullata.ics", riunione_ics(riunione, site_url=settings.SITE_URL), ICS_MIMETYPE)],
        )
    return riunione


def riunione_held(*, riunione: Riunione, actor, roles=frozenset()) -> Riunione:
    """The meeting took place: the attendance register is final, the minutes can be written."""
    if riunione.inizio > timezone.now():
        raise ValidationError(_("La riunione non è ancora iniziata."), code="not_started")
    return riunione_transition(riunione=riunione, to=Riunione.Stato.SVOLTA, actor=actor, roles=roles)


def riunione_cancel(*, riunione: Riunione, actor, note: str, roles=frozenset()) -> Riunione:
    return riunione_transition(riunione=riunione, to=Riunione.Stato.ANNULLATA, actor=actor, note=note, roles=roles)


def _check_manage(actor, riunione: Riunione) -> None:
    decision = permissions.can_manage_riunione(actor, riunione)
    if not decision:
        raise PermissionDenied(decision.reason)
