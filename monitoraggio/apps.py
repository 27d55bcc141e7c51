from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoraggioConfig(AppConfig):
    name = "monitoraggio"
    verbose_name = _("Monitoraggio e valutazione")

    def ready(self):
        from costellazioni import extensions
        from monitoraggio import catena, open_data

        open_data.register()
        extensions.register_related_pages("ricerca.bisogno", catena.related_pages)
