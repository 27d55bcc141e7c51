from costellazioni.admin import audit, enti, messaggi, users, valutazioni  # noqa: F401
