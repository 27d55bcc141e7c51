"""The admin's list of models and its sidebar, kept per set of rights (``costellazioni/admin_site.py``)."""

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.admin import AdminSite
from django.contrib.auth.models import Permission
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from costellazioni import roles
from costellazioni.admin_site import REMEMBERED, _remember
from costellazioni.models import Quartiere, User
from tests.costellazioni.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def _request(user, path="/admin/"):
    request = RequestFactory().get(path)
    request.user = User.objects.get(pk=user.pk)  # a fresh user, as each request loads it
    return request


def _as_django_builds_it(request):
    return [
        {**app, "name": str(app["name"]), "models": [{**m, "name": str(m["name"])} for m in app["models"]]}
        for app in AdminSite.get_app_list(admin.site, request)
    ]


@pytest.mark.parametrize("language", ["it", "en"])
@pytest.mark.parametrize("role", [role for role in roles.ALL if role != roles.CITTADINO])
def test_the_kept_list_is_the_one_django_builds_for_every_role(role, language):
    user = StaffFactory(groups=[role])
    with translation.override(language):
        admin.site.get_app_list(_request(user))  # kept
        kept = admin.site.get_app_list(_request(user))
        assert kept == _as_django_builds_it(_request(user))
    assert kept, role


def test_the_superuser_sees_every_registered_model():
    user = UserFactory(is_staff=True, is_superuser=True)
    request = _request(user)
    listed = {model["model"] for app in admin.site.get_app_list(request) for model in app["models"]}
    listable = {
        model
        for model, model_admin in admin.site._registry.items()
        if any(model_admin.get_model_perms(request).values())
    }
    assert listed == listable


def test_a_permission_granted_shows_on_the_next_page():
    user = StaffFactory(groups=[])
    user.groups.clear()
    assert admin.site.get_app_list(_request(user)) == []
    user.user_permissions.add(Permission.objects.get(codename="view_ente"))
    listed = [model["object_name"] for app in admin.site.get_app_list(_request(user)) for model in app["models"]]
    assert listed == ["Ente"]


def test_a_caller_changing_the_list_does_not_change_the_kept_one():
    user = StaffFactory()
    first = admin.site.get_app_list(_request(user))
    first[0]["models"][0]["name"] = "altro"
    first[0]["models"].clear()
    assert admin.site.get_app_list(_request(user)) == _as_django_builds_it(_request(user))


def test_a_model_registered_later_is_listed():
    user = UserFactory(is_staff=True, is_superuser=True)
    admin.site.get_app_list(_request(user))  # kept
    model_admin = type(admin.site._registry[Quartiere])
    admin.site.unregister(Quartiere)
    try:
        listed = [model["model"] for app in admin.site.get_app_list(_request(user)) for model in app["models"]]
        assert Quartiere not in listed
    finally:
        admin.site.register(Quartiere, model_admin)
    listed = [model["model"] for app in admin.site.get_app_list(_request(user)) for model in app["models"]]
    assert Quartiere in listed


def test_the_store_is_bounded():
    store = {}
    for n in range(REMEMBERED + 3):
        _remember(store, n, [])
    assert 0 < len(store) <= REMEMBERED


def test_the_sidebar_marks_the_page_open_and_follows_the_language(client):
    user = StaffFactory()
    client.force_login(user)
    enti = reverse("admin:costellazioni_ente_changelist")
    quartieri = reverse("admin:costellazioni_quartiere_changelist")

    page = client.get(enti).content.decode()
    assert f'<a href="{enti}" aria-current="page">' in page
    assert f'<a href="{quartieri}">' in page

    page = client.get(quartieri).content.decode()  # same rights, same language: another page open
    assert f'<a href="{quartieri}" aria-current="page">' in page
    assert f'<a href="{enti}">' in page

    with translation.override("it"):
        filter_it = translation.gettext("Start typing to filter…")
    assert filter_it in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(quartieri).content.decode()
    assert "Start typing to filter…" in page
    assert filter_it not in page
