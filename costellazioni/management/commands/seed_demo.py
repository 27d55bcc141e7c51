from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand
from django.utils.module_loading import module_has_submodule


class Command(BaseCommand):
    help = "Load realistic Venetian demo data (idempotent). Each app contributes through its demo.seed()."

    def handle(self, *args, **options):
        for app_config in apps.get_app_configs():  # INSTALLED_APPS order follows the import layers
            if module_has_submodule(app_config.module, "demo"):
                import_module(f"{app_config.name}.demo").seed()
                self.stdout.write(f"demo: {app_config.label}")
        self.stdout.write(self.style.SUCCESS("Dati dimostrativi pronti."))
