from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RicercaConfig(AppConfig):
    name = "ricerca"
    verbose_name = _("Ricerca-azione")

    def ready(self):
        from ricerca import indicators

        indicators.register()
