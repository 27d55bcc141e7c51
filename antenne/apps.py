from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AntenneConfig(AppConfig):
    name = "antenne"
    verbose_name = _("Antenne di quartiere")
