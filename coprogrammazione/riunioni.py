"""Meetings of a co-programming process: ``governance.Riunione`` with the process as its context.

The meeting, its agenda, registrations, attendance and minutes belong to governance; this module adds
what co-programming needs around them: convening with the participants invited (e-mail with ``.ics``),
each participant's contribution, and the minutes published as a PDF with those contributions.
"""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from coprogrammazione import permissions, workflows
from coprogrammazione.models import ContributoRiunione, Percorso
from costellazioni.services.notifications import notify
from costellazioni.services.pdf import pdf_render
from governance.calendario import riunione_ics
from governance.events import Notifica as GovernanceNotifica
from governance.models import Partecipazione, Riunione, Verbale
from governance.models.organi import Visibilita
from governance.services import riunioni as governance_riunioni

ICS_MIMETYPE = "text/calendar"


def riunioni_for(percorso: Percorso):
    """The process's public meetings, in date order, with their approved minutes if any."""
    return list(
        Riunione.objects.of_context(percorso)
        .pubbliche()
        .exclude(stato=Riunione.Stato.ANNULLATA)
        .select_related("organo", "hub")
        .order_by("inizio")
    )


def percorso_of(riunione: Riunione) -> Percorso | None:
    if riunione.contesto_id is None or riunione.contesto_tipo.model_class() is not Percorso:
        return None
    return Percorso.objects.filter(pk=riunione.contesto_id).first()


@transaction.atomic
def incontro_convene(
    *,
    percorso: Percorso,
    titolo: str,
    inizio,
    fine,
    actor,
    luogo: str = "",
    hub=None,
    link_online: str = "",
    punti=(),
    posti: int | None = None,
    now=None,
) -> Riunione:
    """Convene a public meeting of the process's table and invite every participant's referenti."""
    roles = permissions.actor_roles(actor)
    if workflows.STAFF not in roles:
        raise PermissionDenied(_("Solo il personale del Comune convoca gli incontri del percorso."))
    if percorso.tavolo_id is None:
        raise ValidationError({"tavolo": _("Indica il tavolo di lavoro del percorso prima di convocare un incontro.")})
    riunione = governance_riunioni.riunione_create(
        organo=percorso.tavolo,
        titolo=titolo,
        inizio=inizio,
        fine=fine,
        actor=actor,
        luogo=luogo,
        hub=hub,
        link_online=link_online,
        visibilita=Visibilita.PUBBLICA,
        iscrizioni_aperte=True,
        posti=posti,
        punti=punti,
        contesto=percorso,
        roles=roles,
        now=now,
    )
    already = set(riunione.partecipazioni.exclude(user=None).values_list("user_id", flat=True))
    invitati = []
    for manifestazione in percorso.manifestazioni.ammesse().select_related("ente"):
        for person in permissions.ente_referenti(manifestazione.ente):
            if person.pk in already:
                continue
            already.add(person.pk)
            Partecipazione.objects.create(riunione=riunione, user=person, ente=manifestazione.ente)
            invitati.append(person)
    riunione.refresh_from_db()
    if riunione.convocazione_inviata_il is None:
        governance_riunioni.riunione_convocazione_send(riunione=riunione, now=now)
        riunione.refresh_from_db()
    elif invitati:
        notify(
            destinatari=invitati,
            tipo=GovernanceNotifica.RIUNIONE,
            oggetto=_("Invito: %(titolo)s") % {"titolo": riunione.titolo},
            testo=_(
                "Il percorso «%(percorso)s» vi invita all'incontro «%(titolo)s». Confermate la partecipazione "
                "dalla pagina dell'incontro; il file allegato lo aggiunge al calendario."
            )
            % {"percorso": percorso.titolo, "titolo": riunione.titolo},
            link=riunione.get_absolute_url(),
            allegati=[("invito.ics", riunione_ics(riunione, site_url=settings.SITE_URL), ICS_MIMETYPE)],
        )
    return riunione


def contributo_check(*, riunione: Riunione, ente) -> None:
    """A contribution belongs to a meeting of a process and to one of its participants."""
    percorso = percorso_of(riunione)
    if percorso is None:
        raise ValidationError(
            {"riunione": _("La riunione non appartiene a un percorso di co-programmazione.")}, code="no_process"
        )
    if not percorso.manifestazioni.ammesse().filter(ente=ente).exists():
        raise ValidationError({"ente": _("L'ente non partecipa a questo percorso.")})


@transaction.atomic
def contributo_record(*, riunione: Riunione, ente, testo: str, actor) -> ContributoRiunione:
    """Staff record what a participating ente contributed to a meeting of its process."""
    if workflows.STAFF not in permissions.actor_roles(actor):
        raise PermissionDenied(_("Solo il personale del Comune registra i contributi."))
    contributo_check(riunione=riunione, ente=ente)
    contributo, _created = ContributoRiunione.objects.update_or_create(
        riunione=riunione, ente=ente, defaults={"testo": testo, "registrato_da": actor}
    )
    contributo.full_clean()
    return contributo


def verbale_vigente(riunione: Riunione, user) -> Verbale | None:
    return Verbale.objects.vigenti().visible_to(user).filter(riunione=riunione).order_by("-versione").first()


def verbale_coprogrammazione_pdf(*, riunione: Riunione, verbale: Verbale, percorso: Percorso) -> bytes:
    """The approved minutes of a process meeting, with what each participant contributed."""
    testi = {vp.punto_id: vp.testo for vp in verbale.punti.all()}
    return pdf_render(
        template_name="coprogrammazione/pdf/verbale.html",
        context={
            "percorso": percorso,
            "riunione": riunione,
            "verbale": verbale,
            "punti": [(punto, testi.get(punto.pk, "")) for punto in riunione.punti.all()],
            "presenti": riunione.partecipazioni.presenti_o_delegati().select_related("user", "ente"),
            "contributi": riunione.contributi_coprogrammazione.select_related("ente"),
        },
        pdfa=True,
    )
