import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "costellazioni.settings")

# Every queue a task may be sent to. ``default``, ``mail`` and ``pdf`` (reports, rankings, minutes) are served by
# the ``worker`` process; ``ricevute`` (the receipts of submitted applications, a burst at every call's deadline)
# by its own ``ricevute`` worker, niced, so rendering receipts never takes the web's CPU nor delays an e-mail.
QUEUES = ("default", "mail", "pdf", "ricevute")
RICEVUTE_QUEUE = "ricevute"

app = Celery("costellazioni")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
