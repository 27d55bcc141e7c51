"""Reports of something on the portal that did not work ("Segnala disservizio")."""

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from django.utils.translation import gettext as _

from costellazioni.models import SegnalazioneDisservizio, User
from costellazioni.permissions import is_staff_comunale


def disservizio_report(*, autore: User | None, pagina: str, descrizione: str, nome: str, email: str):
    return SegnalazioneDisservizio.objects.create(
        autore=autore if autore is not None and autore.is_authenticated else None,
        pagina=pagina,
        descrizione=descrizione,
        nome=nome,
        email=email,
    )


def disservizio_mark_handled(*, segnalazioni, actor: User) -> int:
    """Marks the reports handled now; the ones already handled keep their date. Returns how many changed."""
    if not is_staff_comunale(actor):
        raise PermissionDenied(_("Solo lo staff comunale gestisce le segnalazioni di disservizio."))
    return segnalazioni.filter(gestita_il__isnull=True).update(gestita_il=timezone.now())
