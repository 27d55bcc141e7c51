"""The applicant's pages in the area personale, and the files of an application."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contributi import permissions, services
from contributi.events import Evento
from contributi.forms_selezione import IntegrazioniForm, OsservazioniForm
from contributi.models import Allegato, Candidatura, DocumentoIntegrazione, Graduatoria, PosizioneGraduatoria
from contributi.services.contenuto import candidatura_contenuto, candidatura_pdf_render
from contributi.views.candidature import _next_step, _step_url
from costellazioni.models import Ente
from costellazioni.permissions import Decision
from costellazioni.services.workflow import available_transitions
from costellazioni.uploads import file_response

# --- files ----------------------------------------------------------------------------------------


@login_required
def allegato(request, pk):
    obj = get_object_or_404(Allegato.objects.select_related("candidatura__ente"), pk=pk)
    visible = Candidatura.objects.visible_to(request.user).filter(pk=obj.candidatura_id).exists()
    if not visible or not permissions.can_read_files(request.user, obj.candidatura):
        raise Http404
    return file_response(obj.file, content_type=obj.content_type, filename=obj.nome_originale)


@login_required
def documento_integrazione(request, pk):
    obj = get_object_or_404(DocumentoIntegrazione.objects.select_related("richiesta__candidatura__ente"), pk=pk)
    candidatura = obj.richiesta.candidatura
    visible = Candidatura.objects.visible_to(request.user).filter(pk=candidatura.pk).exists()
    if not visible or not permissions.can_read_files(request.user, candidatura):
        raise Http404
    return file_response(obj.file, content_type=obj.content_type, filename=obj.nome_originale)


# --- area personale -------------------------------------------------------------------------------


def applicant_candidature(user):
    """The applications shown on the applicant's pages: staff see every one, others their enti's only
    (a board member reaches assigned applications through /area-personale/valutazioni/)."""
    if permissions.sees_all_candidature(user):
        return Candidatura.objects.all()
    return Candidatura.objects.represented_by(user)


@login_required
def area_lista(request):
    candidature = applicant_candidature(request.user)
    if permissions.sees_all_candidature(request.user):
        candidature = candidature.filter(ente__in=Ente.objects.represented_by(request.user))
    page = Paginator(candidature.for_list(), 20).get_page(request.GET.get("pagina"))
    return render(request, "contributi/area_lista.html", {"page_obj": page})


# Events without a change of state that the applicant sees in the timeline (board-internal ones stay out).
APPLICANT_EVENTS = frozenset(
    {
        Evento.PREAVVISO_DI_RIGETTO_INVIATO.value,
        Evento.OSSERVAZIONI_AL_PREAVVISO_INVIATE.value,
        Evento.DECISIONE_SULLE_OSSERVAZIONI.value,
    }
)


def applicant_timeline(candidatura) -> dict:
    """The application's timeline as its applicant sees it: filtered by event code, whatever the language."""
    from costellazioni.templatetags.audit import timeline_context

    context = timeline_context(candidatura)
    context["voci"] = [v for v in context["voci"] if v.evento.stato_a or v.code in APPLICANT_EVENTS]
    return context


def applicant_buttons(user, candidatura, *, richiesta, preavvisi) -> dict:
    """The buttons of the application's page: a change of state exactly when the door offers it
    (``available_transitions``) and the conditions its service adds allow it; the other actions from their rules."""
    moves = {available.transition.evento for available in available_transitions(candidatura, user, field="stato")}
    return {
        "puo_ritirare": Evento.CANDIDATURA_RITIRATA in moves and permissions.bando_open_decision(candidatura.bando),
        "puo_integrare": richiesta is not None
        and Evento.INTEGRAZIONI_INVIATE in moves
        and permissions.can_reply_integrazioni(user, richiesta),
        "puo_osservare": next((p for p in preavvisi if p.is_open and permissions.can_send_osservazioni(user, p)), None),
    }


@login_required
def area_dettaglio(request, pk):
    candidatura = get_object_or_404(
        applicant_candidature(request.user)
        .select_related("bando", "ente")
        .prefetch_related(Prefetch("allegati", queryset=Allegato.objects.select_related("richiesto"))),
        pk=pk,
    )
    richieste = list(candidatura.richieste_integrazioni.prefetch_related("documenti"))
    richiesta_aperta = next((r for r in richieste if r.is_pending), None)
    preavvisi = list(candidatura.preavvisi.all())
    punteggi = permissions.can_see_scores(request.user, candidatura)
    posizione = criteri = None
    if punteggi:
        posizione = (
            PosizioneGraduatoria.objects.filter(
                candidatura=candidatura, graduatoria__stato=Graduatoria.Stato.PUBBLICATA
            )
            .select_related("graduatoria")
            .first()
        )
        if posizione is not None:
            criteri = [(c, posizione.punti_criterio(c)) for c in candidatura.bando.criteri.all()]
    return render(
        request,
        "contributi/area_dettaglio.html",
        {
            "candidatura": candidatura,
            **applicant_buttons(request.user, candidatura, richiesta=richiesta_aperta, preavvisi=preavvisi),
            "puo_modificare": permissions.can_edit(request.user, candidatura),
            "riprendi": _step_url(candidatura, _next_step(candidatura)),
            "richieste": richieste,
            "richiesta_aperta": richiesta_aperta,
            "preavvisi": preavvisi,
            "preavviso_aperto": next(
                (p for p in preavvisi if p.is_open and p.osservazioni_il is None and timezone.now() <= p.scadenza),
                None,
            ),
            "posizione": posizione,
            "criteri_punteggi": criteri,
            "timeline": applicant_timeline(candidatura),
        },
    )


def _submitted(request, pk):
    return get_object_or_404(
        applicant_candidature(request.user).select_related("bando", "ente"), pk=pk, snapshot__isnull=False
    )


@login_required
def contenuto(request, pk):
    """Exactly what was submitted: the snapshot frozen at submission, not the application's current rows."""
    candidatura = _submitted(request, pk)
    return render(
        request,
        "contributi/area_contenuto.html",
        {"candidatura": candidatura, **candidatura_contenuto(candidatura)},
    )


@login_required
def contenuto_pdf(request, pk):
    candidatura = _submitted(request, pk)
    pdf = candidatura_pdf_render(candidatura=candidatura)
    numero = candidatura.numero_protocollo.replace("/", "-") or str(candidatura.pk)
    return file_response(pdf, content_type="application/pdf", filename=f"candidatura-{numero}.pdf")


@login_required
def integrazioni(request, pk):
    """The applicant's reply to a request for additional documents: text and PDFs, before the deadline."""
    candidatura = get_object_or_404(applicant_candidature(request.user).select_related("bando", "ente"), pk=pk)
    richiesta = candidatura.richieste_integrazioni.pending().first()
    if richiesta is None:
        raise Http404
    decision = permissions.can_reply_integrazioni(request.user, richiesta)
    form = IntegrazioniForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and decision and form.is_valid():
        try:
            services.integrazioni_reply(
                richiesta=richiesta,
                actor=request.user,
                risposta=form.cleaned_data["risposta"],
                files=form.cleaned_data["documenti"],
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied as exc:
            decision = Decision(False, str(exc))
        else:
            messages.success(request, _("Integrazioni inviate: l'istruttoria riprende."))
            return redirect(candidatura)
    status = 200 if decision or request.method == "GET" else 403
    return render(
        request,
        "contributi/istruttoria/integrazioni.html",
        {"candidatura": candidatura, "richiesta": richiesta, "form": form, "decision": decision},
        status=status,
    )


@login_required
def osservazioni(request, pk):
    """Written observations on a preavviso di rigetto, within ten days."""
    candidatura = get_object_or_404(applicant_candidature(request.user).select_related("bando", "ente"), pk=pk)
    preavviso = candidatura.preavvisi.undecided().order_by("-inviato_il").first()
    if preavviso is None:
        raise Http404
    decision = permissions.can_send_osservazioni(request.user, preavviso)
    form = OsservazioniForm(request.POST or None)
    if request.method == "POST" and decision and form.is_valid():
        try:
            services.preavviso_observations(
                preavviso=preavviso, actor=request.user, osservazioni=form.cleaned_data["osservazioni"]
            )
        except ValidationError as exc:
            _form_errors(form, exc)
        except PermissionDenied as exc:
            decision = Decision(False, str(exc))
        else:
            messages.success(request, _("Osservazioni inviate: ne terremo conto nella decisione finale."))
            return redirect(candidatura)
    status = 200 if decision or request.method == "GET" else 403
    return render(
        request,
        "contributi/istruttoria/osservazioni.html",
        {"candidatura": candidatura, "preavviso": preavviso, "form": form, "decision": decision},
        status=status,
    )


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def ricevuta(request, pk):
    candidatura = get_object_or_404(Candidatura.objects.visible_to(request.user), pk=pk, snapshot__isnull=False)
    if not candidatura.ricevuta or not candidatura.ricevuta.storage.exists(candidatura.ricevuta.name):
        # Not rendered yet, or its file is missing (a database restored without its media): rendered again
        # from the snapshot, never a 500.
        candidatura = services.ricevuta_generate(candidatura_id=candidatura.pk)
    return file_response(
        candidatura.ricevuta, content_type="application/pdf", filename=candidatura.ricevuta.name.rsplit("/", 1)[-1]
    )


@login_required
@require_POST
def ritira(request, pk):
    candidatura = get_object_or_404(Candidatura.objects.visible_to(request.user), pk=pk)
    try:
        services.candidatura_withdraw(candidatura=candidatura, actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Candidatura ritirata."))
    return redirect(candidatura)
