from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubsConfig(AppConfig):
    name = "hubs"
    verbose_name = _("HUB")

    def ready(self):
        from costellazioni import codes
        from hubs import events as coded_events
        from hubs import workflows as hubs_workflows

        codes.audit_events.register(coded_events.Evento)
        codes.notification_kinds.register(coded_events.Notifica)
        hubs_workflows.register()
        from costellazioni import extensions, search
        from hubs import indicators, work_items

        work_items.register()
        from hubs.extensions import area_personale_prenotazioni, area_personale_probes, home_hubs
        from hubs.search import search_hubs

        extensions.register_home(home_hubs)
        extensions.register_area_personale(area_personale_prenotazioni, probes=area_personale_probes)
        search.register("hub", search_hubs)
        indicators.register()
        from hubs import open_data

        open_data.register()
