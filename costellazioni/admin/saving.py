"""Admin forms whose saving is a service call: a refusal is shown next to the form, never a false success.

``save_model`` (or ``save_related``/``save_formset``) calls the service and lets its ``ValidationError`` or
``PermissionDenied`` through. The mixin rolls the request back (the admin's own transaction), shows the same form
again with the service's messages as form errors (next to the field when the error names one) and the posted data
kept; Django's "modificato con successo" message and the log entry are never written.

An add that cannot be taken back (a payment) asks first: return ``(title, consequences)`` from
``save_confirmation`` and the valid form leads to ``costellazioni.admin.confirm``'s page before anything is saved.
The posted data travel in hidden fields, so this is for forms without files.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from costellazioni.admin.confirm import CONFIRM_FIELD, confirm_save_response

REFUSALS = (ValidationError, PermissionDenied)


class _ConfirmFirst(Exception):
    def __init__(self, title, consequences, obj):
        super().__init__(title)
        self.title, self.consequences, self.obj = title, consequences, obj


def add_refusal(form, error) -> None:
    """Put a service's refusal on ``form``: on a field it names, otherwise above the form."""
    if isinstance(error, ValidationError) and hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    elif isinstance(error, ValidationError):
        form.add_error(None, error.messages)
    else:
        form.add_error(None, str(error) or _("Non hai il permesso di eseguire questa operazione."))


class RefusalAwareSaveMixin:
    """Mix into a ``ModelAdmin`` whose saving goes through services (see the module's docstring)."""

    def save_confirmation(self, request, form, change):
        """``(title, consequences)`` to ask before saving, or ``None`` to save at once."""
        return None

    def save_form(self, request, form, change):
        # Reached only once the form and its formsets are valid: from here a refusal is the service's.
        request._admin_saving = True
        if CONFIRM_FIELD not in request.POST:
            asked = self.save_confirmation(request, form, change)
            if asked is not None:
                title, consequences = asked
                raise _ConfirmFirst(title, consequences, form.instance if change else None)
        return super().save_form(request, form, change)

    def get_form(self, request, obj=None, **kwargs):
        form_class = super().get_form(request, obj, **kwargs)
        refusal = getattr(request, "_admin_refusal", None)
        if refusal is None:
            return form_class

        def clean(form):
            data = super(refused, form).clean()
            add_refusal(form, refusal)
            return data

        refused = type(form_class.__name__, (form_class,), {"clean": clean})
        return refused

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except _ConfirmFirst as asked:
            return confirm_save_response(
                self, request, title=asked.title, consequences=asked.consequences, obj=asked.obj
            )
        except REFUSALS as error:
            if not getattr(request, "_admin_saving", False):
                raise
            request._admin_saving = False
            request._admin_refusal = error
            # The first pass was rolled back with the admin's transaction; this one shows the form with the reason.
            return super().changeform_view(request, object_id, form_url, extra_context)


class ViewOnlyChangeFormMixin:
    """A change form with nothing to edit shows no "Salva": the object opens with the view permission, while the
    changelist's actions keep asking for the change permission. ``is_editable(request, obj)`` says when it has."""

    def is_editable(self, request, obj) -> bool:
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and not self.is_editable(request, obj):
            return False
        return super().has_change_permission(request, obj)


def save_nothing(formset) -> None:
    """A read-only inline's formset: nothing saved, and the empty lists Django's change message reads."""
    formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []


def save_rows(formset, *, parent, save, delete) -> None:
    """Save an inline formset row by row through a service: ``save(row)`` for each added or changed row and
    ``delete(row)`` for each removed one. The formset's lists are filled as Django's own save would, for the
    change message; a refusal goes through to ``RefusalAwareSaveMixin``."""
    save_nothing(formset)
    deleted = formset.deleted_forms
    for row_form in formset.forms:
        row = row_form.instance  # the valid form has already put its data on it
        if row_form in deleted:
            if row.pk:
                delete(row)
                formset.deleted_objects.append(row)
        elif row_form.has_changed():
            adding = row.pk is None
            setattr(row, formset.fk.name, parent)
            save(row)
            if adding:
                formset.new_objects.append(row)
            else:
                formset.changed_objects.append((row, row_form.changed_data))
