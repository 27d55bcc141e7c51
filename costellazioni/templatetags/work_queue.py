"""``{% work_queue %}``: the signed-in staff member's "Da fare" on the admin index (``extensions.work_items``)."""

import math

from django import template
from django.utils import timezone

from costellazioni import extensions

register = template.Library()


def _days_left(scadenza, now) -> int | None:
    if scadenza is None:
        return None
    return math.ceil((scadenza - now).total_seconds() / 86400)


@register.inclusion_tag("admin/includes/work_queue.html", takes_context=True)
def work_queue(context):
    request = context["request"]
    now = timezone.now()
    items = [{"item": item, "giorni": _days_left(item.scadenza, now)} for item in extensions.work_items(request.user)]
    return {"items": items}
