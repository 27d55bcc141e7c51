"""The admin's log-in form, counted by the same failed-log-in limits as ``/accounts/login/``."""

from allauth.account.adapter import get_adapter
from django.contrib.admin.forms import AdminAuthenticationForm


class AdminLoginForm(AdminAuthenticationForm):
    """Too many failures for this (address, account), or from this address, answer 429 before any check.

    The adapter's ``pre_authenticate`` counts the attempt (and raises a 429 response once over the limit); a
    successful log-in gives its count back, as on ``/accounts/login/``.
    """

    def clean(self):
        username = self.cleaned_data.get("username")
        adapter = get_adapter(self.request)
        if username and self.request is not None:
            adapter.pre_authenticate(self.request, email=username)
        cleaned = super().clean()
        if self.user_cache is not None:
            adapter._rollback_login_failed_rl_usage()
        return cleaned
