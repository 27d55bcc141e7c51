"""axe-core over every admin page staff work in, as the demo staff user: no serious or critical violation.

The pages are those the admin smoke test opens, seen through the staff user's permissions: the index, the
changelist and the add page of every model registered in ``admin.site`` that the staff user may open, and the
change pages of up to three demo objects of each (``_sample_pks``). A model registered tomorrow is scanned the
day it lands. One browser page visits each URL once, runs axe at 1280 px, narrows to 360 px and runs axe
again. The URL list is split into ``CHUNKS`` interleaved parts, one test each, so pytest-xdist spreads them.
"""

import pytest
from django.contrib import admin
from django.core.management import call_command
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse

from antenne.models import Antenna
from costellazioni.models import User
from tests.browser_fixtures import DESKTOP, PHONE
from tests.costellazioni.test_accessibility import blocking_violations
from tests.costellazioni.test_admin_smoke import ROLES, _sample_pks

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

CHUNKS = 4


def _change_url(prefix, pk):
    try:
        return reverse(f"{prefix}_change", args=[pk])
    except NoReverseMatch:  # a primary key the admin's URL pattern cannot carry
        return reverse(f"{prefix}_changelist") + f"{pk}/change/"


def staff_admin_urls(user):
    """Every admin URL ``user`` may open on the demo data, in a stable order."""
    request = RequestFactory().get(reverse("admin:index"))
    request.user = user
    urls = [reverse("admin:index")]
    for model, model_admin in sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label):
        if not model_admin.has_view_or_change_permission(request):
            continue
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls.append(reverse(f"{prefix}_changelist"))
        if model_admin.has_add_permission(request):
            urls.append(reverse(f"{prefix}_add"))
        visible = model_admin.get_queryset(request)
        for pk in _sample_pks(model):
            obj = visible.filter(pk=pk).first()
            if obj is not None and model_admin.has_view_or_change_permission(request, obj):
                urls.append(_change_url(prefix, pk))
    # Named by the accessibility issue: an antenna without an account, whose autocomplete select shows no
    # value and can be named only by its label.
    antenna = Antenna.objects.filter(account__isnull=True).order_by("pk").first()
    urls.append(_change_url("admin:antenne_antenna", antenna.pk))
    return list(dict.fromkeys(urls))


def scan(page, url):
    """axe at desktop width, then at phone width, on one navigation; the report of both, empty if clean."""
    page.set_viewport_size(DESKTOP)
    response = page.goto(url)
    if response.status != 200:
        return f"{url} answered {response.status}"
    reports = []
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        report = blocking_violations(page)
        if report:
            reports.append(f"{url} at {viewport['width']} px:\n{report}")
    return "\n".join(reports)


@pytest.mark.parametrize("chunk", range(CHUNKS))
def test_every_staff_admin_page_has_no_serious_violation(live_server, page, browser_login, chunk):
    call_command("seed_demo", verbosity=0)
    staff = User.objects.get(email=ROLES["staff"])
    assert staff.is_staff and not staff.is_superuser
    urls = staff_admin_urls(staff)
    # The index, a changelist per model the staff user sees and its demo objects: a few pages per model.
    assert len(urls) > 3 * len(admin.site._registry)
    browser_login(page, staff)
    reports = [report for url in urls[chunk::CHUNKS] if (report := scan(page, f"{live_server.url}{url}"))]
    assert not reports, "\n".join(reports)
