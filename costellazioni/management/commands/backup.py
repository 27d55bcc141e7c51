from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from costellazioni.backups import backup_create


class Command(BaseCommand):
    help = "Back up the database (pg_dump) and MEDIA_ROOT together, under one timestamp (see README, Backup)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(Path(settings.BASE_DIR) / "var" / "backups"))

    def handle(self, *args, **options):
        target = backup_create(directory=Path(options["dir"]))
        self.stdout.write(str(target))
