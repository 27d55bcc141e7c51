"""The change list's filters drawn without a template per filter: Django's ``admin/filter.html``, written in Python.

A list of applications has five filters and some forty choices; through the template each choice cost an include
context, four lookups and a filter. The HTML is Django's once runs of white space are taken as one
(``tests/costellazioni/test_admin_result_list.py``); a filter with a template of its own keeps it.
"""

from django.contrib import admin
from django.contrib.admin.templatetags.admin_list import admin_list_filter
from django.utils.encoding import iri_to_uri
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from costellazioni.forms.renderers import escape

DJANGO_TEMPLATE = "admin/filter.html"


def list_filter(cl, spec) -> SafeString:
    if spec.template != DJANGO_TEMPLATE:
        return admin_list_filter(cl, spec)
    title = escape(spec.title)
    heading = gettext(" By %(filter_title)s ") % {"filter_title": title}
    choices = "".join(_choice(choice) for choice in spec.choices(cl))
    return mark_safe(
        f'<details data-filter-title="{title}" open> <summary> {heading} </summary> <ul> {choices}</ul> </details>\n'
    )


def _choice(choice: dict) -> str:
    selected = ' class="selected"' if choice.get("selected") else ""
    href = escape(iri_to_uri(choice.get("query_string", "")))
    return f'<li{selected}> <a href="{href}">{escape(choice.get("display", ""))}</a></li> '


def related_filter(label: str) -> type[admin.RelatedFieldListFilter]:
    """Django's filter on a foreign key, its choices read as (key, ``label``) rows instead of whole objects named by
    ``str()``: for a model whose ``__str__`` is that one column (a call's title, not its thirty columns of text)."""

    class RelatedLabelFilter(admin.RelatedFieldListFilter):
        def field_choices(self, field, request, model_admin):
            choices = field.remote_field.model._default_manager.complex_filter(field.get_limit_choices_to())
            if ordering := self.field_admin_ordering(field, request, model_admin):
                choices = choices.order_by(*ordering)
            return list(choices.values_list(field.remote_field.get_related_field().attname, label))

    return RelatedLabelFilter
