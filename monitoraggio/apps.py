from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoraggioConfig(AppConfig):
    name = "monitoraggio"
    verbose_name = _("Monitoraggio e valutazione")

    def ready(self):
        from costellazioni import codes
        from monitoraggio import events as coded_events
        from monitoraggio import workflows as monitoraggio_workflows

        codes.audit_events.register(coded_events.Evento)
        monitoraggio_workflows.register()
        from monitoraggio import open_data

        open_data.register()
