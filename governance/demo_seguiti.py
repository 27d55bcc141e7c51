"""Demo data of the follow-ups of the site visit and of a partnership's documents (idempotent on its own)."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from pypdf import PdfWriter

from costellazioni.models import Ente
from governance.models import DocumentoPartenariato, Partenariato, SeguitoSopralluogo, Sopralluogo
from governance.services import seguiti

User = get_user_model()


def _pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def seed_seguiti() -> None:
    staff = User.objects.filter(email="staff@costellazioni.example").first()
    visita = Sopralluogo.objects.order_by("pk").first()
    if staff is None or visita is None:
        return
    oggi = timezone.localdate()
    if not SeguitoSopralluogo.objects.filter(sopralluogo=visita).exists():
        barena = Ente.objects.filter(denominazione="Cooperativa Sociale Barena").first()
        primo = seguiti.seguito_create(
            sopralluogo=visita,
            actor=staff,
            descrizione="Installare la segnaletica dell'ingresso senza barriere dal parcheggio.",
            scadenza=visita.data + datetime.timedelta(days=14),
            ente_responsabile=barena,
            responsabile=User.objects.filter(email="g.busetto@barena.example.it").first(),
        )
        seguiti.seguito_transition(seguito=primo, to=SeguitoSopralluogo.Stato.IN_CORSO, actor=staff)
        seguiti.seguito_create(
            sopralluogo=visita,
            actor=staff,
            descrizione="Verificare con un secondo sopralluogo l'accesso dal parcheggio.",
            scadenza=oggi + datetime.timedelta(days=21),
            responsabile=staff,
        )
    partenariato = Partenariato.objects.filter(nome="Partenariato «Isole in rete»").first()
    if partenariato is not None and not DocumentoPartenariato.objects.filter(partenariato=partenariato).exists():
        seguiti.documento_partenariato_upload(
            partenariato=partenariato,
            actor=staff,
            uploaded=SimpleUploadedFile("lettera-intenti-isole-in-rete.pdf", _pdf(), "application/pdf"),
            titolo="Lettera d'intenti firmata dai partner",
        )
