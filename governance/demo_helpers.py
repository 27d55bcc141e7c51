"""Small helpers shared by the governance demo modules."""

import datetime
import io

from django.utils import timezone

from governance.models import Partecipazione
from governance.services import riunioni

PDF_BYTES = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj "
    b"3 0 obj<</Type/Page/MediaBox[0 0 595 842]/Parent 2 0 R>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


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
