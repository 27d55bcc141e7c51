"""Care of the network: the log of contacts between community operators and the City's social services."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from governance import permissions
from governance.models import ContattoRete
from governance.services import rete

PER_PAGE = 20


class ContattoForm(forms.ModelForm):
    class Meta:
        model = ContattoRete
        fields = ["data", "servizio", "persone", "argomento", "esito", "seguiti"]
        widgets = {
            "data": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "seguiti": forms.Textarea(attrs={"rows": 3}),
        }
        labels = {"data": gettext_lazy("Data del contatto")}


@login_required
def contatti(request):
    if not permissions.can_use_contatti(request.user):
        raise Http404
    form = ContattoForm(request.POST or None, initial={"data": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            rete.contatto_record(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("Contatto registrato."))
            return redirect("governance:contatti")
    qs = ContattoRete.objects.visible_to(request.user).select_related("operatore")
    page_obj = Paginator(qs, PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "governance/contatti.html",
        {"form": form, "page_obj": page_obj, "contatti": page_obj.object_list, "query_string": ""},
    )
