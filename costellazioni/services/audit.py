"""The audit door: every state change of an important object is recorded here and only here."""

from django.contrib.contenttypes.models import ContentType

from costellazioni.models import EventoAudit


def audit_record(
    *, obj, evento: str, autore=None, stato_da: str = "", stato_a: str = "", nota: str = ""
) -> EventoAudit:
    return EventoAudit.objects.create(
        content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        oggetto_repr=str(obj)[:300],
        evento=evento,
        stato_da=stato_da,
        stato_a=stato_a,
        nota=nota,
        autore=autore if autore is not None and autore.is_authenticated else None,
    )
