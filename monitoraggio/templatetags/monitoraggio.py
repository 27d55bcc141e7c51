from django import template

from monitoraggio.unita import unit_label

register = template.Library()


@register.filter
def unita_per(unita, valore):
    """``{{ unita|unita_per:valore }}``: the unit in the number and language of the figure."""
    return unit_label(unita, valore)
