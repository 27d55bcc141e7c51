"""The one rule for the name the public sees of a beneficiary, an ente or a person.

Every public output (ranking page and PDF, transparency register in HTML/CSV/JSON, home, search) asks here. When
the law says a beneficiary must not be named (art. 26 c. 4 D.Lgs. 33/2013: data that could reveal health or
social hardship) the public sees only its pseudonymous code, and never its tax code. A person is never shown in
full: first name and the initial of the surname.
"""

from costellazioni.models import Ente, User


def public_name(subject, *, hidden: bool = False, code: str = "") -> str:
    """The name to publish for ``subject`` (an ``Ente`` or a ``User``); ``code`` takes its place when hidden."""
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
