"""Outgoing e-mail. Called from Celery tasks (``costellazioni.tasks``), never from views directly."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import ngettext

from costellazioni.models import Messaggio, User
from costellazioni.models.notifiche import AllegatoMessaggio


def header_text(text: str) -> str:
    """Text for an e-mail header (the subject): one line, whatever the person typed.

    A line break would let text add headers of its own, and Django refuses it (``BadHeaderError``), so every
    run of white space, CR/LF and Unicode line separators included, becomes one space.
    """
    return " ".join(str(text).split())


def email_send(
    *, subject: str, body: str, to: list[str], html: str = "", attachments: list[tuple[str, bytes, str]] = ()
) -> int:
    """Send one e-mail; ``attachments`` are ``(file name, content, MIME type)``. The subject is flattened to one
    line here, the one place e-mails are built, since it often carries text people typed (a topic, a title)."""
    message = EmailMultiAlternatives(
        subject=header_text(subject), body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to
    )
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, bytes(content), mimetype)
    return message.send()


def _render(name: str, context: dict) -> tuple[str, str]:
    context = {"site_url": settings.SITE_URL.rstrip("/"), "PORTAL_NAME": settings.PORTAL_NAME, **context}
    return (
        render_to_string(f"costellazioni/email/{name}.txt", context),
        render_to_string(f"costellazioni/email/{name}.html", context),
    )


@transaction.atomic
def messaggio_email_send(*, messaggio_id: int) -> bool:
    """E-mail one message once, if its recipient still wants immediate e-mails.

    The row stays locked while the e-mail leaves, so a task redelivered to a second worker finds it
    locked or already sent and does nothing. If sending fails, the transaction rolls back and the
    task's retry tries again. A message whose recipient has since chosen the daily summary is left
    for the summary.
    """
    messaggio = (
        Messaggio.objects.select_for_update(skip_locked=True, of=("self",))
        .select_related("destinatario")
        .filter(pk=messaggio_id, email_inviata_il__isnull=True)
        .first()
    )
    if messaggio is None:
        return False
    destinatario = messaggio.destinatario
    if not destinatario.is_active or destinatario.email_digest != User.Digest.IMMEDIATE:
        return False
    allegati = list(messaggio.allegati.all())
    body, html = _render("messaggio", {"messaggio": messaggio, "destinatario": destinatario, "allegati": allegati})
    email_send(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + messaggio.oggetto,
        body=body,
        html=html,
        to=[destinatario.email],
        attachments=[(a.nome_file, a.contenuto, a.tipo_mime) for a in allegati],
    )
    Messaggio.objects.filter(pk=messaggio.pk).update(email_inviata_il=timezone.now())
    return True


@transaction.atomic
def messaggi_digest_send(*, user: User) -> int:
    """Send ``user`` one e-mail listing their messages not yet e-mailed; return how many it listed.

    Only for people who chose the daily summary. The listed rows are locked with SKIP LOCKED, so two
    concurrent runs never list the same message twice, and marked as e-mailed in the same
    transaction: a failed send leaves them for the next run.
    """
    user = User.objects.get(pk=user.pk)
    if not user.is_active or user.email_digest != User.Digest.DAILY:
        return 0
    messaggi = list(
        Messaggio.objects.for_user(user)
        .filter(email_inviata_il__isnull=True)
        .select_for_update(skip_locked=True)
        .order_by("creato_il", "id")
        .prefetch_related(Prefetch("allegati", queryset=AllegatoMessaggio.objects.listing()))
    )
    if not messaggi:
        return 0
    count = len(messaggi)
    body, html = _render("riepilogo", {"messaggi": messaggi, "destinatario": user, "count": count})
    subject = ngettext(
        "Riepilogo: %(count)d nuovo messaggio nella tua area personale",
        "Riepilogo: %(count)d nuovi messaggi nella tua area personale",
        count,
    ) % {"count": count}
    email_send(subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject, body=body, html=html, to=[user.email])
    Messaggio.objects.filter(pk__in=[m.pk for m in messaggi]).update(email_inviata_il=timezone.now())
    return count


def digest_recipient_ids() -> list[int]:
    """The people who chose the daily summary and have at least one message not yet e-mailed."""
    return list(
        Messaggio.objects.awaiting_digest()
        .filter(destinatario__is_active=True)
        .order_by("destinatario_id")
        .values_list("destinatario_id", flat=True)
        .distinct()
    )
