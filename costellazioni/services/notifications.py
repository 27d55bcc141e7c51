"""The notification door: tell people something, in their area personale and by e-mail."""

from django.db import transaction

from costellazioni.models import Messaggio, User


def notify(*, destinatari, tipo: str, oggetto: str, testo: str, link: str = "") -> list[Messaggio]:
    """Write a message to each recipient's area personale and queue e-mails per their preference.

    E-mails leave only after the surrounding transaction commits, so a rolled-back change never
    announces itself.
    """
    from costellazioni.tasks import send_message_email

    messaggi = Messaggio.objects.bulk_create(
        Messaggio(destinatario=user, tipo=tipo, oggetto=oggetto, testo=testo, link=link) for user in destinatari
    )
    for messaggio in messaggi:
        if messaggio.destinatario.email_digest == User.Digest.IMMEDIATE:
            transaction.on_commit(lambda pk=messaggio.pk: send_message_email.delay(pk))
    return messaggi
