"""``static/js/admin-a11y.js``: an admin widget built after the page loaded is named before anyone reads it.

select2 may build its widget after the load event (jQuery's ready handlers run asynchronously). The fixes
must land in the same turn of the event loop, or a screen reader, or axe, meets a nameless combobox.
"""

import pytest
from django.urls import reverse

from tests.costellazioni.factories import StaffFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Rebuild the HUB select2 as if its ready handler ran late, then read its names one microtask later.
REBUILD_AND_READ = """async () => {
    const $ = django.jQuery;
    $("#id_hub").select2("destroy");
    $("#id_hub").djangoAdminSelect2();
    await Promise.resolve();
    const container = document.querySelector("#id_hub + .select2");
    return {
        label: document.querySelector('label[for="id_hub"]').id,
        combobox: container.querySelector('[role="combobox"]').getAttribute("aria-labelledby"),
        rendered: container.querySelector(".select2-selection__rendered").getAttribute("aria-labelledby"),
    };
}"""


def test_a_select2_built_late_is_named_by_its_label_at_once(live_server, page, browser_login):
    staff = StaffFactory()
    browser_login(page, staff)
    page.goto(f"{live_server.url}{reverse('admin:hubs_servizio_add')}")

    names = page.evaluate(REBUILD_AND_READ)

    assert names["label"] == "id_hub-label"
    assert names["combobox"].split()[0] == "id_hub-label"
    assert names["rendered"] == "id_hub-label"
