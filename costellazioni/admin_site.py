"""The portal's admin site: Django's, with the parts every admin page repeats computed once per set of rights.

Every admin page lists the models a staff member may open (``available_apps``, drawn again in the navigation
sidebar). Django builds that list on each request by asking every ``ModelAdmin`` for its permissions: about
90 models, a dozen milliseconds. Without an object, those answers depend only on the person's Django
permissions (every ``has_*_permission`` override of the portal refuses outright or defers to Django's when
``obj`` is ``None``; ``tests/costellazioni/test_admin_site.py`` compares the two lists for every demo role), so
the list and the sidebar's HTML are kept in this process per set of permissions and language. A change of
rights changes the key: the next page shows it.
"""

from urllib.parse import quote

from django.contrib.admin import AdminSite
from django.template.loader import get_template
from django.urls import get_script_prefix
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from costellazioni.forms.admin_login import AdminLoginForm

REMEMBERED = 256  # sets of rights × languages × current model: a handful of roles in practice


class PortalAdminSite(AdminSite):
    site_header = _("Costellazioni civiche — Amministrazione")
    site_title = _("Costellazioni civiche")
    index_title = _("Gestione del programma")
    login_form = AdminLoginForm

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._app_lists: dict = {}
        self._sidebars: dict = {}

    def register(self, model_or_iterable, admin_class=None, **options):
        super().register(model_or_iterable, admin_class, **options)
        self._forget()

    def unregister(self, model_or_iterable):
        super().unregister(model_or_iterable)
        self._forget()

    def _forget(self) -> None:
        self._app_lists.clear()
        self._sidebars.clear()

    def get_app_list(self, request, app_label=None):
        if app_label is not None:
            return super().get_app_list(request, app_label)
        key = _rights_key(request.user)
        app_list = self._app_lists.get(key)
        if app_list is None:
            app_list = [_settled(app) for app in super().get_app_list(request)]
            _remember(self._app_lists, key, app_list)
        return [{**app, "models": [dict(model) for model in app["models"]]} for app in app_list]

    def nav_sidebar(self, context) -> str:
        """The sidebar Django's ``admin/nav_sidebar.html`` draws, for this page of this person."""
        request = context["request"]
        path = quote(request.path, safe="/")  # as the template's ``request.path|urlencode``
        current = tuple(
            url
            for app in context["available_apps"]
            for url in (app["app_url"], *(model.get("admin_url") for model in app["models"]))
            if url and url in path
        )
        key = (_rights_key(request.user), current)
        html = self._sidebars.get(key)
        if html is None:
            html = get_template("admin/nav_sidebar.html").render(context.flatten(), request)
            _remember(self._sidebars, key, html)
        return html


def _rights_key(user) -> tuple:
    # A superuser's permissions are every permission there is: the set alone tells them apart.
    return (
        user.is_active,
        user.is_staff,
        frozenset(user.get_all_permissions()),
        get_language(),
        get_script_prefix(),
    )


def _settled(app: dict) -> dict:
    """The app's entry with its names translated now (the key holds the language) and its models listed."""
    return {
        **app,
        "name": str(app["name"]),
        "models": [{**model, "name": str(model["name"])} for model in app["models"]],
    }


def _remember(store: dict, key, value) -> None:
    if len(store) >= REMEMBERED:
        store.clear()
    store[key] = value
