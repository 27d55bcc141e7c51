from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CostellazioniConfig(AppConfig):
    name = "costellazioni"
    verbose_name = _("Portale e anagrafiche")

    def ready(self):
        from costellazioni.identita import signals  # noqa: F401  (SPID/CIE level and codice fiscale)
