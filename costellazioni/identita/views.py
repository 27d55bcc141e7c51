"""The OpenID Connect callback that always checks the ID token's signature, and the 'sign in again' page."""

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme

from costellazioni.identita import livelli


class SignedIDTokenAdapter(OpenIDConnectOAuth2Adapter):
    """allauth skips the signature of an ID token fetched from the token endpoint (OIDC Core 3.1.3.7 allows it
    over TLS). The proxy signs it, so we check it anyway: a forged token is refused even if a network path or a
    misconfigured proxy hands one over."""

    def _decode_id_token(self, app, id_token):
        return jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )


@login_not_required
def callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(SignedIDTokenAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist as error:
        raise Http404 from error


def livello(request):
    """Tells why a stronger sign-in is needed and offers SPID/CIE at the level asked."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    required = livelli.required_level_for_submission()
    return render(
        request,
        "account/identita_livello.html",
        {
            "next_url": next_url,
            "livello_richiesto": required,
            "livello_attuale": livelli.current_level(request),
            "acr_values": livelli.ACR_FOR_LEVEL.get(required, ""),
            # Signed in with a password and never linked: linking is the sign-in (it proves both), never a takeover.
            "process": "connect"
            if request.user.is_authenticated and not request.user.socialaccount_set.exists()
            else "login",
        },
    )
