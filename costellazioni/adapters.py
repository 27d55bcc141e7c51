import logging

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount
from allauth.socialaccount.providers.base import AuthProcess
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from costellazioni.identita import claims
from costellazioni.models import User

logger = logging.getLogger(__name__)


class AccountAdapter(DefaultAccountAdapter):
    """Account e-mails (verification, password reset) leave through the outbox and the Celery mail queue;
    too many failed log-ins answer 429.

    Failed log-ins are counted per (client address, account), plus a looser count per address
    (``ACCOUNT_RATE_LIMITS["login_failed"]``): a password guesser is stopped, but nobody can lock a known person
    out by typing their e-mail address wrong from elsewhere. ``/admin/login/`` uses the same counts
    (``costellazioni.forms.accounts.AdminLoginForm``).
    """

    def _get_login_attempts_cache_key(self, request, **credentials):
        from costellazioni.ratelimit import client_ip

        return f"{super()._get_login_attempts_cache_key(request, **credentials)}:{client_ip(request)}"

    def send_mail(self, template_prefix, email, context):
        from costellazioni.services.notifications import EMAIL
        from costellazioni.services.outbox import operazione_enqueue

        # allauth's own ``send_mail`` adds the request, the address and the site to the context; this one
        # replaces it, so it adds them too: without ``current_site`` the e-mails named a blank portal.
        request = allauth_context.request
        context = {"request": request, "email": email, "current_site": get_current_site(request), **context}
        message = self.render_mail(template_prefix, email, context)
        html = next(
            (content for content, mimetype in getattr(message, "alternatives", []) if mimetype == "text/html"), ""
        )
        operazione_enqueue(
            tipo=EMAIL, dati={"subject": message.subject, "body": message.body, "to": list(message.to), "html": html}
        )

    def pre_authenticate(self, request, **credentials):
        # allauth reports an exhausted ``login_failed`` limit as a form error with status 200; a 429 page
        # (templates/429.html) tells people and clients alike that waiting is the only way forward.
        try:
            super().pre_authenticate(request, **credentials)
        except ValidationError as error:
            if error.code == "too_many_login_attempts":
                raise ImmediateHttpResponse(respond_429(request)) from error
            raise


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """SPID/CIE sign-in through the Comune's OpenID Connect proxy: accounts are found by codice fiscale.

    - an account already linked to SPID/CIE, or whose codice fiscale an identity provider vouched for, signs in;
    - an unknown codice fiscale gets a new account with the verified name, surname and e-mail of the claims;
    - a password account with that codice fiscale (typed by someone in the profile, never proven) or that e-mail
      address is never taken over: its owner signs in with the password, then links SPID from the profile.
    """

    def pre_social_login(self, request, sociallogin):
        try:
            codice_fiscale = claims.codice_fiscale(sociallogin)
        except ValidationError as error:
            raise ImmediateHttpResponse(_refusal(request, error.messages[0])) from error
        for address in sociallogin.email_addresses:
            address.verified = True  # the identity provider checked it when it issued the identity
        if sociallogin.state.get("process") == AuthProcess.CONNECT:
            self._check_connect(request, codice_fiscale)
        elif sociallogin.is_existing:
            linked = sociallogin.user
            if linked.codice_fiscale and linked.codice_fiscale != codice_fiscale:
                raise ImmediateHttpResponse(_refusal(request, MISMATCH))
        else:
            self._find_account(request, sociallogin, codice_fiscale)

    def _check_connect(self, request, codice_fiscale):
        user = request.user
        if user.codice_fiscale and user.codice_fiscale != codice_fiscale:
            raise ImmediateHttpResponse(_refusal(request, MISMATCH))
        if User.objects.filter(codice_fiscale=codice_fiscale).exclude(pk=user.pk).exists():
            raise ImmediateHttpResponse(_refusal(request, TAKEN))

    def _find_account(self, request, sociallogin, codice_fiscale):
        owner = User.objects.filter(codice_fiscale=codice_fiscale).first()
        if owner is not None:
            if not SocialAccount.objects.filter(user=owner).exists():
                raise ImmediateHttpResponse(_refusal(request, PROVE_BOTH, collega=True))
            # Another SPID/CIE sign-in (another proxy, another identity provider) already proved this codice
            # fiscale belongs to this account.
            sociallogin.connect(request, owner)
            return
        email = claims.claim(sociallogin, "email")
        if email and User.objects.filter(email__iexact=email).exists():
            raise ImmediateHttpResponse(_refusal(request, PROVE_BOTH, collega=True))

    def save_user(self, request, sociallogin, form=None):
        """Creates the account of a first sign-in, one codice fiscale at a time.

        The same person may finish a first sign-in in two tabs (or with SPID and CIE) at the same instant: both
        forms pass their checks before either account exists. The creations wait for each other on the codice
        fiscale; the later one finds the account just made and signs in to it, as a second sign-in would.
        """
        codice_fiscale = sociallogin.user.codice_fiscale
        with transaction.atomic():
            if codice_fiscale:
                with connection.cursor() as cursor:
                    cursor.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [f"spid:{codice_fiscale}"])
            if not codice_fiscale or not User.objects.filter(codice_fiscale=codice_fiscale).exists():
                return super().save_user(request, sociallogin, form)
        raise ImmediateHttpResponse(complete_social_login(request, sociallogin))

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        user.first_name = claims.claim(sociallogin, "nome")[:150] or user.first_name
        user.last_name = claims.claim(sociallogin, "cognome")[:150] or user.last_name
        user.email = (claims.claim(sociallogin, "email") or user.email or "").lower()
        try:
            user.codice_fiscale = claims.codice_fiscale(sociallogin)
        except ValidationError:
            user.codice_fiscale = ""  # pre_social_login refuses the sign-in with the reason
        return user

    def is_open_for_signup(self, request, sociallogin):
        return True

    def on_authentication_error(self, request, provider, error=None, exception=None, extra_context=None):
        logger.warning("SPID/CIE sign-in failed (%s): %s %r", getattr(provider, "id", provider), error, exception)
        return super().on_authentication_error(request, provider, error, exception, extra_context)


MISMATCH = _(
    "Il codice fiscale dell'identità SPID o CIE non corrisponde a quello del tuo account. "
    "Se il codice fiscale del profilo è sbagliato, scrivi all'ufficio di progetto."
)
TAKEN = _(
    "Questo codice fiscale è già collegato a un altro account. Se non l'hai creato tu, scrivi all'ufficio di progetto."
)
PROVE_BOTH = _(
    "Esiste già un account con il tuo codice fiscale o con il tuo indirizzo e-mail. Per sicurezza non lo colleghiamo "
    "da solo: accedi con e-mail e password, poi dal tuo profilo scegli «Collega SPID» o «Collega CIE»."
)


def _refusal(request, message, *, collega=False):
    return render(
        request,
        "socialaccount/identita_rifiutata.html",
        {"message": message, "collega": collega},
        status=403,
    )
