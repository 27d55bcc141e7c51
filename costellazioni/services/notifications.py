"""The notification door: tell people something, in their area personale and by e-mail.

``notify`` is the only way to write a ``Messaggio``. How it reaches the person's inbox depends on
their ``email_digest`` preference: one e-mail per message (``immediate``), one summary a day
(``daily``, see ``messaggi_digest_send``) or none (``never``). Files given as ``allegati`` travel
with the immediate e-mail and stay downloadable from the area personale.
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename

from costellazioni import codes
from costellazioni.models import Messaggio, User
from costellazioni.models.notifiche import ALLEGATO_MAX_BYTES, AllegatoMessaggio
from costellazioni.services.email import header_text
from costellazioni.unread import forget as forget_unread_counts

Allegato = tuple[str, bytes, str]  # (file name, content, MIME type)

MESSAGGIO_EMAIL = "costellazioni.messaggio_email"  # outbox kind: e-mail one message (registered in apps.py)
EMAIL = "costellazioni.email"  # outbox kind: one e-mail given whole in ``dati`` (account e-mails)


@transaction.atomic
def notify(
    *,
    destinatari: Iterable[User],
    tipo: str,
    oggetto: str,
    testo: str,
    link: str = "",
    allegati: Iterable[Allegato] = (),
) -> list[Messaggio]:
    """Write a message to each recipient's area personale and queue e-mails per their preference.

    ``tipo`` is a notification kind some app registered from its ``apps.py`` (``costellazioni.codes``).

    ``link`` is a path on this portal (``reverse(...)``), never a full URL: e-mails prefix it with
    ``SITE_URL``. ``allegati`` are small files the portal generated, such as
    ``("prenotazione.ics", ics_bytes, "text/calendar")``; each recipient gets their own copy. E-mails
    leave only after the outermost transaction commits, so a rolled-back change never announces itself; they
    are recorded in the outbox in the same transaction, so a committed change always gets them.
    """
    from costellazioni.services.outbox import operazione_enqueue

    codes.notification_kinds.require(tipo)
    if link and not link.startswith("/"):
        raise ValueError("notify(link=...) takes a path on this portal, such as reverse('area_personale').")
    allegati = [(get_valid_filename(nome), bytes(contenuto), tipo_mime) for nome, contenuto, tipo_mime in allegati]
    if any(len(contenuto) > ALLEGATO_MAX_BYTES for _nome, contenuto, _tipo in allegati):
        raise ValueError(f"notify(allegati=...) takes files up to {ALLEGATO_MAX_BYTES} bytes.")
    unique = {user.pk: user for user in destinatari}
    messaggi = Messaggio.objects.bulk_create(
        Messaggio(destinatario=user, tipo=tipo, oggetto=header_text(oggetto)[:200], testo=testo, link=link)
        for user in unique.values()
    )
    if allegati:
        AllegatoMessaggio.objects.bulk_create(
            AllegatoMessaggio(messaggio=messaggio, nome_file=nome[:150], tipo_mime=tipo_mime, contenuto=contenuto)
            for messaggio in messaggi
            for nome, contenuto, tipo_mime in allegati
        )
    forget_unread_counts(unique)
    for messaggio in messaggi:
        user = messaggio.destinatario
        if user.is_active and user.email_digest == User.Digest.IMMEDIATE:
            # In the outbox with the message: the e-mail leaves after the commit, even if the queue is down now.
            operazione_enqueue(tipo=MESSAGGIO_EMAIL, oggetto=messaggio)
    return messaggi


@transaction.atomic
def messaggio_mark_read(*, user: User, messaggio_id: int) -> Messaggio:
    """Mark one of the user's messages as read; another person's message does not exist for them."""
    messaggio = Messaggio.objects.for_user(user).get(pk=messaggio_id)
    if messaggio.letto_il is None:
        messaggio.letto_il = timezone.now()
        Messaggio.objects.filter(pk=messaggio.pk, letto_il__isnull=True).update(letto_il=messaggio.letto_il)
        forget_unread_counts([user.pk])
    return messaggio


@transaction.atomic
def messaggi_mark_all_read(*, user: User) -> int:
    forget_unread_counts([user.pk])
    return Messaggio.objects.for_user(user).unread().update(letto_il=timezone.now())
