"""Small helpers shared by the governance demo modules."""

import datetime
import io

from django.utils import timezone

from costellazioni.demo import demo_pdf
from governance.models import Partecipazione
from governance.services import riunioni

PDF_BYTES = demo_pdf("Piano operativo della rete")  # a real PDF: uploads are parsed


def png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 6), (0, 102, 204)).save(buffer, format="PNG")
    return buffer.getvalue()


def at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def held(riunione, staff, presenze: dict) -> None:
    """Mark attendance by user e-mail (present, absent, or the e-mail of the delegate) and hold the meeting."""
    righe = {p.user.email: p for p in riunione.partecipazioni.select_related("user")}
    registro = {}
    for email, presenza in presenze.items():
        if presenza in (Partecipazione.Presenza.PRESENTE, Partecipazione.Presenza.ASSENTE):
            registro[righe[email].pk] = (presenza, None)
        else:
            registro[righe[email].pk] = (Partecipazione.Presenza.DELEGATO, righe[presenza].pk)
    riunioni.presenze_register(riunione=riunione, actor=staff, presenze=registro)
    riunioni.riunione_held(riunione=riunione, actor=staff)
