"""axe-core over the admin pages staff work in, as the demo staff user: no serious or critical violation.

The scan of every admin page lives in the admin smoke test; these are the pages the accessibility issue
named (the call's FAQ inline, the antenna's account, the operator page, the breadcrumbs) at both widths.
"""

import pytest
from django.core.management import call_command

from antenne.models import Antenna, OperatoreDiComunita, Seguito
from contributi.models import Bando
from costellazioni.models import User
from tests.costellazioni.test_accessibility import VIEWPORTS, blocking_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def staff_pages():
    bando = Bando.objects.order_by("pk").first()
    # An antenna without an account: its autocomplete select shows no value, only its label can name it.
    antenna = Antenna.objects.filter(account__isnull=True).order_by("pk").first()
    operatore = OperatoreDiComunita.objects.order_by("pk").first()
    seguito = Seguito.objects.order_by("pk").first()
    return [
        "/admin/",
        "/admin/contributi/candidatura/",
        f"/admin/contributi/bando/{bando.pk}/change/",
        f"/admin/antenne/antenna/{antenna.pk}/change/",
        f"/admin/antenne/operatoredicomunita/{operatore.pk}/change/",
        f"/admin/antenne/seguito/{seguito.pk}/change/",
    ]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_staff_admin_pages_have_no_serious_violation(live_server, request, browser_login, viewport):
    call_command("seed_demo", verbosity=0)
    page = request.getfixturevalue(viewport)
    browser_login(page, User.objects.get(email="staff@costellazioni.example"))
    reports = []
    for path in staff_pages():
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, f"{path} answered {response.status}"
        report = blocking_violations(page)
        if report:
            reports.append(f"{path}:\n{report}")
    assert not reports, f"at {page.viewport_size['width']} px:\n" + "\n".join(reports)
