"""Members write to each other through the portal; neither sees the other's e-mail address."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from antenne import permissions
from antenne.events import Notifica
from antenne.models import Offerta, Richiesta, SocioBancaDelTempo
from costellazioni.services.notifications import notify

CONTATTO_MAX = 1000  # characters in one message between members


@transaction.atomic
def socio_contact(
    *,
    mittente: SocioBancaDelTempo,
    destinatario: SocioBancaDelTempo,
    testo: str,
    annuncio: Offerta | Richiesta | None = None,
):
    """One member writes to another through the portal: a message in their area personale (and by e-mail, as
    they chose), with a link to answer the same way. Neither sees the other's e-mail address."""
    decision = permissions.can_contact(mittente, destinatario)
    if not decision:
        raise PermissionDenied(decision.reason)
    testo = testo.strip()
    if not testo:
        raise ValidationError({"testo": _("Scrivi il messaggio.")})
    if len(testo) > CONTATTO_MAX:
        raise ValidationError({"testo": _("Il messaggio può avere al massimo %(n)s caratteri.") % {"n": CONTATTO_MAX}})
    if annuncio is not None:
        oggetto = _("%(chi)s ti scrive per «%(titolo)s»") % {"chi": mittente.nome_pubblico, "titolo": annuncio.titolo}
    else:
        oggetto = _("%(chi)s ti scrive dalla banca del tempo") % {"chi": mittente.nome_pubblico}
    corpo = _(
        "%(testo)s\n\n— %(chi)s, socio della banca del tempo. Per rispondere usa il collegamento: "
        "il portale recapita la risposta senza mostrare i vostri indirizzi e-mail."
    ) % {"testo": testo, "chi": mittente.nome_pubblico}
    (messaggio,) = notify(
        destinatari=[destinatario.user],
        tipo=Notifica.BANCA_DEL_TEMPO,
        oggetto=oggetto,
        testo=corpo,
        link=reverse("banca_del_tempo:scrivi", kwargs={"pk": mittente.pk}),
    )
    return messaggio
