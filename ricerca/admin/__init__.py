"""The research-action in the admin: a thin adapter over ``ricerca.services`` and ``ricerca.permissions``."""

from ricerca.admin import bisogni, interviste, maturita, questionari, stakeholder, teoria

__all__ = ["bisogni", "interviste", "maturita", "questionari", "stakeholder", "teoria"]
