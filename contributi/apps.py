from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContributiConfig(AppConfig):
    name = "contributi"
    verbose_name = _("Contributi")
