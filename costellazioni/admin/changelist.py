"""The portal's change list: a date drill-down that cannot crash, and no count that the rows already give."""

from dataclasses import dataclass

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import InvalidPage
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language


class PortalChangeList(ChangeList):
    def get_filters(self, request):
        """Django computes the end of a ``date_hierarchy`` year or month by adding to its start: for year 9999 (a
        row dated so, or a hand-made URL) that overflows with a 500. Such a lookup is treated as any other invalid
        filter: the list reloads with the "invalid filter" notice (``?e=1``)."""
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_queryset(self, request, exclude_parameters=None):
        """With ``list_only`` on the ModelAdmin, the rows carry those columns alone and only the relations of
        ``list_select_related``: the applications' change form needs their people and contents, their list does
        not (each row built five models of thirty columns)."""
        queryset = super().get_queryset(request, exclude_parameters)
        if columns := getattr(self.model_admin, "list_only", None):
            queryset = queryset.select_related(None).select_related(*self.list_select_related).only(*columns)
        return queryset

    def get_results(self, request):
        """Django's ``get_results``, counting less. The first page is read before any count: when it holds fewer rows
        than a page, they are all the rows and their number is the count. When nothing filters the list, the total
        is that same count. A list of eleven applications used to take two counts and a read; it takes one read."""
        paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        first_page = None
        if self.page_num == 1 and not self.show_all and not self.list_editable:
            first_page = self.queryset[: self.list_per_page]
            if len(first_page) < self.list_per_page:
                paginator.count = len(first_page)
        result_count = paginator.count
        if not self.model_admin.show_full_result_count:
            full_result_count = None
        elif _same_rows(self.queryset, self.root_queryset):
            full_result_count = result_count
        else:
            full_result_count = self.root_queryset.count()
        self.can_show_all = result_count <= self.list_max_show_all
        self.multi_page = result_count > self.list_per_page
        if first_page is not None and paginator.orphans == 0:
            self.result_list = first_page
        elif (self.show_all and self.can_show_all) or not self.multi_page:
            self.result_list = self.queryset._clone()
        else:
            try:
                self.result_list = paginator.page(self.page_num).object_list
            except InvalidPage as error:
                raise IncorrectLookupParameters from error
        self.result_count = result_count
        self.full_result_count = full_result_count
        self.show_full_result_count = self.model_admin.show_full_result_count
        self.show_admin_actions = not self.show_full_result_count or bool(full_result_count)
        self.paginator = paginator


def _same_rows(queryset, root_queryset) -> bool:
    """Whether the filtered queryset selects the same rows as the unfiltered one: same conditions, same tables,
    same distinct (its order may differ, which does not change a count)."""
    query, root = queryset.query, root_queryset.query
    return (
        query.where == root.where
        and set(query.alias_map) == set(root.alias_map)
        and (query.distinct, query.distinct_fields) == (root.distinct, root.distinct_fields)
        and (query.low_mark, query.high_mark) == (root.low_mark, root.high_mark)
        and query.combinator is None
        and root.combinator is None
    )


class PortalChangeListMixin:
    """For every ModelAdmin with a ``date_hierarchy``, and for the lists staff open most: rows drawn with each column
    resolved once (``result_list.py``), scripts, stylesheets and the action bar rendered once per ModelAdmin."""

    change_list_template = "admin/portal_change_list.html"

    def get_changelist(self, request, **kwargs):
        return PortalChangeList

    def get_actions(self, request):
        """Django asks three times for each list page (the checkbox column, the actions, their choices), and each
        answer checks every action's permissions: here it is asked once per request."""
        answers = request.__dict__.setdefault("_portal_actions", {})
        if self not in answers:
            answers[self] = super().get_actions(request)
        return answers[self]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        context = getattr(response, "context_data", None) or {}
        if context.get("cl") and context["cl"].formset is None:
            context["media"] = _rendered_media(type(self), type(context["action_form"]), context["media"])
            if context["action_form"] is not None:
                context["action_form"] = _rendered_action_form(type(self), context["action_form"])
        return response


_MEDIA: dict[tuple[type, type], "RenderedMedia"] = {}


@dataclass(frozen=True)
class RenderedMedia:
    """A list's scripts and stylesheets as HTML. The same for every request of one ModelAdmin and action form:
    rendering them merged and ordered the lists and looked up each file's hashed name, every time."""

    css: SafeString
    js: SafeString
    whole: SafeString

    def __str__(self):
        return self.whole


@dataclass(frozen=True)
class RenderedField:
    """A field of the action bar as ``admin/actions.html`` reads it: its label and its HTML."""

    label: str
    html: SafeString

    def __str__(self):
        return self.html


_ACTION_FORMS: dict[tuple, tuple[RenderedField, ...]] = {}


def _rendered_action_form(admin_class, form) -> tuple[RenderedField, ...]:
    """The action bar (a list of actions and the note) rendered once per ModelAdmin, language and set of actions the
    person may run: an unbound form draws the same HTML every time."""
    choices = tuple((name, str(label)) for name, label in form.fields["action"].choices)
    key = (admin_class, type(form), get_language(), choices)
    if key not in _ACTION_FORMS:
        _ACTION_FORMS[key] = tuple(RenderedField(str(field.label), mark_safe(str(field))) for field in form)
    return _ACTION_FORMS[key]


def _rendered_media(admin_class, action_form_class, media) -> RenderedMedia:
    key = (admin_class, action_form_class)
    if key not in _MEDIA:
        _MEDIA[key] = RenderedMedia(css=str(media["css"]), js=str(media["js"]), whole=str(media))
    return _MEDIA[key]
