from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from costellazioni.backups import backup_restore, backup_verify


class Command(BaseCommand):
    help = "Restore a backup made by `backup` into this DATABASE_URL and MEDIA_ROOT, replacing what is there."

    def add_arguments(self, parser):
        parser.add_argument("source", help="The backup's folder, e.g. var/backups/20261130T031900Z")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        source = Path(options["source"])
        try:
            manifest = backup_verify(source)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        database = connections["default"].settings_dict
        if options["interactive"]:
            answer = input(
                f"Replace database {database['NAME']} and {settings.MEDIA_ROOT} with the backup of "
                f"{manifest['created']}? Type 'si' to continue: "
            )
            if answer.strip().lower() != "si":
                raise CommandError("Restore cancelled.")
        connections.close_all()
        backup_restore(source=source, database=database, media_root=Path(settings.MEDIA_ROOT))
        self.stdout.write(f"Restored {manifest['created']} into {database['NAME']} and {settings.MEDIA_ROOT}.")
