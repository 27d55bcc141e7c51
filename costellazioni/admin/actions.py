"""Admin actions that move the selected rows through a workflow, one service call per row."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ActionForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from costellazioni.admin.confirm import confirm_action


class NotaActionForm(ActionForm):
    """The action bar with a note, which the workflows require to refuse something."""

    nota = forms.CharField(
        label=_("Nota"),
        required=False,
        help_text=_("Obbligatoria per respingere: viene comunicata all'interessato."),
        widget=forms.TextInput(attrs={"size": 40}),
    )


def error_text(error) -> str:
    """What a refused service call tells the person: its validation messages, or the permission's reason."""
    return "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)


def apply_to_each(modeladmin, request, queryset, call, done_message=None) -> int:
    """Call ``call(obj)`` for each selected row. A refusal (ValidationError, PermissionDenied) is reported for
    its row and leaves it as it was; the others go ahead. ``done_message``, if given, takes ``%(n)d``, the rows
    done: ``lambda n: ngettext(...)`` when it counts a noun ("1 bando pubblicato", "3 bandi pubblicati"), or a text
    where the number stands alone ("Documenti generati: %(n)d.")."""
    done = 0
    for obj in queryset:
        try:
            call(obj)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            modeladmin.message_user(request, f"{obj}: {error_text(error)}", messages.ERROR)
    if done and done_message:
        text = done_message(done) if callable(done_message) else done_message
        modeladmin.message_user(request, text % {"n": done}, messages.SUCCESS)
    return done


def _done_on(n: int) -> str:
    return ngettext("Operazione eseguita su %(n)d elemento.", "Operazione eseguita su %(n)d elementi.", n)


def transition_action(*, name: str, description, service, object_kwarg: str, to: str, available_only: bool = False):
    """An admin action calling ``service(<object_kwarg>=obj, to=to, actor=user, note=nota)`` for each row.

    Refusals (a missing note, a transition not in the table, no permission) are reported per row and
    leave that row as it was; the others go ahead. With ``available_only`` a row moves only when
    ``available_transitions`` offers the move to the person (the model's registered workflow, with its roles
    and approval rule), so the action and the buttons agree; the service checks again under lock.
    """
    from costellazioni.services.workflow import require_available

    def call(obj, request, nota):
        if available_only:
            require_available(obj, request.user, to)
        service(**{object_kwarg: obj}, to=to, actor=request.user, note=nota)

    @admin.action(description=description, permissions=["change"])
    def action(modeladmin, request, queryset):
        nota = request.POST.get("nota", "")
        apply_to_each(
            modeladmin,
            request,
            queryset,
            lambda obj: call(obj, request, nota),
            _done_on,
        )

    action.__name__ = name
    return action


def service_action(
    *, name: str, description, call, done_message=None, permissions=("change",), confirm_title=None, consequences=()
):
    """An admin action calling ``call(obj, request)`` for each selected row (``apply_to_each``).

    With ``confirm_title`` it asks first (``confirm.confirm_action``), naming ``consequences``: a list of texts, or
    a function ``(queryset) -> list`` for consequences that depend on the rows.
    """

    @admin.action(description=description, permissions=list(permissions))
    def action(modeladmin, request, queryset):
        def apply(data=None):
            apply_to_each(
                modeladmin,
                request,
                queryset,
                lambda obj: call(obj, request),
                done_message
                or (
                    lambda n: ngettext(
                        "Operazione eseguita su %(n)d elemento.", "Operazione eseguita su %(n)d elementi.", n
                    )
                ),
            )

        if confirm_title is None:
            return apply()
        return confirm_action(
            modeladmin,
            request,
            queryset,
            action=name,
            title=confirm_title,
            consequences=consequences(queryset) if callable(consequences) else consequences,
            apply=apply,
        )

    action.__name__ = name
    return action


class ReadOnlyAdminMixin:
    """For records only services write (the audit log, messages): nobody adds, edits or deletes them here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
