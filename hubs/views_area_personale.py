"""/area-personale/prenotazioni/: a person's bookings and sportello appointments, and cancelling them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from hubs import permissions, services
from hubs.forms import MotivazioneForm
from hubs.models import Appuntamento, Prenotazione

PER_PAGE = 20


@login_required
def lista(request):
    # A person's own rows: "visible_to" would give staff everybody's, which is the admin's job.
    prenotazioni = Prenotazione.objects.filter(richiedente=request.user).with_related().order_by("-inizio")
    appuntamenti = Appuntamento.objects.filter(richiedente=request.user).with_related().order_by("-creato_il")
    page_obj = Paginator(prenotazioni, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "hubs/area_personale/prenotazioni.html",
        {
            "page_obj": page_obj,
            "appuntamenti": appuntamenti[:PER_PAGE],
            "annullabili_p": {Prenotazione.Stato.RICHIESTA, Prenotazione.Stato.CONFERMATA},
            "annullabili_a": {Appuntamento.Stato.RICHIESTO, Appuntamento.Stato.FISSATO},
        },
    )


@login_required
@require_POST
def annulla_prenotazione(request, pk):
    prenotazione = get_object_or_404(
        Prenotazione.objects.visible_to(request.user).filter(richiedente=request.user), pk=pk
    )
    return _cancel(request, prenotazione, services.prenotazione_cancel, "prenotazione")


@login_required
@require_POST
def annulla_appuntamento(request, pk):
    appuntamento = get_object_or_404(
        Appuntamento.objects.visible_to(request.user).filter(richiedente=request.user), pk=pk
    )
    return _cancel(request, appuntamento, services.appuntamento_cancel, "appuntamento")


def _cancel(request, obj, service, kwarg):
    decision = permissions.can_cancel(request.user, obj)
    if not decision:
        messages.error(request, decision.reason)
        return redirect("hubs_area_personale:lista")
    form = MotivazioneForm(request.POST)
    note = form.cleaned_data["motivazione"] if form.is_valid() else ""
    try:
        service(**{kwarg: obj}, actor=request.user, note=note)
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Annullamento registrato."))
    return redirect("hubs_area_personale:lista")
