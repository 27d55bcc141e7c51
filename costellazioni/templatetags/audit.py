"""``{% audit_timeline obj %}``: the history of an object's state changes, newest first."""

from dataclasses import dataclass
from functools import cache

from django import template
from django.template.loader import render_to_string

from costellazioni.models import EventoAudit

register = template.Library()


@dataclass(frozen=True)
class Voce:
    """One line of the timeline, with states shown by their human labels."""

    evento: EventoAudit
    stato_da: str
    stato_a: str

    @property
    def label(self) -> str:
        """The event's label in the reader's language (the row stores its code)."""
        return self.evento.evento_label

    @property
    def code(self) -> str:
        return self.evento.evento


@cache
def _state_labels(model) -> dict[str, str]:
    """Value → label for every choice field of ``model``; fields named ``stato…`` win on clashes."""
    fields = [f for f in model._meta.concrete_fields if f.choices]
    fields.sort(key=lambda f: not f.name.startswith("stato"))
    labels: dict[str, str] = {}
    for field in reversed(fields):
        labels.update({str(value): label for value, label in field.flatchoices})
    return labels


def timeline_context(obj, *, heading: bool = True) -> dict:
    """The include's context: the object's events in one query, with state labels."""
    eventi = list(EventoAudit.objects.for_object(obj)) if obj is not None and obj.pk is not None else []
    labels = _state_labels(type(obj)) if eventi else {}
    voci = [
        Voce(evento=e, stato_da=str(labels.get(e.stato_da, e.stato_da)), stato_a=str(labels.get(e.stato_a, e.stato_a)))
        for e in eventi
    ]
    return {"voci": voci, "heading": heading, "oggetto_pk": getattr(obj, "pk", "")}


def render_timeline(obj, *, heading: bool = True) -> str:
    return render_to_string("includes/timeline.html", timeline_context(obj, heading=heading))


@register.inclusion_tag("includes/timeline.html")
def audit_timeline(obj, heading=True):
    """``{% audit_timeline candidatura %}`` or ``{% audit_timeline candidatura heading=False %}``."""
    return timeline_context(obj, heading=heading)
