import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_italian_whatever_the_browser_asks(client):
    response = client.get("/il-progetto/", headers={"accept-language": "en-GB,en;q=0.9"})
    assert response.headers["Content-Language"] == "it"
    page = response.content.decode()
    assert '<html lang="it"' in page
    assert "Accedi all&#x27;area personale" in page or "Accedi all'area personale" in page


def test_english_when_chosen_with_the_switcher(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/il-progetto/"}, follow=True)
    assert response.headers["Content-Language"] == "en"
    assert '<html lang="en"' in response.content.decode()
    page = response.content.decode()
    assert "Sign in to your personal area" in page
    assert "Accedi all'area personale" not in page


def test_an_unknown_language_cookie_falls_back_to_italian(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"
    assert client.get("/").headers["Content-Language"] == "it"
