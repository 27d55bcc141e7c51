"""The portal's change lists draw Django's pages: table, filters, scripts and action bar.

On the demo data, for every list that uses them, as staff and as superuser: plain, sorted, with the filters'
counts, searched and filtered by a choice of each filter (the kept filters go into every row's link). The whole
page is compared with the one Django's own ``admin/change_list.html`` draws with scripts and action bar rendered
anew, runs of white space taken as one. A filter read by label offers Django's choices.
"""

import html
import re

import pytest
from django.contrib import admin
from django.contrib.admin import RelatedFieldListFilter
from django.contrib.admin.options import ModelAdmin
from django.urls import reverse

from contributi.models import Bando, Candidatura
from costellazioni.admin import changelist as changelist_module
from costellazioni.admin.changelist import PortalChangeListMixin
from costellazioni.admin.list_filters import related_filter
from costellazioni.models import User
from tests.demo_fixtures import demo, demo_media, seeded_demo  # noqa: F401

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="[A-Za-z0-9]+"')
SPACE = re.compile(r"\s+")  # the template's own indentation differs from Django's
FILTER_CHOICE = re.compile(r'<a href="(\?[^"]+)">')
ROW = re.compile(r"<tr>.*?</tr>", re.S)
PEOPLE = {"staff": "staff@costellazioni.example", "superuser": "admin@costellazioni.example"}
PORTAL_ADMINS = [ma for ma in admin.site._registry.values() if isinstance(ma, PortalChangeListMixin)]


def _queries(client, changelist, model_admin) -> list[str]:
    """The list plain, sorted, with the filters' counts, searched, and filtered by the last choice of each of its
    filters."""
    queries = ["", "?o=-2.1", "?_facets=True"]
    if model_admin.search_fields:
        queries.append("?q=a")
    filters = client.get(changelist).content.decode().partition('id="changelist-filter"')[2]
    for choices in filters.split("</details>")[:-1]:
        queries += [html.unescape(link) for link in FILTER_CHOICE.findall(choices)[-1:]]
    return queries


def _page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return SPACE.sub(" ", TOKEN.sub("", response.content.decode()))


@pytest.mark.usefixtures("demo")
@pytest.mark.parametrize("who", PEOPLE)
def test_every_list_draws_djangos_page(client, monkeypatch, who):
    client.force_login(User.objects.get(email=PEOPLE[who]))
    rows = links = checkboxes = selected = 0
    for model_admin in PORTAL_ADMINS:
        opts = model_admin.model._meta
        changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        if client.get(changelist).status_code == 403:
            continue
        for query in _queries(client, changelist, model_admin):
            ours = _page(client, changelist + query)
            with monkeypatch.context() as patch:
                patch.setattr(model_admin, "change_list_template", ModelAdmin.change_list_template)
                patch.setattr(changelist_module, "_rendered_media", lambda admin_class, form_class, media: media)
                patch.setattr(changelist_module, "_rendered_action_form", lambda admin_class, form: form)
                djangos = _page(client, changelist + query)
            assert ours == djangos, changelist + query
            page_rows = ROW.findall(ours)
            rows += len(page_rows)
            links += sum("/change/" in row for row in page_rows)
            checkboxes += sum('class="action-select"' in row for row in page_rows)
            selected += ours.count('<li class="selected"> <a href="?')
    # The comparison saw real rows: with links to the change pages (filters kept) and action checkboxes.
    assert rows > 100 and links > 100 and checkboxes > 50 and selected > 100


@pytest.mark.usefixtures("demo")
def test_a_filter_read_by_label_offers_djangos_choices(rf):
    request = rf.get("/")
    request.user = User.objects.get(email=PEOPLE["staff"])
    model_admin = admin.site._registry[Candidatura]
    field = Candidatura._meta.get_field("bando")
    ours = related_filter("titolo")(field, request, {}, Candidatura, model_admin, "bando")
    djangos = RelatedFieldListFilter(field, request, {}, Candidatura, model_admin, "bando")
    assert ours.lookup_choices == djangos.lookup_choices
    assert len(ours.lookup_choices) == Bando.objects.count() >= 3
