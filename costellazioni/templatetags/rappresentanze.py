"""``{{ membership|stato_badge }}``: a membership's state as a badge, written in Python for the lists of them."""

from django import template
from django.utils.html import format_html

from costellazioni.models import Membership

register = template.Library()

BADGES = {
    Membership.Stato.VERIFICATA: "bg-success",
    Membership.Stato.RICHIESTA: "bg-primary",
    Membership.Stato.RESPINTA: "bg-danger",
}
LABELS = dict(Membership.Stato.choices)


@register.filter
def stato_badge(membership: Membership) -> str:
    """The text is the state itself; the colour only repeats it."""
    stato = membership.stato
    return format_html('<span class="badge {}">{}</span>', BADGES.get(stato, "bg-secondary"), LABELS.get(stato, stato))
