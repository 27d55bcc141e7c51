"""The schedules of Celery beat, with the change list's date drill-down made safe like the portal's own."""

from django.contrib import admin
from django_celery_beat.admin import PeriodicTaskAdmin
from django_celery_beat.models import PeriodicTask

from costellazioni.admin.changelist import PortalChangeListMixin

admin.site.unregister(PeriodicTask)


@admin.register(PeriodicTask)
class SafePeriodicTaskAdmin(PortalChangeListMixin, PeriodicTaskAdmin):
    pass
