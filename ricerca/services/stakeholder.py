"""Writes of stakeholder engagement."""

import datetime

from django.db import transaction

from ricerca.models import AttivitaCoinvolgimento, LivelloCoinvolgimento, Stakeholder


@transaction.atomic
def stakeholder_livello_set(
    *,
    stakeholder: Stakeholder,
    livello: int,
    data: datetime.date,
    attivita: AttivitaCoinvolgimento | None = None,
    nota: str = "",
) -> LivelloCoinvolgimento:
    """Record the stakeholder's engagement level from ``data`` on (one record per day: the newest wins)."""
    riga, _created = LivelloCoinvolgimento.objects.update_or_create(
        stakeholder=stakeholder, data=data, defaults={"livello": livello, "attivita": attivita, "nota": nota}
    )
    riga.full_clean()
    return riga
