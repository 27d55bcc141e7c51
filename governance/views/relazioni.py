"""The contractor's activity reports on the portal: list, write, correct, attach, send, discuss."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from costellazioni.models import Ente
from governance.forms import RapportoForm
from governance.models import Appalto, RapportoAppaltatore
from governance.services import appalto

PER_PAGE = 10
MODIFICABILI = (RapportoAppaltatore.Stato.BOZZA, RapportoAppaltatore.Stato.MODIFICHE_RICHIESTE)


def _errors(error) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


def _rapporto(request, pk) -> RapportoAppaltatore:
    return get_object_or_404(
        RapportoAppaltatore.objects.visible_to(request.user).select_related("appaltatore").distinct(), pk=pk
    )


@login_required
def relazioni(request):
    qs = RapportoAppaltatore.objects.visible_to(request.user).select_related("appaltatore").distinct()
    page_obj = Paginator(qs.order_by("-periodo_al", "-pk"), PER_PAGE).get_page(request.GET.get("page"))
    puo_scrivere = (
        Ente.objects.verified()
        .represented_by(request.user)
        .filter(pk__in=Appalto.objects.in_corso().values("appaltatore"))
        .exists()
    )
    if not puo_scrivere and not page_obj.object_list:
        raise Http404
    return render(
        request,
        "governance/relazioni/list.html",
        {"page_obj": page_obj, "relazioni": page_obj.object_list, "query_string": "", "puo_scrivere": puo_scrivere},
    )


@login_required
def relazione_nuova(request):
    form = RapportoForm(request.POST or None, request.FILES or None, user=request.user)
    if not form.fields["ente"].queryset.exists():
        raise Http404
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                rapporto = appalto.rapporto_create(
                    appaltatore=data["ente"],
                    actor=request.user,
                    periodo_dal=data["periodo_dal"],
                    periodo_al=data["periodo_al"],
                    attivita=form.attivita(),
                    problemi=data["problemi"],
                )
                if data.get("allegato"):
                    appalto.rapporto_attach(rapporto=rapporto, actor=request.user, uploaded=data["allegato"])
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Relazione salvata in bozza: controllala e inviala allo staff."))
            return redirect("governance:relazione", pk=rapporto.pk)
    return render(request, "governance/relazioni/form.html", {"form": form, "rapporto": None})


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def relazione_modifica(request, pk):
    rapporto = _rapporto(request, pk)
    if rapporto.stato not in MODIFICABILI:
        messages.error(request, _("La relazione è già all'esame dello staff."))
        return redirect("governance:relazione", pk=rapporto.pk)
    form = RapportoForm(
        request.POST or None,
        request.FILES or None,
        user=request.user,
        rapporto=rapporto,
        initial=RapportoForm.initial_for(rapporto),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                appalto.rapporto_update(
                    rapporto=rapporto,
                    actor=request.user,
                    periodo_dal=data["periodo_dal"],
                    periodo_al=data["periodo_al"],
                    attivita=form.attivita(),
                    problemi=data["problemi"],
                )
                if data.get("allegato"):
                    appalto.rapporto_attach(rapporto=rapporto, actor=request.user, uploaded=data["allegato"])
        except ValidationError as error:
            _add_errors(form, error)
        except PermissionDenied as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Modifiche salvate."))
            return redirect("governance:relazione", pk=rapporto.pk)
    return render(request, "governance/relazioni/form.html", {"form": form, "rapporto": rapporto})


@login_required
def relazione(request, pk):
    rapporto = _rapporto(request, pk)
    return render(
        request,
        "governance/relazioni/detail.html",
        {
            "rapporto": rapporto,
            "attivita": rapporto.attivita.all(),
            "allegati": rapporto.allegati.all(),
            "commenti": rapporto.commenti.select_related("autore"),
            "modificabile": rapporto.stato in MODIFICABILI,
        },
    )


@login_required
@require_POST
def relazione_invia(request, pk):
    rapporto = _rapporto(request, pk)
    try:
        appalto.rapporto_submit(rapporto=rapporto, actor=request.user)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Relazione inviata allo staff di progetto."))
    return redirect("governance:relazione", pk=rapporto.pk)


@login_required
@require_POST
def relazione_commenta(request, pk):
    rapporto = _rapporto(request, pk)
    testo = request.POST.get("testo", "").strip()
    if not testo:
        messages.error(request, _("Scrivi il commento."))
        return redirect("governance:relazione", pk=rapporto.pk)
    try:
        appalto.rapporto_comment(rapporto=rapporto, actor=request.user, testo=testo[:4000])
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, _errors(error))
    else:
        messages.success(request, _("Commento aggiunto."))
    return redirect("governance:relazione", pk=rapporto.pk)
