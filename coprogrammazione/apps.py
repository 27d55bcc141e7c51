from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoprogrammazioneConfig(AppConfig):
    name = "coprogrammazione"
    verbose_name = _("Co-programmazione")
