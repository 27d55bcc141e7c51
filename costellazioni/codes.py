"""Extension points for coded kinds: audit event codes and notification kinds.

The core knows none of them by name. Each app declares its own as ``TextChoices`` (in ``<app>/events.py``)
and registers them from its ``apps.py``::

    codes.audit_events.register(events.Evento)
    codes.notification_kinds.register(events.Notifica)

The database stores the code (``EventoAudit.evento``, ``Messaggio.tipo``); the label is looked up here at
display time, in the reader's language. Storing or sending an unregistered code is refused
(``require``), and the system check ``costellazioni.E101`` lists codes used by workflow tables that no app
registered.
"""

from django.core.exceptions import ImproperlyConfigured


class CodeRegistry:
    """Code → label (lazy, translated when shown), filled by the apps at start-up."""

    def __init__(self, what: str):
        self.what = what
        self._labels: dict[str, object] = {}

    def register(self, choices) -> None:
        """Register every member of a ``TextChoices`` class. A code registered twice must mean the same."""
        for member in choices:
            known = self._labels.get(member.value)
            if known is not None and str(known) != str(member.label):
                raise ImproperlyConfigured(f"{self.what} {member.value!r} is registered twice with different labels.")
            self._labels[member.value] = member.label

    def __contains__(self, code) -> bool:
        return str(code) in self._labels

    def __iter__(self):
        return iter(sorted(self._labels))

    def label(self, code) -> str:
        """The label in the active language; an unknown code (an old row) is shown as stored."""
        label = self._labels.get(str(code))
        return str(label) if label is not None else str(code)

    def choices(self) -> list[tuple[str, str]]:
        return sorted(((code, str(label)) for code, label in self._labels.items()), key=lambda c: c[1])

    def require(self, code) -> str:
        """Return ``code`` as a plain string, or raise ``ValueError`` if no app registered it."""
        if str(code) not in self._labels:
            raise ValueError(f"Unregistered {self.what}: {code!r}. Register it from the app's apps.py.")
        return str(code)

    def code_for_label(self, text) -> str | None:
        """The code whose label reads ``text`` in the active language (for callers that still pass a label)."""
        text = str(text)
        return next((code for code, label in self._labels.items() if str(label) == text), None)


audit_events = CodeRegistry("audit event code")
notification_kinds = CodeRegistry("notification kind")
