from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoraggioConfig(AppConfig):
    name = "monitoraggio"
    verbose_name = _("Monitoraggio e valutazione")

    def ready(self):
        from monitoraggio import open_data

        open_data.register()
