"""The area personale: dashboard, profile, and the enti a person represents or asks to represent."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from costellazioni import extensions
from costellazioni.forms.accounts import (
    EnteLookupForm,
    EnteRegistrationForm,
    ProfiloForm,
    RappresentanzaEsistenteForm,
)
from costellazioni.models import Ente, Membership
from costellazioni.services.enti import ente_register_with_membership, membership_request, membership_set_state
from costellazioni.services.users import user_update_profile
from costellazioni.validators import normalize_codice_fiscale

DASHBOARD_ENTI = 5
ENTI_PER_PAGE = 25


def _add_service_errors(form, error: ValidationError, *, fallback_field: str | None = None) -> None:
    """Show a service's ValidationError on the form: next to its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else fallback_field, errors)
    else:
        form.add_error(fallback_field, error)


@login_required
def dashboard(request):
    memberships = list(Membership.objects.of_user(request.user)[: DASHBOARD_ENTI + 1])
    represented = None
    if len(memberships) <= DASHBOARD_ENTI:  # all of them: the cards need not ask which enti the person represents
        represented = [
            m.ente_id
            for m in memberships
            if m.stato == Membership.Stato.VERIFICATA and m.ente.stato_verifica == Ente.StatoVerifica.VERIFICATO
        ]
    return render(
        request,
        "area_personale/dashboard.html",
        {
            "memberships": memberships[:DASHBOARD_ENTI],
            "more_memberships": len(memberships) > DASHBOARD_ENTI,
            "sections": extensions.area_personale_sections(request, represented_enti=represented),
        },
    )


@login_required
def profilo(request):
    form = ProfiloForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user_update_profile(user=request.user, **form.cleaned_data)
        messages.success(request, _("Il profilo è stato aggiornato."))
        return redirect("area_personale_profilo")
    return render(request, "area_personale/profilo.html", {"form": form})


@login_required
def enti(request):
    memberships = Membership.objects.of_user(request.user)
    page = Paginator(memberships, ENTI_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "area_personale/enti.html",
        {
            "page_obj": page,
            "rappresentati": list(memberships.verified()),
            "stati": Membership.Stato,
        },
    )


@login_required
@require_POST
def ritira_richiesta(request, pk):
    membership = get_object_or_404(Membership.objects.filter(user=request.user), pk=pk)
    try:
        membership_set_state(membership=membership, to=Membership.Stato.REVOCATA, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("La richiesta di rappresentanza di %(ente)s è stata ritirata.") % {"ente": membership.ente}
        )
    return redirect("area_personale_enti")


@login_required
def richiesta_rappresentanza(request):
    """Ask to represent an ente: first its codice fiscale, then either the request or the ente's registration.

    Each step posts everything typed so far, so an error never loses what the person entered.
    """
    passo = request.POST.get("passo", "cerca") if request.method == "POST" else "cerca"
    if passo == "registra":
        return _richiesta_registra(request)
    if passo == "rappresenta":
        return _richiesta_rappresenta(request)
    return _richiesta_cerca(request)


def _render_richiesta(request, passo: str, **context):
    return render(request, "area_personale/richiesta.html", {"passo": passo, **context})


def _richiesta_cerca(request):
    lookup = EnteLookupForm(request.POST if request.method == "POST" else None)
    if not lookup.is_valid():
        return _render_richiesta(request, "cerca", form=lookup)
    codice_fiscale = lookup.cleaned_data["codice_fiscale"]
    ente = Ente.objects.filter(codice_fiscale=codice_fiscale).first()
    if ente is None:
        form = EnteRegistrationForm(initial={"codice_fiscale": codice_fiscale})
        return _render_richiesta(request, "registra", form=form)
    try:
        # Asked now, so a duplicate is reported next to the codice fiscale just typed.
        Membership(user=request.user, ente=ente).validate_constraints()
    except ValidationError as error:
        _add_service_errors(lookup, error, fallback_field="codice_fiscale")
        return _render_richiesta(request, "cerca", form=lookup)
    form = RappresentanzaEsistenteForm(initial={"codice_fiscale": codice_fiscale})
    return _render_richiesta(request, "rappresenta", form=form, ente=ente)


def _richiesta_rappresenta(request):
    form = RappresentanzaEsistenteForm(request.POST)
    codice_fiscale = normalize_codice_fiscale(request.POST.get("codice_fiscale", ""))
    ente = Ente.objects.filter(codice_fiscale=codice_fiscale).first() if codice_fiscale else None
    if ente is None:
        lookup = EnteLookupForm(request.POST)
        if lookup.is_valid():
            lookup.add_error("codice_fiscale", _("Nessun ente registrato con questo codice fiscale."))
        return _render_richiesta(request, "cerca", form=lookup)
    if not form.is_valid():
        return _render_richiesta(request, "rappresenta", form=form, ente=ente)
    try:
        membership_request(
            user=request.user,
            ente=ente,
            ruolo=form.cleaned_data["ruolo"],
            motivazione=form.cleaned_data["motivazione"],
        )
    except ValidationError as error:
        _add_service_errors(form, error)
        return _render_richiesta(request, "rappresenta", form=form, ente=ente)
    messages.success(
        request,
        _("Richiesta inviata: il Comune verificherà che tu possa rappresentare %(ente)s.") % {"ente": ente},
    )
    return redirect("area_personale_enti")


def _richiesta_registra(request):
    form = EnteRegistrationForm(request.POST)
    if form.is_valid():
        try:
            membership = ente_register_with_membership(
                user=request.user,
                ente_fields=form.ente_fields(),
                ruolo=form.cleaned_data["ruolo"],
                motivazione=form.cleaned_data["motivazione"],
            )
        except ValidationError as error:
            _add_service_errors(form, error, fallback_field="codice_fiscale")
        else:
            messages.success(
                request,
                _("%(ente)s è stato registrato e la tua richiesta inviata: il Comune verificherà entrambi.")
                % {"ente": membership.ente},
            )
            return redirect("area_personale_enti")
    return _render_richiesta(request, "registra", form=form)
