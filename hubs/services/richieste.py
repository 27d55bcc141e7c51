"""What bookings and appointments share: one request per click, and telling the staff a request waits."""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from costellazioni.services.notifications import notify
from hubs import permissions
from hubs.events import Notifica
from hubs.models import Appuntamento, Prenotazione


def save_once(obj, same_pending):
    """Save ``obj``, unless a concurrent identical request (the other click) committed first: then return that."""
    try:
        with transaction.atomic():
            obj.save()
    except IntegrityError:
        existing = same_pending.first()
        if existing is None:
            raise
        return existing
    return None


def requester_label(obj: Prenotazione | Appuntamento) -> str:
    person = obj.richiedente.get_full_name() or obj.richiedente.email
    if obj.ente_id:
        return _("%(persona)s per %(ente)s") % {"persona": person, "ente": obj.ente.denominazione}
    return person


def notify_staff(*, hub, model: str, richiedente, oggetto: str, testo: str, link: str) -> None:
    """Tell the staff who handle ``hub``'s queue of ``model`` that a request waits for them."""
    staff = [person for person in permissions.queue_staff(hub, model=model) if person.pk != richiedente.pk]
    if staff:
        tipo = Notifica.PRENOTAZIONE if model == "prenotazione" else Notifica.APPUNTAMENTO
        notify(destinatari=staff, tipo=tipo, oggetto=oggetto, testo=testo, link=link)
