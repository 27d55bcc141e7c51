from django import template
from django.contrib import admin
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def nav_sidebar(context):
    """Django's navigation sidebar, drawn once per set of rights, language and current model (``admin_site.py``)."""
    return mark_safe(admin.site.nav_sidebar(context))
