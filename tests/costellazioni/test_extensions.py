import pytest

from costellazioni import extensions
from tests.costellazioni.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registered(monkeypatch):
    monkeypatch.setattr(extensions, "_home", [])
    monkeypatch.setattr(extensions, "_area_personale", [])
    monkeypatch.setattr(extensions, "_area_personale_probes", [])
    monkeypatch.setattr(extensions._probe_query, "_compiled", None)  # the real probes' query, back afterwards
    return extensions


def test_home_providers_fill_the_home_context(client, registered):
    registered.register_home(lambda request: {"probe_value": "Bando Quartieri Vivi 2027"})
    assert client.get("/").context["probe_value"] == "Bando Quartieri Vivi 2027"


def test_area_personale_sections_are_rendered_in_order(client, registered, settings, tmp_path):
    (tmp_path / "sezione.html").write_text('<section class="col-12"><h2>{{ section.titolo }}</h2></section>')
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [*settings.TEMPLATES[0]["DIRS"], tmp_path]}]
    registered.register_area_personale(
        lambda request: extensions.Section("sezione.html", {"titolo": "Le mie prenotazioni"})
    )
    registered.register_area_personale(lambda request: None)  # a provider with nothing to show for this person
    registered.register_area_personale(
        lambda request: extensions.Section("sezione.html", {"titolo": "Le mie candidature"})
    )
    client.force_login(UserFactory())
    page = client.get("/area-personale/").content.decode()
    assert page.index("Le mie prenotazioni") < page.index("Le mie candidature")


def test_the_cards_probes_are_read_in_one_query_for_all_of_them(rf, registered, django_assert_num_queries):
    from django.db.models import Exists, OuterRef

    from costellazioni.models import Membership
    from costellazioni.subqueries import count
    from tests.costellazioni.factories import MembershipFactory

    def enti_probes(*, now, today):
        return {"enti": count(Membership.objects.filter(user=OuterRef("pk")))}

    def verified_probes(*, now, today):
        return {"verificata": Exists(Membership.objects.filter(user=OuterRef("pk"), stato=Membership.Stato.VERIFICATA))}

    registered.register_area_personale(lambda request: None, probes=enti_probes)
    registered.register_area_personale(lambda request: None, probes=verified_probes)
    user = UserFactory()
    MembershipFactory.create_batch(2, user=user)
    MembershipFactory()  # someone else's
    request = rf.get("/area-personale/")
    request.user = user
    with django_assert_num_queries(1):
        assert extensions.probed(request) == {"enti": 2, "verificata": False}
        assert extensions.probed(request) == {"enti": 2, "verificata": False}


def test_registering_twice_adds_once(registered):
    def provider(request):
        return {}

    registered.register_home(provider)
    registered.register_home(provider)
    assert registered._home == [provider]


def test_related_pages_show_on_the_admin_change_page_of_their_model_only(client, monkeypatch):
    from costellazioni.models import Ente
    from tests.costellazioni.factories import EnteFactory

    monkeypatch.setattr(extensions, "_related_pages", {})
    called = []
    extensions.register_related_pages(
        "costellazioni.Ente",
        lambda request, ente: [extensions.Link(f"Scheda pubblica di {ente.denominazione}", f"/enti/{ente.pk}/")],
    )
    extensions.register_related_pages("costellazioni.User", lambda request, obj: called.append(obj) or [])
    ente = EnteFactory(denominazione="APS Rete Marghera")
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    html = client.get(f"/admin/costellazioni/ente/{ente.pk}/change/").content.decode()
    assert f'<li><a href="/enti/{ente.pk}/">Scheda pubblica di APS Rete Marghera</a></li>' in html
    assert called == []
    assert extensions.related_pages(None, Ente()) == []  # an unsaved object links nowhere
    assert "Scheda pubblica" not in client.get("/admin/costellazioni/ente/add/").content.decode()
