from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GovernanceConfig(AppConfig):
    name = "governance"
    verbose_name = _("Governance")

    def ready(self):
        from costellazioni import codes
        from governance import events as coded_events
        from governance import workflows as governance_workflows

        codes.audit_events.register(coded_events.Evento)
        codes.notification_kinds.register(coded_events.Notifica)
        governance_workflows.register()
        from governance import indicators, open_data

        indicators.register()
        open_data.register()
        from costellazioni import extensions
        from governance.extensions import (
            area_personale_contatti,
            area_personale_probes,
            area_personale_relazioni,
            area_personale_riunioni,
            home_prossimi_incontri,
        )

        extensions.register_home(home_prossimi_incontri)
        extensions.register_area_personale(area_personale_riunioni)
        extensions.register_area_personale(area_personale_relazioni, probes=area_personale_probes)
        extensions.register_area_personale(area_personale_contatti)
