import uuid

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from antenne import permissions, workflows
from antenne.events import Evento, Notifica
from antenne.models import Antenna, Consenso, OperatoreDiComunita
from costellazioni.models import Quartiere
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from hubs.models import Hub

VERSIONE_TESTO_CONSENSO = "2026-01"

# What staff and operators write about an antenna; its state, HUB and consents change through their own services.
ANTENNA_CAMPI = (
    "tipo",
    "nome_pubblico",
    "descrizione",
    "quartiere",
    "servizi",
    "disponibilita",
    "indirizzo",
    "latitudine",
    "longitudine",
    "referente_nome",
    "email",
    "telefono",
    "operatore",
    "account",
    "candidatura",
)


def _only_antenna_campi(fields) -> None:
    unknown = set(fields) - set(ANTENNA_CAMPI)
    if unknown:
        raise ValueError(f"Not an antenna's data (they have their own service): {sorted(unknown)}")


@transaction.atomic
def antenna_register(*, actor, **campi) -> Antenna:
    """Record an antenna met in the field or proposed to the office; it starts as "individuata"."""
    decision = permissions.can_register_antenna(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    _only_antenna_campi(campi)
    antenna = Antenna(**campi)
    antenna.full_clean()
    antenna.save()
    audit_record(obj=antenna, evento=Evento.ANTENNA_REGISTRATA, autore=actor, stato_a=antenna.stato)
    return antenna


@transaction.atomic
def antenna_update(*, antenna: Antenna, actor, **changes) -> Antenna:
    """Correct an antenna's data; the log names the fields changed (not their values, which may be private)."""
    _only_antenna_campi(changes)
    antenna = Antenna.objects.select_for_update(of=("self",)).get(pk=antenna.pk)
    decision = permissions.can_edit_antenna(actor, antenna)
    if not decision:
        raise PermissionDenied(decision.reason)
    for name, value in changes.items():
        setattr(antenna, name, value)
    antenna.full_clean()
    antenna.save(update_fields=[*changes, "aggiornata_il"])
    campi = ", ".join(str(Antenna._meta.get_field(name).verbose_name) for name in changes)
    audit_record(
        obj=antenna,
        evento=Evento.ANTENNA_MODIFICATA,
        autore=actor,
        nota=_("Campi modificati: %(campi)s.") % {"campi": campi},
    )
    return antenna


@transaction.atomic
def antenna_transition(*, antenna: Antenna, to: str, actor, note: str = "") -> Antenna:
    """Move an antenna along its lifecycle (``workflows.ANTENNA``), recording who, when and why."""
    antenna = Antenna.objects.select_for_update().get(pk=antenna.pk)
    workflow_transition(
        field="stato",
        obj=antenna,
        table=workflows.ANTENNA,
        to=to,
        actor=actor,
        roles=permissions.antenna_roles(actor, antenna),
        note=note,
    )
    antenna.full_clean()
    antenna.save(update_fields=["stato", "aggiornata_il"])
    return antenna


@transaction.atomic
def antenna_set_hub(*, antenna: Antenna, hub: Hub | None, actor) -> Antenna:
    """Set (or clear) the HUB the antenna refers people to; whoever may edit the antenna may do it."""
    antenna = Antenna.objects.select_for_update(of=("self",)).select_related("hub").get(pk=antenna.pk)
    decision = permissions.can_edit_antenna(actor, antenna)
    if not decision:
        raise PermissionDenied(decision.reason)
    prima = antenna.hub
    antenna.hub = hub
    antenna.full_clean()
    antenna.save(update_fields=["hub", "aggiornata_il"])
    audit_record(
        obj=antenna,
        evento=Evento.HUB_DI_RIFERIMENTO_CAMBIATO,
        autore=actor,
        nota=_("Da %(prima)s a %(dopo)s.") % {"prima": prima or "—", "dopo": hub or "—"},
    )
    return antenna


_FLAGS = {Consenso.Oggetto.NOME_PUBBLICO: "consenso_nome", Consenso.Oggetto.CONTATTI_PUBBLICI: "consenso_contatti"}


@transaction.atomic
def consenso_record(
    *, antenna: Antenna, oggetto: str, concesso: bool, versione_testo: str = VERSIONE_TESTO_CONSENSO, actor=None
) -> Consenso:
    """Record a consent given or withdrawn; the antenna's public flags follow the newest record."""
    antenna = Antenna.objects.select_for_update().get(pk=antenna.pk)
    consenso = Consenso(
        antenna=antenna,
        oggetto=oggetto,
        concesso=concesso,
        versione_testo=versione_testo,
        registrato_da=actor if actor is not None and actor.is_authenticated else None,
    )
    consenso.full_clean()
    consenso.save()
    if flag := _FLAGS.get(oggetto):
        setattr(antenna, flag, concesso)
        antenna.save(update_fields=[flag, "aggiornata_il"])
    return consenso


@transaction.atomic
def antenna_candidate(
    *,
    tipo: str,
    nome_pubblico: str,
    quartiere: Quartiere,
    descrizione: str = "",
    servizi: list[str] | None = None,
    disponibilita: str = "",
    referente_nome: str = "",
    email: str = "",
    telefono: str = "",
    consenso_nome: bool = False,
    consenso_contatti: bool = False,
    user=None,
    chiave_idempotenza: uuid.UUID | None = None,
) -> Antenna:
    """A citizen, shop or group proposes itself: it lands as "individuata" for an operator to follow up.

    Sent again with the same ``chiave_idempotenza`` (a second click) it returns the candidacy already saved:
    no second antenna, no second notice to the operators.
    """
    if chiave_idempotenza is not None:
        existing = Antenna.objects.filter(chiave_idempotenza=chiave_idempotenza).first()
        if existing is not None:
            return existing
    antenna = Antenna(
        tipo=tipo,
        nome_pubblico=nome_pubblico,
        quartiere=quartiere,
        descrizione=descrizione,
        servizi=list(servizi or []),
        disponibilita=disponibilita,
        referente_nome=referente_nome,
        email=email,
        telefono=telefono,
        candidatura=True,
        account=user if user is not None and user.is_authenticated else None,
        chiave_idempotenza=chiave_idempotenza,
    )
    antenna.full_clean(validate_unique=False)
    try:
        with transaction.atomic():  # a concurrent second click with the same key loses the race here
            antenna.save()
    except IntegrityError:
        existing = Antenna.objects.filter(chiave_idempotenza=chiave_idempotenza).first() if chiave_idempotenza else None
        if existing is None:
            raise
        return existing
    audit_record(obj=antenna, evento=Evento.AUTOCANDIDATURA, autore=user, stato_a=antenna.stato)
    consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.TRATTAMENTO, concesso=True, actor=user)
    consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.NOME_PUBBLICO, concesso=consenso_nome, actor=user)
    consenso_record(antenna=antenna, oggetto=Consenso.Oggetto.CONTATTI_PUBBLICI, concesso=consenso_contatti, actor=user)
    antenna.refresh_from_db()
    operatori = OperatoreDiComunita.objects.attivi().filter(quartieri=quartiere).select_related("user")
    notify(
        destinatari=[o.user for o in operatori],
        tipo=Notifica.ANTENNA,
        oggetto=_("Nuova candidatura di antenna a %(quartiere)s") % {"quartiere": quartiere.nome},
        testo=_("%(nome)s si è proposta come antenna di quartiere. Contattala per conoscerla.")
        % {"nome": nome_pubblico},
        link="/operatori/",
    )
    return antenna
