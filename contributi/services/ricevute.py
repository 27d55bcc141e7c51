"""The receipt of a submitted application: a PDF/A of the snapshot, stored once and e-mailed."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from contributi.models import Candidatura
from costellazioni.celery import RICEVUTE_QUEUE


def ricevuta_render(*, candidatura: Candidatura) -> bytes:
    from costellazioni.services.pdf import pdf_render

    return pdf_render(
        template_name="contributi/pdf/ricevuta.html",
        context={"candidatura": candidatura, "snapshot": candidatura.snapshot, "bando": candidatura.bando},
        pdfa=True,
    )


@transaction.atomic
def ricevuta_generate(*, candidatura_id: int) -> Candidatura:
    """Render and store the receipt once (idempotent: a redelivered task finds it done)."""
    candidatura = (
        Candidatura.objects.select_for_update(of=("self",)).select_related("bando", "ente").get(pk=candidatura_id)
    )
    if candidatura.snapshot is None:
        raise ValidationError(_("La candidatura non è stata presentata."))
    if not candidatura.ricevuta or not candidatura.ricevuta.storage.exists(candidatura.ricevuta.name):
        # Rendered again from the snapshot when the file is missing (a database restored without its media).
        pdf = ricevuta_render(candidatura=candidatura)
        name = f"ricevuta-{candidatura.numero_protocollo.replace('/', '-')}.pdf"
        target = candidatura.ricevuta.field.generate_filename(candidatura, name)
        # A file left by an attempt whose transaction rolled back is replaced, not kept beside a new copy.
        if candidatura.ricevuta.storage.exists(target):
            candidatura.ricevuta.storage.delete(target)
        candidatura.ricevuta.save(name, ContentFile(pdf), save=False)
        Candidatura.objects.filter(pk=candidatura.pk).update(ricevuta=candidatura.ricevuta.name)
    return candidatura


RICEVUTA = "contributi.ricevuta"


@transaction.atomic(savepoint=False)
def ricevuta_enqueue(*, candidatura: Candidatura | None = None, candidatura_id: int | None = None):
    """Record, with the submission, that its receipt must be rendered and e-mailed (once per application)."""
    from costellazioni.services.outbox import operazione_enqueue

    if candidatura is None:
        candidatura = Candidatura.objects.get(pk=candidatura_id)
    return operazione_enqueue(tipo=RICEVUTA, oggetto=candidatura)


def register_outbox() -> None:
    """Called from ``ContributiConfig.ready``: how the outbox renders (idempotent) and sends (once) a receipt."""
    from costellazioni import outbox

    outbox.register(
        RICEVUTA,
        prepare=lambda operazione: ricevuta_generate(candidatura_id=operazione.oggetto_id),
        execute=lambda operazione: ricevuta_email_send(candidatura_id=operazione.oggetto_id),
        queue=RICEVUTE_QUEUE,
    )


def ricevuta_email_send(*, candidatura_id: int) -> bool:
    """E-mail the receipt, attached, to whoever submitted the application."""
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
