"""Every page of the admin opens on the demo data, for the municipal staff and for the superuser.

Models are read from ``admin.site._registry``: a model registered tomorrow is covered the day it lands.
The change page is opened for up to ``OBJECTS_PER_MODEL`` seeded objects of every model (the first and the last
by primary key, and one in the middle), so a model with thousands of rows does not slow the suite down.
"""

import pytest
from django.contrib import admin
from django.db import connection, transaction
from django.urls import NoReverseMatch, reverse

from costellazioni.models import User
from tests.demo_fixtures import demo, demo_media, seeded_demo  # noqa: F401

run_on_commit = True  # the receipts of submitted applications exist, as in ``make run``
OBJECTS_PER_MODEL = 3
ROLES = {
    "staff": "staff@costellazioni.example",
    "superuser": "admin@costellazioni.example",
}


def _sample_pks(model):
    pks = list(model._default_manager.order_by("pk").values_list("pk", flat=True))
    if len(pks) <= OBJECTS_PER_MODEL:
        return pks
    return [pks[0], pks[len(pks) // 2], pks[-1]]


def _admin_urls():
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        prefix = f"admin:{opts.app_label}_{opts.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        urls.append(reverse(f"{prefix}_add"))
        for pk in _sample_pks(model):
            try:
                urls.append(reverse(f"{prefix}_change", args=[pk]))
            except NoReverseMatch:  # a primary key the admin's URL pattern cannot carry
                urls.append(reverse(f"{prefix}_changelist") + f"{pk}/change/")
    return urls


def _server_errors(client, urls):
    """Opens each URL; returns "url -> status: error" for every 5xx. A failing page cannot poison the next:
    each request runs in its own savepoint."""
    errors = []
    for url in urls:
        savepoint = transaction.savepoint()
        response = client.get(url)
        if response.status_code >= 500:
            transaction.savepoint_rollback(savepoint)
            connection.needs_rollback = False
            error = response.exc_info[1] if getattr(response, "exc_info", None) else ""
            errors.append(f"{url} -> {response.status_code}: {type(error).__name__}: {error}")
        else:
            transaction.savepoint_commit(savepoint)
    return errors


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("role", sorted(ROLES))
def test_every_admin_page_of_every_registered_model_opens(client, role):
    user = User.objects.get(email=ROLES[role])
    assert user.is_staff
    assert user.is_superuser == (role == "superuser")
    client.force_login(user)
    client.raise_request_exception = False
    urls = _admin_urls()
    # Every registered model is visited, and the demo data gives most of them objects to open.
    assert len(urls) > 3 * len(admin.site._registry)
    assert _server_errors(client, urls) == []


@pytest.mark.usefixtures("demo")
def test_the_staff_account_of_the_demo_is_not_a_superuser_but_sees_the_admin(client):
    client.force_login(User.objects.get(email=ROLES["staff"]))
    response = client.get(reverse("admin:index"))
    assert response.status_code == 200
    assert response.context["app_list"], "the staff group grants no admin module"


@pytest.mark.django_db
def test_every_date_drill_down_survives_the_edge_of_the_calendar(client):
    client.force_login(User.objects.create_superuser(email="edge@example.it", password="Laguna-Edge-2026"))
    client.raise_request_exception = False
    drilled = 0
    for model, model_admin in admin.site._registry.items():
        field = model_admin.date_hierarchy
        if not field:
            continue
        drilled += 1
        changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for query in [f"{field}__year=9999", f"{field}__year=9999&{field}__month=12", f"{field}__year=99999"]:
            response = client.get(f"{changelist}?{query}")
            assert response.status_code == 302, f"{changelist}?{query} -> {response.status_code}"
            assert response.url.endswith("?e=1")
    assert drilled >= 5
