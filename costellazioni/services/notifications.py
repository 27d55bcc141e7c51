"""The notification door: tell people something, in their area personale and by e-mail.

``notify`` is the only way to write a ``Messaggio``. How it reaches the person's inbox depends on
their ``email_digest`` preference: one e-mail per message (``immediate``), one summary a day
(``daily``, see ``messaggi_digest_send``) or none (``never``).
"""

from collections.abc import Iterable

from django.db import transaction
from django.utils import timezone

from costellazioni.models import Messaggio, User


@transaction.atomic
def notify(*, destinatari: Iterable[User], tipo: str, oggetto: str, testo: str, link: str = "") -> list[Messaggio]:
    """Write a message to each recipient's area personale and queue e-mails per their preference.

    ``link`` is a path on this portal (``reverse(...)``), never a full URL: e-mails prefix it with
    ``SITE_URL``. E-mails leave only after the outermost transaction commits, so a rolled-back
    change never announces itself.
    """
    from costellazioni.tasks import send_message_email

    if link and not link.startswith("/"):
        raise ValueError("notify(link=...) takes a path on this portal, such as reverse('area_personale').")
    unique = {user.pk: user for user in destinatari}
    messaggi = Messaggio.objects.bulk_create(
        Messaggio(destinatario=user, tipo=tipo, oggetto=oggetto[:200], testo=testo, link=link)
        for user in unique.values()
    )
    for messaggio in messaggi:
        user = messaggio.destinatario
        if user.is_active and user.email_digest == User.Digest.IMMEDIATE:
            transaction.on_commit(lambda pk=messaggio.pk: send_message_email.delay(pk))
    return messaggi


@transaction.atomic
def messaggio_mark_read(*, user: User, messaggio_id: int) -> Messaggio:
    """Mark one of the user's messages as read; another person's message does not exist for them."""
    messaggio = Messaggio.objects.for_user(user).get(pk=messaggio_id)
    if messaggio.letto_il is None:
        messaggio.letto_il = timezone.now()
        Messaggio.objects.filter(pk=messaggio.pk, letto_il__isnull=True).update(letto_il=messaggio.letto_il)
    return messaggio


@transaction.atomic
def messaggi_mark_all_read(*, user: User) -> int:
    return Messaggio.objects.for_user(user).unread().update(letto_il=timezone.now())
