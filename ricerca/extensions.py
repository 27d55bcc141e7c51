"""What the research-action shows on core pages: the open surveys on the home."""

from ricerca.models import Questionario

QUESTIONARI_IN_HOME = 3


def home_questionari_aperti(request) -> dict:
    """Open surveys anyone can find (those by invitation are not advertised), closing soonest first. One query."""
    return {
        "questionari_aperti": list(
            Questionario.objects.aperti()
            .exclude(accesso=Questionario.Accesso.INVITO)
            .order_by("chiusura", "pk")[:QUESTIONARI_IN_HOME]
        )
    }
