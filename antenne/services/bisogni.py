from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from antenne.events import Notifica
from antenne.models import OperatoreDiComunita
from costellazioni.models import Messaggio
from costellazioni.services.notifications import notify
from ricerca.models import Bisogno


def destinatari_bisogno(bisogno: Bisogno) -> list:
    """Who hears of a need reported from the portal: the quartiere's operators and their coordinators.

    A need with no quartiere, or in a quartiere nobody follows yet, goes to every coordinator, so that
    someone always reads it.
    """
    attivi = OperatoreDiComunita.objects.attivi().select_related("user")
    people = []
    if bisogno.quartiere_id is not None:
        people = list(
            attivi.filter(Q(quartieri=bisogno.quartiere_id) | Q(squadra__quartieri=bisogno.quartiere_id)).distinct()
        )
    if not people:
        people = list(attivi.filter(coordinatore=True))
    return [operatore.user for operatore in people]


@transaction.atomic
def bisogno_notify(*, bisogno: Bisogno) -> list[Messaggio]:
    dove = bisogno.quartiere.nome if bisogno.quartiere_id else _("quartiere non indicato")
    return notify(
        destinatari=destinatari_bisogno(bisogno),
        tipo=Notifica.ANTENNA,
        oggetto=_("Nuovo bisogno segnalato: %(categoria)s (%(quartiere)s)")
        % {"categoria": bisogno.categoria.nome, "quartiere": dove},
        testo=_("Urgenza %(urgenza)s. %(descrizione)s")
        % {"urgenza": bisogno.get_urgenza_display().lower(), "descrizione": bisogno.descrizione},
        link="/operatori/#bisogni",
    )
