"""Site visits in the portal: the project staff add photos and follow-ups and move the follow-ups on."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from costellazioni.models import Ente
from governance import permissions
from governance.models import SeguitoSopralluogo, Sopralluogo
from governance.services import appalto, seguiti

PER_PAGE = 20


class FotoForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Foto (JPEG o PNG)"),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )
    didascalia = forms.CharField(
        label=gettext_lazy("Didascalia"),
        max_length=250,
        help_text=gettext_lazy("Descrive la foto a chi non la vede."),
    )


class SeguitoForm(forms.ModelForm):
    class Meta:
        model = SeguitoSopralluogo
        fields = ["descrizione", "responsabile", "ente_responsabile", "scadenza"]
        widgets = {
            "descrizione": forms.Textarea(attrs={"rows": 2}),
            "scadenza": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsabile"].queryset = (
            get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name")
        )
        self.fields["ente_responsabile"].queryset = Ente.objects.order_by("denominazione")


def _require_access(user):
    if not permissions.follows_sopralluoghi(user):
        raise Http404


def _form_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


@login_required
def sopralluoghi(request):
    _require_access(request.user)
    qs = Sopralluogo.objects.select_related("hub")
    page_obj = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/sopralluoghi/index.html",
        {"page_obj": page_obj, "sopralluoghi": page_obj.object_list, "query_string": ""},
    )


@login_required
def sopralluogo(request, pk):
    _require_access(request.user)
    visita = get_object_or_404(Sopralluogo.objects.select_related("hub", "autore"), pk=pk)
    foto_form = FotoForm(prefix="foto")
    seguito_form = SeguitoForm(prefix="seguito")
    if request.method == "POST":
        if "foto-submit" in request.POST:
            foto_form = FotoForm(request.POST, request.FILES, prefix="foto")
            if foto_form.is_valid():
                try:
                    appalto.sopralluogo_add_photo(
                        sopralluogo=visita,
                        actor=request.user,
                        uploaded=foto_form.cleaned_data["file"],
                        didascalia=foto_form.cleaned_data["didascalia"],
                    )
                except ValidationError as error:
                    if hasattr(error, "error_dict"):
                        _form_errors(foto_form, error)
                    else:
                        foto_form.add_error("file", error.messages)
                else:
                    messages.success(request, _("Foto aggiunta."))
                    return redirect(visita)
        else:
            seguito_form = SeguitoForm(request.POST, prefix="seguito")
            if seguito_form.is_valid():
                data = seguito_form.cleaned_data
                try:
                    seguiti.seguito_create(sopralluogo=visita, actor=request.user, **data)
                except ValidationError as error:
                    _form_errors(seguito_form, error)
                else:
                    messages.success(request, _("Azione registrata."))
                    return redirect(visita)
    context = {
        "sopralluogo": visita,
        "foto": visita.foto.all(),
        "seguiti": visita.azioni.select_related("responsabile", "ente_responsabile"),
        "foto_form": foto_form,
        "seguito_form": seguito_form,
        "stati": SeguitoSopralluogo.Stato,
    }
    return render(request, "governance/sopralluoghi/detail.html", context)


@login_required
@require_POST
def seguito_stato(request, pk):
    seguito = get_object_or_404(SeguitoSopralluogo.objects.select_related("sopralluogo"), pk=pk)
    if not permissions.seguito_roles(request.user, seguito):
        raise Http404
    try:
        seguiti.seguito_transition(
            seguito=seguito, to=request.POST.get("to", ""), actor=request.user, note=request.POST.get("nota", "")
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Stato dell'azione aggiornato."))
    return redirect(seguito.sopralluogo)
