from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributiConfig(AppConfig):
    name = "contributi"
    verbose_name = _("Contributi")

    def ready(self):
        from contributi import events as coded_events
        from contributi import workflows as contributi_workflows
        from costellazioni import codes

        codes.audit_events.register(coded_events.Evento)
        codes.notification_kinds.register(coded_events.Notifica)
        contributi_workflows.register()
        from contributi import indicators, open_data, work_items
        from contributi.extensions import (
            area_personale_candidature,
            area_personale_probes,
            area_personale_valutazioni,
            home_bandi_aperti,
        )
        from contributi.search import search_bandi
        from contributi.services.ricevute import register_outbox
        from costellazioni import extensions, search

        extensions.register_home(home_bandi_aperti)
        extensions.register_area_personale(area_personale_candidature, probes=area_personale_probes)
        extensions.register_area_personale(area_personale_valutazioni)
        search.register("bandi", search_bandi)
        register_outbox()
        indicators.register()
        open_data.register()
        work_items.register()
