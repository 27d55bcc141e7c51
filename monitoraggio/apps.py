from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoraggioConfig(AppConfig):
    name = "monitoraggio"
    verbose_name = _("Monitoraggio e valutazione")

    def ready(self):
        from costellazioni import codes, extensions
        from monitoraggio import catena, open_data
        from monitoraggio import events as coded_events
        from monitoraggio import workflows as monitoraggio_workflows

        codes.audit_events.register(coded_events.Evento)
        monitoraggio_workflows.register()

        open_data.register()
        extensions.register_related_pages("ricerca.bisogno", catena.related_pages)
