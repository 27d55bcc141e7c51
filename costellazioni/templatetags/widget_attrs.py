"""A widget's attributes as HTML, in Python: what crispy's ``layout/attrs.html`` renders, without a template per
checkbox (a list of 44 quartieri includes it 44 times on a wizard step)."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def widget_attrs(attrs: dict) -> str:
    """`` name="value"`` for each attribute, ``name`` alone for ``True``, nothing for ``False``."""
    return mark_safe(
        "".join(
            f" {conditional_escape(name)}"
            if value is True
            else f' {conditional_escape(name)}="{conditional_escape(value)}"'
            for name, value in attrs.items()
            if value is not False
        )
    )
