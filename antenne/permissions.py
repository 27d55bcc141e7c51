"""May this user do X to this antenna, activity or request? Each answer carries a reason."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from antenne import workflows
from costellazioni.baked import baked
from costellazioni.permissions import ALLOWED, Decision, is_staff_comunale
from costellazioni.workflows import STAFF


def operatore_of(user):
    """The user's active operator profile, or None; read once per request (kept on the user, as ``user.operatore``
    would keep it) by a baked query, since every page of the operators asks."""
    if not user.is_authenticated or not user.is_active:
        return None
    descriptor = get_user_model().operatore
    if not descriptor.is_cached(user):
        found = _operatore(user.pk)
        descriptor.related.set_cached_value(user, found[0] if found else None)
    operatore = getattr(user, "operatore", None)
    return operatore if operatore is not None and operatore.attivo else None


@baked
def _operatore(user_id: int):
    from antenne.models import OperatoreDiComunita

    return OperatoreDiComunita.objects.filter(user_id=user_id)


def can_use_field_log(user) -> Decision:
    if not user.is_authenticated:
        return Decision(False, _("Accedi per usare il diario di campo."))
    if operatore_of(user) is None:
        return Decision(False, _("Il diario di campo è riservato agli operatori di comunità."))
    return ALLOWED


def antenna_roles(user, antenna) -> set:
    roles = set()
    if is_staff_comunale(user):
        roles.add(STAFF)
    operatore = operatore_of(user)
    if operatore is not None:
        if operatore.coordinatore:
            roles.add(workflows.COORDINATORE)
        if antenna.operatore_id in (None, operatore.pk):
            roles.add(workflows.OPERATORE)
    return roles


def can_register_antenna(user) -> Decision:
    """A new antenna, met in the field or proposed to the office: staff comunale and the operators record it."""
    if is_staff_comunale(user) or operatore_of(user) is not None:
        return ALLOWED
    return Decision(False, _("Solo il personale del Comune e gli operatori di comunità registrano le antenne."))


def can_edit_antenna(user, antenna) -> Decision:
    """Its data (its state and HUB have their own doors): whoever may move the antenna along its lifecycle."""
    if antenna_roles(user, antenna):
        return ALLOWED
    return Decision(False, _("Non hai i permessi per questa operazione."))


def portierato_roles(user, richiesta) -> set:
    roles = set()
    if not user.is_authenticated:
        return roles
    if is_staff_comunale(user):
        roles.add(STAFF)
    if richiesta.richiedente_id == user.pk:
        roles.add(workflows.RICHIEDENTE)
    antenna = richiesta.antenna
    operatore = operatore_of(user)
    if antenna.account_id == user.pk or (operatore is not None and antenna.operatore_id == operatore.pk):
        roles.add(workflows.GESTORE)
    return roles


def can_correct_telefono(user, richiesta) -> Decision:
    """The phone number left with a request: the person who asked, or staff correcting it for them (the antenna's
    managers only read it)."""
    if portierato_roles(user, richiesta) & {workflows.RICHIEDENTE, STAFF}:
        return ALLOWED
    return Decision(False, _("Solo chi ha fatto la richiesta o il personale del Comune ne corregge il telefono."))


def sees_all_attivita(user) -> bool:
    """Every field-log entry: staff comunale, and any other member of the staff granted the model's view
    permission (a read-only role); operators see their own and their team's (``Attivita.objects.visible_to``)."""
    if is_staff_comunale(user):
        return True
    return user.is_authenticated and user.is_active and user.is_staff and user.has_perm("antenne.view_attivita")


def can_view_foto(user, attivita) -> Decision:
    from antenne.models import Attivita

    if Attivita.objects.visible_to(user).filter(pk=attivita.pk).exists():
        return ALLOWED
    return Decision(False, _("Non puoi vedere questa foto."))


def banca_roles(user) -> set:
    """The time-bank coordination: staff comunale, or an operator with the coordinator flag."""
    roles = set()
    if is_staff_comunale(user):
        roles.add(STAFF)
    operatore = operatore_of(user)
    if operatore is not None and operatore.coordinatore:
        roles.add(workflows.COORDINATORE)
    return roles


def can_manage_banca(user) -> Decision:
    """The time-bank coordinator verifies members and corrects the ledger."""
    if banca_roles(user):
        return ALLOWED
    return Decision(False, _("Solo il coordinamento della banca del tempo può verificare i soci."))


def can_see_richiedente(user, richiesta) -> Decision:
    """Who asked and how to reach them: for whoever manages the antenna's requests (or staff), while it is open."""
    from antenne.models import RichiestaPortierato

    if not portierato_roles(user, richiesta) & {workflows.GESTORE, STAFF}:
        return Decision(False, _("Solo chi gestisce l'antenna vede chi ha chiesto il servizio."))
    if richiesta.stato not in (RichiestaPortierato.Stato.RICHIESTA, RichiestaPortierato.Stato.ACCETTATA):
        return Decision(False, _("I recapiti restano visibili solo finché la richiesta è aperta."))
    return ALLOWED


def scambio_roles(user, scambio) -> set:
    """Either member of the exchange; the one who did not propose it; the time-bank coordination."""
    roles = banca_roles(user)
    socio = getattr(user, "socio_banca_del_tempo", None) if user.is_authenticated else None
    if socio is not None and socio.pk in (scambio.erogatore_id, scambio.beneficiario_id):
        roles.add(workflows.PARTE)
        if scambio.proponente_id is not None and scambio.proponente_id != socio.pk:
            roles.add(workflows.CONTROPARTE)
    return roles


def can_contact(mittente, destinatario) -> Decision:
    """A verified member writes to another verified member through the portal (their e-mail stays private)."""
    from antenne.models import SocioBancaDelTempo

    verificato = SocioBancaDelTempo.Stato.VERIFICATO
    if mittente is None or mittente.stato != verificato:
        return Decision(False, _("Solo i soci verificati possono scrivere agli altri soci."))
    if destinatario.is_banca or destinatario.stato != verificato:
        return Decision(False, _("Questa persona non è più un socio attivo della banca del tempo."))
    if mittente.pk == destinatario.pk:
        return Decision(False, _("Il messaggio deve andare a un altro socio."))
    return ALLOWED


def with_contatti(user, richieste) -> list:
    """The requests, each with ``contatto_visibile`` set by ``can_see_richiedente`` for the template to ask."""
    richieste = list(richieste)
    for richiesta in richieste:
        richiesta.contatto_visibile = bool(can_see_richiedente(user, richiesta))
    return richieste
