from django.db import transaction

from costellazioni.models import Quartiere
from ricerca.models import Bisogno
from ricerca.signals import bisogno_segnalato


@transaction.atomic
def bisogno_report(
    *, categoria: str, descrizione: str, quartiere: Quartiere | None, urgenza: str = Bisogno.Urgenza.MEDIA, user=None
) -> Bisogno:
    """A citizen (or a visitor) reports a need; ``bisogno_segnalato`` tells whoever follows the quartiere."""
    bisogno = Bisogno(
        categoria=categoria,
        descrizione=descrizione,
        quartiere=quartiere,
        urgenza=urgenza,
        segnalato_da=user if user is not None and user.is_authenticated else None,
    )
    bisogno.full_clean()
    bisogno.save()
    # A failing receiver is logged (django.dispatch) and must not lose the citizen's report.
    bisogno_segnalato.send_robust(sender=Bisogno, bisogno=bisogno)
    return bisogno
