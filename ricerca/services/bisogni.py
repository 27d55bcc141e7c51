"""Writes on needs: the public report, the lifecycle, and the links to whatever answered them."""

import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.events import Notifica as CostellazioniNotifica
from costellazioni.models import Quartiere
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.services.workflow import workflow_transition
from ricerca import permissions, workflows
from ricerca.events import Evento
from ricerca.models import Bisogno, CategoriaBisogno, RispostaBisogno
from ricerca.signals import bisogno_segnalato

# The person who reported a need hears when it is answered (or cannot be).
ESITI_DA_COMUNICARE = {Bisogno.Stato.INDIRIZZATO, Bisogno.Stato.RISOLTO, Bisogno.Stato.NON_RISOLVIBILE}

# What staff may correct on a need; its state moves only through ``bisogno_transition``.
BISOGNO_CAMPI = ("categoria", "descrizione", "destinatari", "urgenza", "quartiere", "fonte", "segnalato_da")


@transaction.atomic
def bisogno_report(
    *,
    categoria: CategoriaBisogno,
    descrizione: str,
    quartiere: Quartiere | None,
    urgenza: str = Bisogno.Urgenza.MEDIA,
    destinatari: str = Bisogno.Destinatari.TUTTI,
    fonte: str = Bisogno.Fonte.SEGNALAZIONE,
    user=None,
    chiave_idempotenza: uuid.UUID | None = None,
) -> Bisogno:
    """A citizen (or a visitor) reports a need; ``bisogno_segnalato`` tells whoever follows the quartiere.

    Only an active category can be chosen for a new need. Sent again with the same ``chiave_idempotenza``
    (a second click) it returns the need already saved: no second row, no second notice.
    """
    if chiave_idempotenza is not None:
        existing = Bisogno.objects.filter(chiave_idempotenza=chiave_idempotenza).first()
        if existing is not None:
            return existing
    if not categoria.attiva:
        raise ValidationError({"categoria": _("Questa categoria non è più in uso: scegline un'altra.")})
    bisogno = Bisogno(
        categoria=categoria,
        descrizione=descrizione,
        quartiere=quartiere,
        urgenza=urgenza,
        destinatari=destinatari,
        fonte=fonte,
        segnalato_da=user if user is not None and user.is_authenticated else None,
        chiave_idempotenza=chiave_idempotenza,
    )
    bisogno.full_clean(validate_unique=False)
    try:
        with transaction.atomic():  # a concurrent second click with the same key loses the race here
            bisogno.save()
    except IntegrityError:
        existing = Bisogno.objects.filter(chiave_idempotenza=chiave_idempotenza).first() if chiave_idempotenza else None
        if existing is None:
            raise
        return existing
    # A failing receiver is logged (django.dispatch) and must not lose the citizen's report.
    bisogno_segnalato.send_robust(sender=Bisogno, bisogno=bisogno)
    return bisogno


@transaction.atomic
def bisogno_update(*, bisogno: Bisogno, actor, **changes) -> Bisogno:
    """Correct a need's data; the log names the fields changed (the reporter's words may be private)."""
    unknown = set(changes) - set(BISOGNO_CAMPI)
    if unknown:
        raise ValueError(f"Not a need's data (the state has its own service): {sorted(unknown)}")
    decision = permissions.can_follow_needs(actor)
    if not decision:
        raise PermissionDenied(decision.reason)
    bisogno = Bisogno.objects.select_for_update().get(pk=bisogno.pk)
    for name, value in changes.items():
        setattr(bisogno, name, value)
    bisogno.full_clean()
    bisogno.save(update_fields=list(changes))
    campi = ", ".join(str(Bisogno._meta.get_field(name).verbose_name) for name in changes)
    audit_record(
        obj=bisogno,
        evento=Evento.BISOGNO_MODIFICATO,
        autore=actor,
        nota=_("Campi modificati: %(campi)s.") % {"campi": campi},
    )
    return bisogno


@transaction.atomic
def bisogno_transition(*, bisogno: Bisogno, to: str, actor, note: str = "") -> Bisogno:
    """Move a need along segnalato → preso in carico → indirizzato → risolto / non risolvibile."""
    bisogno = Bisogno.objects.select_for_update().get(pk=bisogno.pk)
    workflow_transition(
        obj=bisogno,
        field="stato",
        table=workflows.BISOGNO,
        to=to,
        actor=actor,
        note=note,
        roles=permissions.bisogno_roles(actor),
    )
    bisogno.stato_aggiornato_da = actor
    bisogno.stato_aggiornato_il = timezone.now()
    bisogno.full_clean()
    bisogno.save(update_fields=["stato", "stato_aggiornato_da", "stato_aggiornato_il"])
    segnalante = bisogno.segnalato_da
    if segnalante is not None and segnalante != actor and to in ESITI_DA_COMUNICARE:
        notify(
            destinatari=[segnalante],
            tipo=CostellazioniNotifica.AVVISO,
            oggetto=_("Il bisogno che hai segnalato: %(stato)s") % {"stato": bisogno.get_stato_display().lower()},
            testo=_("Il bisogno «%(descrizione)s» è ora: %(stato)s.%(nota)s")
            % {
                "descrizione": bisogno.descrizione[:120],
                "stato": bisogno.get_stato_display().lower(),
                "nota": f" {note}" if note else "",
            },
            link=reverse("ricerca_azione:index"),
        )
    return bisogno


@transaction.atomic
def bisogno_link_risposta(*, bisogno: Bisogno, descrizione: str, actor, oggetto=None) -> RispostaBisogno:
    """Record what answered the need: a HUB service, a project, an antenna (any model, by content type)."""
    if not permissions.bisogno_roles(actor):
        raise PermissionDenied(_("Non hai i permessi per questa operazione."))
    risposta = RispostaBisogno(bisogno=bisogno, descrizione=descrizione, creata_da=actor)
    if oggetto is not None:
        risposta.content_type = ContentType.objects.get_for_model(oggetto)
        risposta.object_id = str(oggetto.pk)
    risposta.full_clean()
    risposta.save()
    return risposta
