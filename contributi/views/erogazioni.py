"""The beneficiary's pages of a funded project in the area personale: acceptance, payments, reports, receipts."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from contributi import forms_erogazioni as forms
from contributi import permissions, services
from contributi.models import Candidatura, Concessione, Pagamento, Rendiconto, Spesa
from costellazioni.uploads import file_response


def _candidatura(request, pk) -> Candidatura:
    return get_object_or_404(Candidatura.objects.visible_to(request.user).select_related("bando", "ente"), pk=pk)


def _concessione(request, pk) -> Concessione:
    return get_object_or_404(
        Concessione.objects.visible_to(request.user).select_related("candidatura__bando", "candidatura__ente"),
        candidatura_id=pk,
    )


def _rendiconto(request, pk, rid) -> Rendiconto:
    return get_object_or_404(
        Rendiconto.objects.visible_to(request.user).select_related(
            "concessione__candidatura__bando", "concessione__candidatura__ente"
        ),
        pk=rid,
        concessione__candidatura_id=pk,
    )


def _add_errors(form, exc):
    if isinstance(exc, PermissionDenied):
        form.add_error(None, str(exc))
    elif hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


# --- acceptance -----------------------------------------------------------------------------------


@login_required
def accettazione(request, pk):
    candidatura = _candidatura(request, pk)
    decision = permissions.can_accept(request.user, candidatura)
    concessione = Concessione.objects.filter(candidatura=candidatura).first()
    form = forms.AccettazioneForm(request.POST or None, concessione=concessione)
    rinuncia = forms.RinunciaForm()
    if request.method == "POST" and decision and form.is_valid():
        try:
            services.concessione_accept(
                candidatura=candidatura,
                actor=request.user,
                data_inizio=form.cleaned_data.get("data_inizio"),
                data_fine=form.cleaned_data.get("data_fine"),
            )
        except (ValidationError, PermissionDenied) as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Contributo accettato: il progetto è avviato."))
            return redirect("area_personale_contributo", pk=candidatura.pk)
    return render(
        request,
        "contributi/erogazioni/accettazione.html",
        {
            "candidatura": candidatura,
            "concessione": concessione,
            "form": form,
            "rinuncia": rinuncia,
            "decision": decision,
        },
    )


@login_required
@require_POST
def rinuncia(request, pk):
    candidatura = _candidatura(request, pk)
    concessione = Concessione.objects.filter(candidatura=candidatura).first()
    form = forms.RinunciaForm(request.POST)
    if form.is_valid():
        try:
            services.concessione_renounce(candidatura=candidatura, actor=request.user, note=form.cleaned_data["motivo"])
        except (ValidationError, PermissionDenied) as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Hai rinunciato al contributo."))
            return redirect(candidatura)
    return render(
        request,
        "contributi/erogazioni/accettazione.html",
        {
            "candidatura": candidatura,
            "concessione": concessione,
            "form": forms.AccettazioneForm(concessione=concessione),
            "rinuncia": form,
            "decision": permissions.can_accept(request.user, candidatura),
        },
    )


# --- award, payments and reports ------------------------------------------------------------------


@login_required
def contributo(request, pk):
    concessione = get_object_or_404(
        Concessione.objects.visible_to(request.user)
        .select_related("candidatura__bando", "candidatura__ente")
        .prefetch_related(
            Prefetch("pagamenti", queryset=Pagamento.objects.select_related("tranche").order_by("data", "pk")),
            Prefetch("rendiconti", queryset=Rendiconto.objects.order_by("creato_il")),
        ),
        candidatura_id=pk,
    )
    return render(
        request,
        "contributi/erogazioni/contributo.html",
        {
            "concessione": concessione,
            "candidatura": concessione.candidatura,
            "tranche": services.tranche_stato(concessione),
            "puo_rendicontare": permissions.can_report(request.user, concessione),
            "tipi": Rendiconto.Tipo.choices,
        },
    )


@login_required
@require_POST
def rendiconto_nuovo(request, pk):
    concessione = _concessione(request, pk)
    tipo = request.POST.get("tipo", "")
    if tipo not in Rendiconto.Tipo.values:
        raise Http404
    try:
        rendiconto = services.rendiconto_start(concessione=concessione, actor=request.user, tipo=tipo)
    except (ValidationError, PermissionDenied) as exc:
        messages.error(request, " ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc))
        return redirect("area_personale_contributo", pk=pk)
    return redirect("area_personale_rendiconto", pk=pk, rid=rendiconto.pk)


def _render_rendiconto(request, rendiconto, *, form=None, spesa_form=None, errori=None, status=200):
    return render(
        request,
        "contributi/erogazioni/rendiconto.html",
        {
            "rendiconto": rendiconto,
            "candidatura": rendiconto.concessione.candidatura,
            "form": form or forms.RendicontoForm(initial=forms.RendicontoForm.initial_for(rendiconto)),
            "spesa_form": spesa_form or forms.SpesaForm(),
            "spese": rendiconto.spese.order_by("data", "pk"),
            "persone": rendiconto.persone_raggiunte.all(),
            "scostamenti": rendiconto.scostamenti(),
            "totale": rendiconto.totale_spese(),
            "modificabile": permissions.can_edit_rendiconto(request.user, rendiconto),
            "errori": errori or [],
        },
        status=status,
    )


@login_required
def rendiconto(request, pk, rid):
    rendiconto = _rendiconto(request, pk, rid)
    if request.method != "POST":
        return _render_rendiconto(request, rendiconto)
    form = forms.RendicontoForm(request.POST)
    if form.is_valid():
        try:
            services.rendiconto_save(
                rendiconto=rendiconto,
                actor=request.user,
                attivita_svolte=form.cleaned_data["attivita_svolte"],
                persone=form.persone(),
            )
        except (ValidationError, PermissionDenied) as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Rendiconto salvato."))
            return redirect("area_personale_rendiconto", pk=pk, rid=rid)
    return _render_rendiconto(request, rendiconto, form=form, status=400)


@login_required
@require_POST
def spesa_nuova(request, pk, rid):
    rendiconto = _rendiconto(request, pk, rid)
    form = forms.SpesaForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.spesa_add(
                rendiconto=rendiconto,
                actor=request.user,
                uploaded=form.cleaned_data["giustificativo"],
                **{name: form.cleaned_data[name] for name in forms.SpesaForm.Meta.fields},
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                _add_errors(form, exc)
            else:
                form.add_error("giustificativo", exc.messages)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Spesa aggiunta."))
            return redirect(reverse("area_personale_rendiconto", kwargs={"pk": pk, "rid": rid}) + "#spese")
    return _render_rendiconto(request, rendiconto, spesa_form=form, status=400)


@login_required
@require_POST
def spesa_elimina(request, pk, rid, sid):
    rendiconto = _rendiconto(request, pk, rid)
    spesa = get_object_or_404(Spesa, pk=sid, rendiconto=rendiconto)
    try:
        services.spesa_delete(spesa=spesa, actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Spesa eliminata."))
    return redirect(reverse("area_personale_rendiconto", kwargs={"pk": pk, "rid": rid}) + "#spese")


@login_required
@require_POST
def rendiconto_presenta(request, pk, rid):
    rendiconto = _rendiconto(request, pk, rid)
    try:
        services.rendiconto_submit(rendiconto=rendiconto, actor=request.user)
    except ValidationError as exc:
        return _render_rendiconto(request, rendiconto, errori=exc.messages, status=400)
    except PermissionDenied as exc:
        return _render_rendiconto(request, rendiconto, errori=[str(exc)], status=403)
    messages.success(request, _("Rendiconto presentato: l'ufficio lo esaminerà e ti scriverà l'esito."))
    return redirect("area_personale_contributo", pk=pk)


@login_required
def giustificativo(request, pk, rid, sid):
    rendiconto = _rendiconto(request, pk, rid)
    spesa = get_object_or_404(Spesa, pk=sid, rendiconto=rendiconto)
    if not permissions.can_read_files(request.user, rendiconto.concessione.candidatura):
        raise Http404
    return file_response(spesa.giustificativo, content_type=spesa.content_type, filename=spesa.nome_originale)
