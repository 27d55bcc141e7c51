from costellazioni.admin import audit, celery_beat, enti, messaggi, users, valutazioni  # noqa: F401
