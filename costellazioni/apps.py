from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostellazioniConfig(AppConfig):
    name = "costellazioni"
    verbose_name = _("Portale e anagrafiche")
