#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")
    # manage.py is the developer's door: development mode unless DEBUG is set. The web server (wsgi.py) and
    # Celery (celery.py) start in production mode unless told otherwise.
    os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
