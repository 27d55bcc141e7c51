"""Admin forms that record a decision on an application refuse, next to the form, a person party to it."""

from contributi import permissions


class ActorFormMixin:
    """Gives the admin's form the person acting (``form.actor``), so its ``clean`` can refuse them in time."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        return type(form.__name__, (form,), {"actor": request.user})


def refuse_if_party(form, candidatura) -> None:
    """A form error with the reason when the person acting may not decide on ``candidatura``
    (``permissions.can_decide``); the service refuses them as well."""
    actor = getattr(form, "actor", None)
    if actor is None or candidatura is None:
        return
    decision = permissions.can_decide(actor, candidatura)
    if not decision:
        form.add_error(None, decision.reason)
