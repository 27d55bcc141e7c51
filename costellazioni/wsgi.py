import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")
application = get_wsgi_application()
get_resolver().url_patterns  # noqa: B018 -- every view module imported now, not at the first request
# What is loaded by now (Django, the apps, their views) lives as long as the process: kept out of the collector's
# full passes, which otherwise walked it again every few requests (0.7 ms a request on the admin's lists).
gc.freeze()
