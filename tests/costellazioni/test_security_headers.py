"""Content-Security-Policy and Permissions-Policy on every response: pages, admin, downloads and errors."""

import pytest
from django.core.files.base import ContentFile
from django.urls import path

from costellazioni.urls import urlpatterns as portal_urlpatterns
from tests.contributi.factories import PDF_BYTES, open_bando

pytestmark = pytest.mark.django_db


def boom(request):
    raise RuntimeError("a bug in a view")


urlpatterns = [path("prova-errore/", boom), *portal_urlpatterns]


def assert_page_policy(response):
    csp = response["Content-Security-Policy"]
    directives = {part.split()[0]: part.split()[1:] for part in csp.split("; ")}
    assert directives["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in directives["style-src"] and "'unsafe-eval'" not in csp
    assert "'unsafe-inline'" not in directives["script-src"]
    assert directives["frame-ancestors"] == ["'none'"]
    assert "https://tile.openstreetmap.org" in directives["img-src"]
    assert directives["object-src"] == ["'none'"]
    policy = response["Permissions-Policy"]
    assert "camera=()" in policy and "microphone=()" in policy and "payment=()" in policy
    return policy


@pytest.mark.parametrize("url", ["/", "/hub/", "/bandi/", "/cerca/?q=orti", "/accounts/login/", "/admin/login/"])
def test_public_pages(client, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "geolocation=()" in assert_page_policy(response)


def test_geolocation_only_on_the_antenna_map(client):
    assert "geolocation=(self)" in assert_page_policy(client.get("/antenne/"))


def test_a_call_page_and_its_documents(client):
    bando = open_bando()
    bando.documento.save("bando.pdf", ContentFile(PDF_BYTES))
    assert_page_policy(client.get(bando.get_absolute_url()))
    download = client.get(f"/bandi/{bando.slug}/testo/")
    assert download["Content-Security-Policy"] == "sandbox"
    assert "geolocation=()" in download["Permissions-Policy"]


def test_admin_pages(client, staff_user):
    client.force_login(staff_user)
    for url in ("/admin/", "/admin/contributi/bando/", "/admin/contributi/bando/add/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_page_policy(response)


def test_errors(client, settings):
    assert client.get("/non-esiste/").status_code == 404
    assert_page_policy(client.get("/non-esiste/"))
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    response = client.get("/prova-errore/")
    assert response.status_code == 500
    assert_page_policy(response)


def test_the_tile_host_follows_the_setting():
    from costellazioni.security_headers import tile_source

    assert tile_source("https://{s}.tile.example.org/{z}/{x}/{y}.png") == "https://*.tile.example.org"
    assert tile_source("https://tiles.comune.venezia.it/osm/{z}/{x}/{y}.png") == "https://tiles.comune.venezia.it"


def test_an_unknown_feature_is_a_programming_error():
    from costellazioni.security_headers import allow_browser_features

    with pytest.raises(ValueError, match="Unknown browser features: \\['geolocaton'\\]"):
        allow_browser_features("geolocaton")
