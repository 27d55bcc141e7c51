from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RicercaConfig(AppConfig):
    name = "ricerca"
    verbose_name = _("Ricerca-azione")

    def ready(self):
        from costellazioni import codes
        from ricerca import events as coded_events
        from ricerca import workflows as ricerca_workflows

        codes.audit_events.register(coded_events.Evento)
        ricerca_workflows.register()
        from costellazioni import extensions, search
        from ricerca import dati, indicators, work_items

        work_items.register()
        from ricerca.extensions import home_questionari_aperti
        from ricerca.search import search_ricerca

        search.register("ricerca", search_ricerca)
        extensions.register_home(home_questionari_aperti)
        indicators.register()
        dati.register()
