from django.db import transaction

from costellazioni.models import Quartiere
from ricerca.models import Bisogno


@transaction.atomic
def bisogno_report(
    *, categoria: str, descrizione: str, quartiere: Quartiere | None, urgenza: str = Bisogno.Urgenza.MEDIA, user=None
) -> Bisogno:
    """A citizen (or a visitor) reports a need; operators of the quartiere see it on their home."""
    bisogno = Bisogno(
        categoria=categoria,
        descrizione=descrizione,
        quartiere=quartiere,
        urgenza=urgenza,
        segnalato_da=user if user is not None and user.is_authenticated else None,
    )
    bisogno.full_clean()
    bisogno.save()
    return bisogno
