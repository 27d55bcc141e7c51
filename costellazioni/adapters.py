from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.core.ratelimit import respond_429
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import ValidationError


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
