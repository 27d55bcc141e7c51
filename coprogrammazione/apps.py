from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoprogrammazioneConfig(AppConfig):
    name = "coprogrammazione"
    verbose_name = _("Co-programmazione")

    def ready(self):
        from coprogrammazione import indicators, opendata

        indicators.register()
        opendata.register()
        from coprogrammazione.extensions import area_personale_coprogrammazione
        from costellazioni import extensions

        extensions.register_area_personale(area_personale_coprogrammazione)
