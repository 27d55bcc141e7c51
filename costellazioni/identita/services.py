"""Writes of the SPID/CIE sign-in."""

from django.db import transaction

from costellazioni.models import User


@transaction.atomic
def user_link_codice_fiscale(*, user: User, codice_fiscale: str) -> User:
    """Records on the account the codice fiscale an identity provider vouched for."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.codice_fiscale != codice_fiscale:
        user.codice_fiscale = codice_fiscale
        user.full_clean()
        user.save(update_fields=["codice_fiscale"])
    return user
