from costellazioni.admin import audit, celery_beat, enti, messaggi, outbox, users, valutazioni  # noqa: F401
