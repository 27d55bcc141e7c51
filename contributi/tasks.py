"""Celery tasks of the grants app: thin, they load by id and call a service."""

from celery import shared_task


@shared_task(queue="mail", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_receipt(candidatura_id: int) -> bool:
    """Render the receipt (once) and e-mail it, attached, to whoever submitted the application."""
    from django.conf import settings
    from django.core.mail import EmailMessage
    from django.template.loader import render_to_string
    from django.utils.translation import gettext as _

    from contributi.services import ricevuta_generate

    candidatura = ricevuta_generate(candidatura_id=candidatura_id)
    destinatario = candidatura.presentata_da
    if destinatario is None or not destinatario.email:
        return False
    body = render_to_string(
        "contributi/email/ricevuta.txt", {"candidatura": candidatura, "site_url": settings.SITE_URL.rstrip("/")}
    )
    message = EmailMessage(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX
        + _("Ricevuta della candidatura %(numero)s") % {"numero": candidatura.numero_protocollo},
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[destinatario.email],
    )
    with candidatura.ricevuta.open("rb") as handle:
        message.attach(candidatura.ricevuta.name.rsplit("/", 1)[-1], handle.read(), "application/pdf")
    message.send()
    return True
