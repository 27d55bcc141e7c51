"""Choice fields over the quartieri whose options are read as (value, name) rows, not as a model per option.

A form that lists the 40 quartieri built 40 ``Quartiere`` objects on every page only to print their names: the
wizard's project step and the field log's filter both do. The options come from ``values_list`` here; what
the person picks is checked and returned as usual, through the field's queryset.
"""

from django import forms
from django.forms.models import ModelChoiceIterator

from costellazioni.models import Quartiere


class _NameRows(ModelChoiceIterator):
    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from self.queryset.values_list(self.field.to_field_name or "pk", "nome")


class _QuartieriOptions:
    iterator = _NameRows

    def __init__(self, queryset=None, **kwargs):
        super().__init__(Quartiere.objects.all() if queryset is None else queryset, **kwargs)


class QuartiereChoiceField(_QuartieriOptions, forms.ModelChoiceField):
    pass


class QuartieriChoiceField(_QuartieriOptions, forms.ModelMultipleChoiceField):
    pass
