from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import timezone

from costellazioni.models import Messaggio


def email_send(*, subject: str, body: str, to: list[str], html: str = "") -> int:
    message = EmailMultiAlternatives(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    if html:
        message.attach_alternative(html, "text/html")
    return message.send()


def messaggio_email_send(*, messaggio_id: int) -> bool:
    """E-mail one message once; a retried task does not send it twice."""
    messaggio = Messaggio.objects.select_related("destinatario").filter(pk=messaggio_id).first()
    if messaggio is None or messaggio.email_inviata_il is not None:
        return False
    context = {"messaggio": messaggio, "site_url": settings.SITE_URL}
    email_send(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + messaggio.oggetto,
        body=render_to_string("costellazioni/email/messaggio.txt", context),
        to=[messaggio.destinatario.email],
    )
    Messaggio.objects.filter(pk=messaggio.pk).update(email_inviata_il=timezone.now())
    return True
