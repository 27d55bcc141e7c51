"""The board member's pages: the applications assigned to them and the scoring form (phone first).

Which applications a member reaches is ``Candidatura.objects.assigned_to(user)``: assigned, under
evaluation, and without a declared conflict of interest; anything else answers 404.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from contributi import permissions, services
from contributi.forms_selezione import ConflittoForm, PunteggiForm
from contributi.models import (
    Allegato,
    Candidatura,
    DichiarazioneConflitto,
    Punteggio,
    RegoleSelezione,
    Valutazione,
)
from contributi.services.commissione import regole_for


def _assigned(user):
    return Candidatura.objects.assigned_to(user)


@login_required
def lista(request):
    user = request.user
    own_sheet = Valutazione.objects.filter(
        candidatura_id=OuterRef("pk"), membro__utente=user, consenso=False, inviata_il__isnull=False
    )
    declared = DichiarazioneConflitto.objects.filter(candidatura_id=OuterRef("pk"), membro__utente=user)
    candidature = (
        _assigned(user)
        .select_related("bando", "ente")
        .annotate(inviata=Exists(own_sheet), dichiarata=Exists(declared))
        .order_by("inviata", "bando__titolo", "numero_protocollo")
    )
    page = Paginator(candidature, 20).get_page(request.GET.get("pagina"))
    return render(request, "contributi/valutazioni/lista.html", {"page_obj": page})


def _form_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


@login_required
def dettaglio(request, pk):
    user = request.user
    candidatura = get_object_or_404(
        _assigned(user)
        .select_related("bando", "ente")
        .prefetch_related(Prefetch("allegati", queryset=Allegato.objects.select_related("richiesto"))),
        pk=pk,
    )
    membro = permissions.board_member(user, candidatura)
    if membro is None:
        raise Http404
    dichiarazione = DichiarazioneConflitto.objects.filter(membro=membro, candidatura=candidatura).first()
    regole = regole_for(candidatura.bando)
    consenso_mode = regole.modalita_punteggio == RegoleSelezione.Modalita.CONSENSO
    criteri = list(candidatura.bando.criteri.all())
    sheets = (
        Valutazione.objects.visible_to(user)
        .filter(candidatura=candidatura)
        .prefetch_related(Prefetch("punteggi", queryset=Punteggio.objects.select_related("criterio")))
    )
    sheets = list(sheets.select_related("membro__utente"))
    mine = next((v for v in sheets if v.membro_id == membro.pk and not v.consenso), None)
    consenso = next((v for v in sheets if v.consenso), None)
    altre = [v for v in sheets if v is not mine and v is not consenso and v.is_submitted]

    conflitto_form = ConflittoForm(request.POST if "dichiara" in request.POST else None)
    scheda = "consenso" if request.POST.get("scheda") == "consenso" else "mia"
    punteggi_form = PunteggiForm(
        request.POST if "punteggi" in request.POST and scheda == "mia" else None, criteri=criteri, valutazione=mine
    )
    consenso_form = None
    if consenso_mode and membro.presidente:
        consenso_form = PunteggiForm(
            request.POST if "punteggi" in request.POST and scheda == "consenso" else None,
            criteri=criteri,
            valutazione=consenso,
            prefix="consenso",
        )
    if request.method == "POST":
        if "dichiara" in request.POST and dichiarazione is None and conflitto_form.is_valid():
            try:
                services.conflitto_declare(
                    candidatura=candidatura,
                    actor=user,
                    conflitto=conflitto_form.cleaned_data["conflitto"],
                    nota=conflitto_form.cleaned_data["nota"],
                )
            except (ValidationError, PermissionDenied) as exc:
                conflitto_form.add_error(None, exc.messages if isinstance(exc, ValidationError) else str(exc))
            else:
                if conflitto_form.cleaned_data["conflitto"]:
                    messages.info(request, _("Dichiarazione registrata: la candidatura non ti è più assegnata."))
                    return redirect("valutazioni:lista")
                messages.success(request, _("Dichiarazione registrata: puoi valutare la candidatura."))
                return redirect("valutazioni:dettaglio", pk=candidatura.pk)
        elif "punteggi" in request.POST:
            form = consenso_form if scheda == "consenso" and consenso_form else punteggi_form
            if form.is_valid():
                submit = request.POST.get("punteggi") == "invia"
                # Sending cannot be undone: the scores are first kept as a draft, then the person confirms.
                ask = submit and "conferma" not in request.POST
                try:
                    services.punteggi_save(
                        candidatura=candidatura,
                        actor=user,
                        punteggi=form.punteggi(),
                        commento=form.cleaned_data["commento"],
                        submit=submit and not ask,
                        consenso=form is consenso_form,
                    )
                except ValidationError as exc:
                    _form_errors(form, exc)
                except PermissionDenied as exc:
                    form.add_error(None, str(exc))
                else:
                    if ask:
                        return render(
                            request,
                            "contributi/valutazioni/conferma_invio.html",
                            {
                                "candidatura": candidatura,
                                "righe": [(c, *form.punteggi()[c.pk]) for c in criteri],
                                "totale": sum(p or 0 for p, _c in form.punteggi().values()),
                                "consenso": form is consenso_form,
                                "posted": [
                                    (name, value)
                                    for name in request.POST
                                    if name != "csrfmiddlewaretoken"
                                    for value in request.POST.getlist(name)
                                ],
                                "lista_url": reverse("valutazioni:lista"),
                            },
                        )
                    messages.success(request, _("Scheda inviata.") if submit else _("Bozza della scheda salvata."))
                    return redirect("valutazioni:dettaglio", pk=candidatura.pk)
    return render(
        request,
        "contributi/valutazioni/dettaglio.html",
        {
            "candidatura": candidatura,
            "snapshot": candidatura.snapshot or {},
            "membro": membro,
            "dichiarazione": dichiarazione,
            "conflitto_form": conflitto_form,
            "punteggi_form": punteggi_form,
            "consenso_form": consenso_form,
            "mine": mine,
            "consenso": consenso,
            "altre": altre,
            "regole": regole,
            "lista_url": reverse("valutazioni:lista"),
        },
    )
