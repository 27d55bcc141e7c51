"""The change list's table drawn with each column resolved once, not once per cell, and without a template.

Django's ``items_for_result`` looks up every cell's column by name (raising and catching ``FieldDoesNotExist`` for
each computed column of each row), renders a checkbox widget and reverses the change URL, with the kept filters
merged into it, once per row. Here a column knows its field, its function and its classes before the first row,
and the checkbox and the change URL are drawn once with a stand-in key; the headers and rows are written here, not
by ``admin/change_list_results.html``. The HTML is Django's once runs of white space are taken as one
(``tests/costellazioni/test_admin_result_list.py``); an editable or popup list is left to Django.
"""

import datetime
import functools
import re
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.options import ModelAdmin
from django.contrib.admin.templatetags import admin_list
from django.contrib.admin.templatetags.admin_list import _coerce_field_name, result_headers
from django.contrib.admin.templatetags.admin_urls import add_preserved_filters
from django.contrib.admin.utils import (
    FieldIsAForeignKeyColumnName,
    _get_non_gfk_field,
    display_for_field,
    display_for_value,
    quote,
)
from django.core.exceptions import FieldDoesNotExist, ObjectDoesNotExist
from django.db import models
from django.template.defaultfilters import capfirst
from django.template.loader import get_template
from django.urls import NoReverseMatch
from django.utils import formats, timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language, gettext

from costellazioni.forms.renderers import escape

DJANGO_TEMPLATE = "admin/change_list_results.html"

_KEY = "0portalkey0"
_LABEL = "0portallabel0"
_PLAIN_KEY = re.compile(r"[A-Za-z0-9_.-]+")
_MISSING = object()


@dataclass(frozen=True)
class _Column:
    name: str
    lookup: Callable[[models.Model], tuple[Any, Any, Any]]  # Django's ``lookup_field``: (field, attr, value)
    css: str  # the row classes of a column whose field is known; the others depend on the value
    tag: str | None  # "th" or "td" for the column that links to the change page, as Django chooses it
    choices: dict | None = None  # a field's choices by value, read once for the whole list


def result_list(cl) -> SafeString:
    """What ``{% result_list cl %}`` draws with ``admin/change_list_results.html``."""
    if cl.formset or cl.is_popup:
        return get_template(DJANGO_TEMPLATE).render(admin_list.result_list(cl))
    headers = list(result_headers(cl))
    rows = list(_Rows(cl))
    if not rows:
        return mark_safe("\n")
    sorted_count = sum(1 for h in headers if h["sortable"] and h["sorted"])
    head = "".join(_header(header, sorted_count) for header in headers)
    body = "".join(f"\n<tr>{row}</tr>\n" for row in rows)
    return mark_safe(
        f'\n<div class="results">\n<table id="result_list">\n<thead>\n<tr>\n{head}\n</tr>\n</thead>\n'
        f"<tbody>\n{body}\n</tbody>\n</table>\n</div>\n"
    )


def _header(header: dict, sorted_count: int) -> str:
    text = escape(capfirst(header["text"]))
    options, label = "", f"<span>{text}</span>"
    if header["sortable"]:
        label = f'<a href="{escape(header["url_primary"])}">{text}</a>'
    if header["sortable"] and header["sort_priority"] > 0:
        priority = ""
        if sorted_count > 1:
            title = gettext("Sorting priority: %(priority_number)s") % {"priority_number": header["sort_priority"]}
            priority = f'<span class="sortpriority" title="{title}">{header["sort_priority"]}</span>'
        toggle = "ascending" if header["ascending"] else "descending"
        options = (
            f'\n<div class="sortoptions">\n<a class="sortremove" href="{escape(header["url_remove"])}" '
            f'title="{gettext("Remove from sorting")}"></a>\n{priority}\n<a href="{escape(header["url_toggle"])}" '
            f'class="toggle {toggle}" title="{gettext("Toggle sorting")}"></a>\n</div>\n'
        )
    return (
        f'\n<th scope="col"{header["class_attrib"]}>\n{options}\n<div class="text">{label}</div>\n'
        '<div class="clear"></div>\n</th>'
    )


class _Rows:
    def __init__(self, cl):
        self.cl = cl
        self.empty = cl.model_admin.get_empty_value_display()
        links, first = cl.list_display_links, True
        self.columns = []
        for index, name in enumerate(cl.list_display):
            tag = None
            if links is not None and ((first and not links) or name in links):
                tag, first = "th" if first else "td", False
            self.columns.append(self._column(cl, index, name, tag))
        self.checkbox = type(cl.model_admin).action_checkbox is ModelAdmin.action_checkbox and self._checkbox()
        self.url = self._url()

    def __iter__(self):
        for result in self.cl.result_list:
            yield mark_safe("".join(self._cells(result)))

    @staticmethod
    def _column(cl, index, name, tag) -> _Column:
        model_admin, model = cl.model_admin, cl.model
        try:
            field = _get_non_gfk_field(model._meta, name)
        except (FieldDoesNotExist, FieldIsAForeignKeyColumnName):
            field = None
        if field is not None:
            nowrap = isinstance(field, models.DateField | models.TimeField | models.ForeignKey)
            css = f"field-{name}" + (" nowrap" if nowrap else "")
            choices = _choices(field)
            return _Column(name, lambda obj: (field, None, getattr(obj, name)), css, tag, choices)
        if callable(name):
            lookup = lambda obj: (None, name, name(obj))  # noqa: E731
        elif hasattr(model_admin, name) and name != "__str__":
            method = getattr(model_admin, name)
            lookup = lambda obj: (None, method, method(obj))  # noqa: E731
        else:
            model_attr = getattr(model, name, _MISSING)
            lookup = lambda obj: _object_lookup(obj, name, model_attr)  # noqa: E731
        return _Column(_coerce_field_name(name, index), lookup, "", tag)

    def _checkbox(self) -> str:
        """The action checkbox of a stand-in row: a key and a label to replace, both escaped as Django escapes
        them."""

        class StandIn:
            pk = _KEY

            def __str__(self):
                return _LABEL

        return self.cl.model_admin.action_checkbox(StandIn())

    def _url(self) -> str | None:
        try:
            return self._preserving_filters(self.cl.url_for_result(_StandInRow(self.cl.pk_attname)))
        except NoReverseMatch:
            return None

    def _cells(self, result):
        for column in self.columns:
            if column.name == "action_checkbox" and self.checkbox:
                key, label = escape(result.pk), escape(result)
                yield f'<td class="action-checkbox">{self.checkbox.replace(_KEY, key).replace(_LABEL, label)}</td>'
                continue
            css, shown = self._cell(column, result)
            if column.tag is None:
                yield f'<td class="{css}">{escape(shown)}</td>'
            else:
                yield f'<{column.tag} class="{css}">{self._link(result, shown)}</{column.tag}>'

    def _cell(self, column, result) -> tuple[str, Any]:
        try:
            field, attr, value = column.lookup(result)
        except ObjectDoesNotExist:
            return f"field-{column.name}", self.empty
        empty = getattr(attr, "empty_value_display", self.empty)
        if isinstance(value, str) and value.strip() == "":
            value = ""
        if field is None or field.auto_created:
            css = "action-checkbox" if column.name == "action_checkbox" else f"field-{column.name}"
            boolean = getattr(attr, "boolean", False)
            if isinstance(attr, property) and hasattr(attr, "fget"):
                boolean = getattr(attr.fget, "boolean", False)
            if isinstance(value, datetime.date | datetime.time):
                css += " nowrap"
            return css, display_for_value(value, empty, boolean)
        if isinstance(field.remote_field, models.ManyToOneRel):
            return column.css, empty if value is None else value
        if column.choices is not None and isinstance(value, Hashable):
            return column.css, column.choices.get(value, empty)
        if isinstance(value, datetime.datetime) and isinstance(field, models.DateTimeField):
            return column.css, _localized(value, timezone.get_current_timezone_name(), get_language())
        return column.css, display_for_field(value, field, empty, avoid_link=column.tag is not None)

    def _link(self, result, shown) -> SafeString | str:
        key = str(quote(getattr(result, self.cl.pk_attname)))
        if self.url is not None and _PLAIN_KEY.fullmatch(key):
            url = self.url.replace(_KEY, key)
        else:
            try:
                url = self._preserving_filters(self.cl.url_for_result(result))
            except NoReverseMatch:
                return escape(shown)
        return f'<a href="{escape(url)}">{escape(shown)}</a>'

    def _preserving_filters(self, url: str) -> str:
        return add_preserved_filters({"preserved_filters": self.cl.preserved_filters, "opts": self.cl.opts}, url)


@functools.lru_cache(maxsize=4096)
def _localized(value: datetime.datetime, timezone_name: str, language: str) -> str:
    """A date and time as ``display_for_field`` writes it, kept per time zone and language: the same applications
    come back on every page of a list, and each was formatted letter by letter."""
    return formats.localize(timezone.template_localtime(value))


def _choices(field) -> dict | None:
    if not getattr(field, "flatchoices", None):
        return None
    try:
        return dict(field.flatchoices)
    except TypeError:  # choices that cannot be keys: Django's own display handles them
        return None


class _StandInRow:
    def __init__(self, pk_attname):
        setattr(self, pk_attname, _KEY)


def _object_lookup(obj, name, model_attr):
    """``lookup_field`` for a name that is neither a field nor the ModelAdmin's: a method, a property or a path
    through relations of the object."""
    attr = getattr(obj, name, _MISSING)
    if callable(attr):
        value = attr()
    else:
        if attr is _MISSING:
            attr = obj
            for part in name.split("__"):
                attr = getattr(attr, part, _MISSING)
                if attr is _MISSING:
                    return None, None, None
        value = attr
    if model_attr is not _MISSING:
        attr = model_attr
    return None, attr, value
