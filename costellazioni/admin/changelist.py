"""The portal's change list: a date drill-down that cannot crash, and one count when nothing is filtered."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.paginator import InvalidPage


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
        """Django counts the rows twice, filtered and not, even when nothing filters them: here the same rows are
        counted once. The rest is Django's ``get_results``."""
        if not self.model_admin.show_full_result_count or not _same_rows(self.queryset, self.root_queryset):
            return super().get_results(request)
        paginator = self.model_admin.get_paginator(request, self.queryset, self.list_per_page)
        self.result_count = self.full_result_count = paginator.count
        self.show_full_result_count = True
        self.show_admin_actions = bool(self.full_result_count)
        self.can_show_all = self.result_count <= self.list_max_show_all
        self.multi_page = self.result_count > self.list_per_page
        if (self.show_all and self.can_show_all) or not self.multi_page:
            self.result_list = self.queryset._clone()
        else:
            try:
                self.result_list = paginator.page(self.page_num).object_list
            except InvalidPage as error:
                raise IncorrectLookupParameters from error
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
    """For every ModelAdmin with a ``date_hierarchy``, and for the lists staff open most."""

    def get_changelist(self, request, **kwargs):
        return PortalChangeList
