from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AntenneConfig(AppConfig):
    name = "antenne"
    verbose_name = _("Antenne di quartiere")

    def ready(self):
        from antenne import events as coded_events
        from antenne import workflows as antenne_workflows
        from costellazioni import codes

        codes.audit_events.register(coded_events.Evento)
        codes.notification_kinds.register(coded_events.Notifica)
        antenne_workflows.register()
        from antenne import indicators, receivers, work_items

        work_items.register()
        from antenne.extensions import area_personale_banca_e_portierato, area_personale_probes, search_antenne
        from costellazioni import extensions, search
        from ricerca.signals import bisogno_segnalato

        extensions.register_area_personale(area_personale_banca_e_portierato, probes=area_personale_probes)
        search.register("antenne", search_antenne)
        indicators.register()
        from antenne import open_data

        open_data.register()
        bisogno_segnalato.connect(receivers.bisogno_segnalato, dispatch_uid="antenne.bisogno_segnalato")
