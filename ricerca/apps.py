from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RicercaConfig(AppConfig):
    name = "ricerca"
    verbose_name = _("Ricerca-azione")

    def ready(self):
        from costellazioni import search
        from ricerca import dati, indicators
        from ricerca.search import search_ricerca

        search.register("ricerca", search_ricerca)
        indicators.register()
        dati.register()
