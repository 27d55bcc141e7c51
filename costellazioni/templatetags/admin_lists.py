from django import template

from costellazioni.admin import list_filters, result_list

register = template.Library()


@register.simple_tag
def portal_result_list(cl):
    """Django's ``{% result_list cl %}``, each column resolved once (``costellazioni/admin/result_list.py``)."""
    return result_list.result_list(cl)


@register.simple_tag
def portal_list_filter(cl, spec):
    """Django's ``{% admin_list_filter cl spec %}`` without a template (``costellazioni/admin/list_filters.py``)."""
    return list_filters.list_filter(cl, spec)
