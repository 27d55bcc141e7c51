from costellazioni.admin import audit, enti, messaggi, outbox, users, valutazioni  # noqa: F401
