"""Admin pieces for coded columns (audit events, notification kinds): labels in the reader's language."""

from django.contrib import admin


def code_filter(*, field: str, title, registry):
    """A list filter on ``field`` offering the codes the apps registered in ``registry``, by label."""

    class CodeFilter(admin.SimpleListFilter):
        parameter_name = field

        def lookups(self, request, model_admin):
            return registry.choices()

        def queryset(self, request, queryset):
            if self.value():
                return queryset.filter(**{field: self.value()})
            return queryset

    CodeFilter.title = title
    return CodeFilter
