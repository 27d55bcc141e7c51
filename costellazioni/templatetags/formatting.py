"""`{{ amount|euro }}` and `{{ moment|scadenza }}`: see costellazioni.formatting."""

from django import template

from costellazioni import formatting

register = template.Library()


@register.filter
def euro(value):
    return formatting.euro(value)


@register.filter
def scadenza(value):
    return formatting.deadline(value)
