"""Writes about people's own accounts."""

from django.db import transaction
from django.utils.translation import gettext as _

from costellazioni.events import Evento
from costellazioni.models import User
from costellazioni.services.audit import audit_record

PROFILE_FIELDS = ("first_name", "last_name", "codice_fiscale", "telefono", "email_digest")


@transaction.atomic
def user_update_profile(*, user: User, **fields) -> User:
    """Save a person's profile; a change of codice fiscale is recorded, since it links SPID/CIE identities."""
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"Not profile fields: {sorted(unknown)}")
    previous = User.objects.select_for_update().values_list("codice_fiscale", flat=True).get(pk=user.pk)
    for name, value in fields.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=[*fields])
    if user.codice_fiscale != previous:
        # The value itself stays out of the log: the audit trail must not spread personal data.
        nota = _("Codice fiscale aggiunto") if not previous else _("Codice fiscale modificato")
        audit_record(obj=user, evento=Evento.PROFILO_AGGIORNATO, autore=user, nota=nota)
    return user
