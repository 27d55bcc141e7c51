"""A change list whose date drill-down cannot be made to crash by a date past the calendar's edge."""

from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList


class SafeDateChangeList(ChangeList):
    """Django computes the end of a ``date_hierarchy`` year or month by adding to its start: for year 9999 (a row
    dated so, or a hand-made URL) that overflows with a 500. Such a lookup is treated as any other invalid filter:
    the list reloads with the "invalid filter" notice (``?e=1``)."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (ValueError, OverflowError) as error:
            raise IncorrectLookupParameters(error) from error


class SafeDateHierarchyMixin:
    """For every ModelAdmin with a ``date_hierarchy``."""

    def get_changelist(self, request, **kwargs):
        return SafeDateChangeList
