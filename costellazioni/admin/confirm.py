"""Irreversible admin actions ask first: one intermediate page naming what will happen, to whom, and that it
cannot be undone; and, for an add form that cannot be taken back (a payment), the same page before saving.

In an action::

    @admin.action(description=_("Pubblica la graduatoria approvata"), permissions=["selezione"])
    def pubblica(self, request, queryset):
        return confirm_action(
            self, request, queryset,
            action="pubblica",
            title=_("Pubblica la graduatoria"),
            consequences=[_("Ogni candidatura riceve il suo esito …")],
            apply=lambda data: apply_to_each(self, request, queryset, ..., lambda n: ngettext(...)),
        )

``form_class`` adds fields the action needs (a note, a determina); the action runs only once the page is sent
back with ``confirm`` and the form is valid.
"""

from django import forms
from django.template.response import TemplateResponse

CONFIRM_FIELD = "confirm"


class _NoData(forms.Form):
    pass


def confirm_action(
    modeladmin,
    request,
    queryset,
    *,
    action: str,
    title,
    apply,
    consequences=(),
    form_class=None,
    irreversible: bool = True,
):
    """Show the confirmation page for ``action`` on ``queryset``; once confirmed, ``apply(cleaned_data)``."""
    form_class = form_class or _NoData
    confirmed = CONFIRM_FIELD in request.POST
    form = form_class(request.POST if confirmed else None)
    if confirmed and form.is_valid():
        apply(form.cleaned_data)
        return None  # back to the changelist, with the messages ``apply`` left
    own = {"csrfmiddlewaretoken", CONFIRM_FIELD, "_selected_action", "action", "select_across", "index"}
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": title,
        "form": form,
        # What else the action bar carried (the note of ``NotaActionForm``) travels on with the confirmation.
        "carried": [
            (name, value)
            for name in request.POST
            if name not in own and name not in form.fields
            for value in request.POST.getlist(name)
        ],
        "objects": list(queryset),
        "consequences": consequences,
        "irreversible": irreversible,
        "action": action,
        "selected": request.POST.getlist("_selected_action"),
        "select_across": request.POST.get("select_across", "0"),
        "media": modeladmin.media + form.media,
    }
    return TemplateResponse(request, "admin/confirm_action.html", context)


def confirm_save_response(modeladmin, request, *, title, consequences, obj=None, irreversible: bool = True):
    """The same page before an add or change form is saved: the posted data travel in hidden fields."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "opts": modeladmin.model._meta,
        "title": title,
        "objects": [obj] if obj is not None else [],
        "consequences": consequences,
        "irreversible": irreversible,
        "posted": [(name, value) for name in request.POST for value in request.POST.getlist(name)],
        "cancel_url": request.get_full_path(),
    }
    return TemplateResponse(request, "admin/confirm_save.html", context)
