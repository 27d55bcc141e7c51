from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoprogrammazioneConfig(AppConfig):
    name = "coprogrammazione"
    verbose_name = _("Co-programmazione")

    def ready(self):
        from coprogrammazione import events as coded_events
        from coprogrammazione import workflows as coprogrammazione_workflows
        from costellazioni import codes

        codes.audit_events.register(coded_events.Evento)
        codes.notification_kinds.register(coded_events.Notifica)
        coprogrammazione_workflows.register()
        from coprogrammazione import indicators, opendata

        indicators.register()
        opendata.register()
        from coprogrammazione.extensions import area_personale_coprogrammazione
        from coprogrammazione.search import search_coprogrammazione
        from costellazioni import extensions, search

        extensions.register_area_personale(area_personale_coprogrammazione)
        search.register("coprogrammazione", search_coprogrammazione)
