"""Istruttoria: admissibility checklist, soccorso istruttorio and preavviso di rigetto (art. 10-bis L. 241/1990).

State changes go through ``candidatura_transition``; this module checks what is not about who acts
(deadlines, the ten days of the preavviso, a complete checklist) before calling it.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from contributi import permissions
from contributi.events import Evento, Notifica
from contributi.models import (
    PREAVVISO_GIORNI,
    Candidatura,
    DocumentoIntegrazione,
    Preavviso,
    RichiestaIntegrazioni,
    VerificaChecklist,
)
from contributi.permissions import require_selection_worker
from contributi.services.candidature import candidatura_referenti, candidatura_transition
from contributi.services.checklist import checklist_errors
from costellazioni.formatting import deadline
from costellazioni.permissions import require_approver
from costellazioni.services.audit import audit_record
from costellazioni.services.notifications import notify
from costellazioni.uploads import file_store, safe_filename

S = Candidatura.Stato


def _lock(candidatura) -> Candidatura:
    return Candidatura.objects.select_for_update(of=("self",)).select_related("bando", "ente").get(pk=candidatura.pk)


# --- start --------------------------------------------------------------------------


@transaction.atomic
def istruttoria_start(*, candidatura: Candidatura, actor, now=None) -> Candidatura:
    """Open the admissibility review of a submitted application, once the call has closed."""
    now = now or timezone.now()
    candidatura = _lock(candidatura)
    if now < candidatura.bando.termine:
        raise ValidationError(_("Il bando è ancora aperto: l'istruttoria inizia dopo la scadenza."))
    if not candidatura.bando.checklist.exists():
        raise ValidationError(
            _(
                "Il bando non ha ancora la checklist di ammissibilità: generala dai requisiti del bando "
                "(azione «Genera la checklist predefinita» sui bandi) prima di avviare l'istruttoria."
            ),
            code="no_checklist",
        )
    candidatura = candidatura_transition(candidatura=candidatura, to=S.IN_ISTRUTTORIA, actor=actor)
    VerificaChecklist.objects.bulk_create(
        [VerificaChecklist(candidatura=candidatura, voce=voce) for voce in candidatura.bando.checklist.all()],
        ignore_conflicts=True,
    )
    return candidatura


@transaction.atomic
def istruttoria_ammissibile(*, candidatura: Candidatura, actor, note: str = "", now=None) -> Candidatura:
    candidatura = _lock(candidatura)
    errors = checklist_errors(candidatura)
    if errors:
        raise ValidationError(errors)
    if candidatura.preavvisi.undecided().exists():
        raise ValidationError(_("C'è un preavviso di rigetto in corso: decidi prima sulle osservazioni."))
    return candidatura_transition(candidatura=candidatura, to=S.AMMISSIBILE, actor=actor, note=note)


# --- soccorso istruttorio -------------------------------------------------------------------------


@transaction.atomic
def integrazioni_request(*, candidatura: Candidatura, actor, testo: str, scadenza, now=None) -> RichiestaIntegrazioni:
    """Ask the applicant for documents or corrections by ``scadenza``; they are told by e-mail."""
    require_selection_worker(actor)
    now = now or timezone.now()
    if not testo.strip():
        raise ValidationError({"testo": _("Scrivi quali integrazioni servono.")})
    if scadenza is None or scadenza <= now:
        raise ValidationError({"scadenza": _("Il termine per le integrazioni deve essere nel futuro.")})
    candidatura = _lock(candidatura)
    messaggio = _(
        "Per completare l'istruttoria della candidatura %(c)s servono integrazioni:\n\n%(testo)s\n\n"
        "Rispondi dalla tua area personale entro %(when)s (ora di Roma)."
    ) % {"c": candidatura, "testo": testo, "when": deadline(scadenza)}
    candidatura = candidatura_transition(
        candidatura=candidatura, to=S.INTEGRAZIONI_RICHIESTE, actor=actor, note=testo, messaggio=messaggio
    )
    richiesta = RichiestaIntegrazioni(
        candidatura=candidatura, testo=testo, scadenza=scadenza, richiesta_da=actor, richiesta_il=now
    )
    richiesta.full_clean()
    richiesta.save()
    return richiesta


@transaction.atomic
def integrazioni_reply(
    *, richiesta: RichiestaIntegrazioni, actor, risposta: str, files=(), now=None
) -> RichiestaIntegrazioni:
    """The applicant's reply (text and PDFs) before the deadline; the application returns to review."""
    now = now or timezone.now()
    richiesta = (
        RichiestaIntegrazioni.objects.select_for_update(of=("self",))
        .select_related("candidatura__ente", "candidatura__bando")
        .get(pk=richiesta.pk)
    )
    decision = permissions.can_reply_integrazioni(actor, richiesta, now=now)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not risposta.strip() and not files:
        raise ValidationError({"risposta": _("Scrivi una risposta o allega almeno un documento.")})
    for uploaded in files:
        documento = DocumentoIntegrazione(richiesta=richiesta, caricato_da=actor)
        try:
            file_store(instance=documento, field_name="file", uploaded=uploaded)
        except ValidationError as exc:
            nome = safe_filename(uploaded.name)
            raise ValidationError({"documenti": [f"{nome}: {m}" for m in exc.messages]}) from exc
    richiesta.risposta = risposta
    richiesta.risposta_il = now
    richiesta.risposta_da = actor
    richiesta.save(update_fields=["risposta", "risposta_il", "risposta_da"])
    candidatura_transition(
        candidatura=richiesta.candidatura,
        to=S.IN_ISTRUTTORIA,
        actor=actor,
        note=_("Integrazioni inviate dall'ente."),
        messaggio=_("Abbiamo ricevuto le integrazioni: l'istruttoria della candidatura %(c)s riprende.")
        % {"c": richiesta.candidatura},
    )
    _tell_case_officer(
        richiesta.richiesta_da,
        richiesta.candidatura,
        oggetto=_("Integrazioni ricevute: %(c)s") % {"c": richiesta.candidatura},
        link=reverse("admin:contributi_candidatura_change", args=[richiesta.candidatura_id]),
    )
    return richiesta


def _tell_case_officer(officer, candidatura, *, oggetto: str, link: str) -> None:
    """The staff member who asked the applicant for something is told when the answer arrives."""
    notify(
        destinatari=[officer],
        tipo=Notifica.CANDIDATURA,
        oggetto=oggetto,
        testo=_("%(ente)s ha risposto per la candidatura %(c)s: la pratica attende il tuo esame.")
        % {"ente": candidatura.ente, "c": candidatura},
        link=link,
    )


@transaction.atomic
def integrazioni_close(*, richiesta: RichiestaIntegrazioni, actor, now=None) -> RichiestaIntegrazioni:
    """After the deadline with no reply, staff resume the review with what they have."""
    require_selection_worker(actor)
    now = now or timezone.now()
    richiesta = RichiestaIntegrazioni.objects.select_for_update(of=("self",)).get(pk=richiesta.pk)
    require_approver(permissions.can_decide(actor, richiesta.candidatura))
    if not richiesta.is_pending:
        raise ValidationError(_("La richiesta non è più in attesa."))
    if now <= richiesta.scadenza:
        raise ValidationError(_("Il termine per le integrazioni non è ancora scaduto."))
    richiesta.chiusa_il = now
    richiesta.save(update_fields=["chiusa_il"])
    candidatura_transition(
        candidatura=richiesta.candidatura,
        to=S.IN_ISTRUTTORIA,
        actor=actor,
        note=_("Termine per le integrazioni scaduto senza risposta."),
    )
    return richiesta


# --- preavviso di rigetto -------------------------------------------------------------------------

FASE_STATO = {Preavviso.Fase.ISTRUTTORIA: S.IN_ISTRUTTORIA, Preavviso.Fase.VALUTAZIONE: S.VALUTATA}


@transaction.atomic
def preavviso_send(
    *, candidatura: Candidatura, actor, motivi: str, fase: str = Preavviso.Fase.ISTRUTTORIA, now=None
) -> Preavviso:
    """Tell the applicant the reasons for a negative outcome; they have ten days for written observations."""
    require_selection_worker(actor)
    now = now or timezone.now()
    candidatura = _lock(candidatura)
    require_approver(permissions.can_decide(actor, candidatura))
    if candidatura.stato != FASE_STATO[fase]:
        raise ValidationError(
            _("Il preavviso di rigetto si invia a una candidatura nello stato «%(stato)s».")
            % {"stato": S(FASE_STATO[fase]).label}
        )
    if not motivi.strip():
        raise ValidationError({"motivi": _("Scrivi i motivi che impediscono l'accoglimento.")})
    if candidatura.preavvisi.undecided().filter(fase=fase).exists():
        raise ValidationError(_("Un preavviso di rigetto è già in corso per questa candidatura."))
    preavviso = Preavviso(
        candidatura=candidatura,
        fase=fase,
        motivi=motivi,
        inviato_il=now,
        inviato_da=actor,
        scadenza=now + timedelta(days=PREAVVISO_GIORNI),
    )
    preavviso.full_clean()
    preavviso.save()
    audit_record(obj=candidatura, evento=Evento.PREAVVISO_DI_RIGETTO_INVIATO, autore=actor, nota=motivi)
    notify(
        destinatari=candidatura_referenti(candidatura),
        tipo=Notifica.CANDIDATURA,
        oggetto=_("Preavviso di rigetto: %(c)s") % {"c": candidatura},
        testo=_(
            "Ai sensi dell'art. 10-bis della legge 241/1990 ti comunichiamo i motivi che impediscono "
            "l'accoglimento della candidatura %(c)s:\n\n%(motivi)s\n\nEntro %(when)s (10 giorni) puoi "
            "presentare osservazioni scritte, eventualmente con documenti, dalla tua area personale."
        )
        % {"c": candidatura, "motivi": motivi, "when": deadline(preavviso.scadenza)},
        link=candidatura.get_absolute_url(),
    )
    return preavviso


@transaction.atomic
def preavviso_observations(*, preavviso: Preavviso, actor, osservazioni: str, now=None) -> Preavviso:
    now = now or timezone.now()
    preavviso = (
        Preavviso.objects.select_for_update(of=("self",)).select_related("candidatura__ente").get(pk=preavviso.pk)
    )
    decision = permissions.can_send_osservazioni(actor, preavviso, now=now)
    if not decision:
        raise PermissionDenied(decision.reason)
    if not osservazioni.strip():
        raise ValidationError({"osservazioni": _("Scrivi le tue osservazioni.")})
    preavviso.osservazioni = osservazioni
    preavviso.osservazioni_il = now
    preavviso.osservazioni_da = actor
    preavviso.save(update_fields=["osservazioni", "osservazioni_il", "osservazioni_da"])
    audit_record(obj=preavviso.candidatura, evento=Evento.OSSERVAZIONI_AL_PREAVVISO_INVIATE, autore=actor)
    _tell_case_officer(
        preavviso.inviato_da,
        preavviso.candidatura,
        oggetto=_("Osservazioni al preavviso di rigetto: %(c)s") % {"c": preavviso.candidatura},
        link=reverse("admin:contributi_preavviso_change", args=[preavviso.pk]),
    )
    return preavviso


@transaction.atomic
def preavviso_decide(*, preavviso: Preavviso, actor, esito: str, considerazioni: str, now=None) -> Preavviso:
    """The final decision after a preavviso: only once the observations arrived or the ten days passed.

    ``considerazioni`` records how the observations were considered. A confirmed rejection at the
    istruttoria makes the application non ammissibile now; at evaluation it becomes non idonea when the
    ranking is published. Accepted observations leave the application in review.
    """
    require_selection_worker(actor)
    now = now or timezone.now()
    preavviso = Preavviso.objects.select_for_update(of=("self",)).get(pk=preavviso.pk)
    require_approver(permissions.can_decide(actor, preavviso.candidatura))
    if not preavviso.is_open:
        raise ValidationError(_("Su questo preavviso è già stata presa la decisione."))
    if not preavviso.can_decide(now):
        raise ValidationError(
            _(
                "L'ente ha tempo fino a %(when)s per le osservazioni: la decisione si prende dopo averle "
                "ricevute o a termine scaduto."
            )
            % {"when": deadline(preavviso.scadenza)}
        )
    if esito not in Preavviso.Esito.values:
        raise ValidationError({"esito": _("Scegli la decisione.")})
    if not considerazioni.strip():
        if preavviso.osservazioni_il is not None:
            raise ValidationError({"considerazioni": _("Scrivi come sono state considerate le osservazioni.")})
        considerazioni = _("Nessuna osservazione pervenuta entro il termine.")
    preavviso.esito = esito
    preavviso.considerazioni = considerazioni
    preavviso.decisa_il = now
    preavviso.decisa_da = actor
    preavviso.full_clean()
    preavviso.save()
    nota = _("Motivi: %(motivi)s\n\nValutazione delle osservazioni: %(considerazioni)s") % {
        "motivi": preavviso.motivi,
        "considerazioni": considerazioni,
    }
    if esito == Preavviso.Esito.CONFERMATO and preavviso.fase == Preavviso.Fase.ISTRUTTORIA:
        candidatura_transition(candidatura=preavviso.candidatura, to=S.NON_AMMISSIBILE, actor=actor, note=nota)
    else:
        audit_record(
            obj=preavviso.candidatura,
            evento=Evento.DECISIONE_SULLE_OSSERVAZIONI,
            autore=actor,
            nota=f"{Preavviso.Esito(esito).label}. {considerazioni}",
        )
    return preavviso
