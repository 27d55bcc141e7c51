"""Level and codice fiscale recorded when a SPID/CIE sign-in or link succeeds (connected in apps.py)."""

from allauth.account.signals import user_logged_in
from allauth.socialaccount.signals import social_account_added, social_account_updated
from django.dispatch import receiver

from costellazioni.identita import claims, livelli
from costellazioni.identita.services import user_link_codice_fiscale


@receiver(user_logged_in)
def remember_identity_level(sender, request, user, **kwargs):
    """A SPID/CIE sign-in puts its level on the session; a password sign-in clears any level left there."""
    sociallogin = kwargs.get("sociallogin")
    if sociallogin is None:
        livelli.forget(request)
        return
    _remember(request, sociallogin)


@receiver(social_account_added)
@receiver(social_account_updated)
def link_identity(sender, request, sociallogin, **kwargs):
    """'Collega SPID o CIE' from the profile: the person proved both, the codice fiscale is now verified."""
    user_link_codice_fiscale(user=sociallogin.user, codice_fiscale=claims.codice_fiscale(sociallogin))
    _remember(request, sociallogin)


def _remember(request, sociallogin):
    provider_id = sociallogin.account.provider
    livelli.remember(
        request,
        provider_id=provider_id,
        level=livelli.level_from_claims(provider_id, claims.id_token_claims(sociallogin)),
    )
