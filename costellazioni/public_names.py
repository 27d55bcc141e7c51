"""The one rule for the name the public sees of a beneficiary, an ente or a person.

Every public output (ranking page and PDF, transparency register in HTML/CSV/JSON, home, search) asks here. When
the law says a beneficiary must not be named (art. 26 c. 4 D.Lgs. 33/2013: data that could reveal health or
social hardship) the public sees only its pseudonymous code, and never its tax code. A person is never shown in
full: first name and the initial of the surname.

Whether a beneficiary is hidden is decided with the award (``Concessione.oscura_beneficiario``). Before that
decision (``hidden=None``: a ranking published before its awards) an ente registered under a person's 16-character
codice fiscale (a sole trader, an informal group) is a natural person the decision may yet hide: it stays unnamed.
"""

from django.utils.translation import gettext

from costellazioni.models import Ente, User
from costellazioni.validators import normalize_codice_fiscale


def public_name(subject, *, hidden: bool | None = None, code: str = "") -> str:
    """The name to publish for ``subject`` (an ``Ente`` or a ``User``); ``code`` takes its place when hidden.

    ``hidden=None`` means nobody has decided yet: only an ente that is a natural person is then withheld.
    """
    if hidden is None and isinstance(subject, Ente) and _is_natural_person(subject):
        return code or gettext("Nominativo riservato")
    if hidden:
        return code
    if isinstance(subject, Ente):
        return subject.denominazione
    if isinstance(subject, User):
        first, last = subject.first_name.strip(), subject.last_name.strip()
        return f"{first} {last[:1]}.".strip() if last else first
    raise TypeError(f"No public name rule for {type(subject).__name__}")


def public_tax_code(subject, *, hidden: bool = False) -> str:
    """The tax code to publish: an ente's, unless it must stay hidden; a person's never."""
    if hidden or not isinstance(subject, Ente):
        return ""
    return subject.codice_fiscale


def _is_natural_person(ente: Ente) -> bool:
    # Organisations have an 11-digit codice fiscale; 16 characters are a person's (validate_codice_fiscale_ente).
    return len(normalize_codice_fiscale(ente.codice_fiscale)) == 16
