"""Inlines that show related records and never add, change or delete them (what was submitted, what services
wrote): no empty extra rows, no delete boxes, every field read-only."""

from django.contrib import admin


class ReadOnlyInlineMixin:
    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        declared = list(super().get_readonly_fields(request, obj))
        return list(dict.fromkeys([*(self.fields or [f.name for f in self.model._meta.fields]), *declared]))

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyTabularInline(ReadOnlyInlineMixin, admin.TabularInline):
    pass


class ReadOnlyStackedInline(ReadOnlyInlineMixin, admin.StackedInline):
    pass
