"""Playwright fixtures for browser tests, driving Debian's Chromium (Playwright cannot download browsers here).

Loaded as a plugin by ``tests/conftest.py``. Browser tests take ``page`` (desktop) or ``phone_page``
(360 × 740) together with pytest-django's ``live_server``, and are marked ``@pytest.mark.browser``.
"""

import os

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from a thread with a
# running loop unless told that it is safe, which it is here: the loop only drives the browser.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


@pytest.fixture(scope="session")
def playwright_instance():
    from django.db import connections
    from playwright.sync_api import sync_playwright

    opened = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        # Playwright's event loop now counts as running in this thread, and Django keeps a separate set of
        # connections for code under a running loop. Without this the tests would open new connections that
        # lack pytest-django's state (the serialized rows that ``serialized_rollback`` reloads, for one).
        for alias, connection in opened.items():
            connections[alias] = connection
        yield playwright


@pytest.fixture(scope="session")
def _migration_data_kept(django_db_setup, django_db_blocker):
    """Leave the test database as the migrations made it, for the next run with ``--reuse-db``.

    Browser tests run in transactions that commit (the live server is another thread), so Django empties
    every table after each one; ``serialized_rollback`` reloads the migrations' rows (quartieri, groups,
    the site) before each such test, but not after the last one.
    """
    yield
    from tests.conftest import reload_migration_rows

    with django_db_blocker.unblock():
        reload_migration_rows()


@pytest.fixture(scope="session")
def browser(playwright_instance, _migration_data_kept):
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    yield browser
    browser.close()


def _new_page(browser, viewport, **options):
    # Playwright's string predicates (wait_for_function) are evaluated in the page, which the portal's
    # Content-Security-Policy forbids; tests of the policy itself use ``strict_page``, which keeps it.
    options.setdefault("bypass_csp", True)
    context = browser.new_context(viewport=viewport, locale="it-IT", timezone_id="Europe/Rome", **options)
    context.set_default_timeout(15_000)
    return context, context.new_page()


@pytest.fixture
def page(browser):
    context, page = _new_page(browser, DESKTOP)
    yield page
    context.close()


@pytest.fixture
def strict_page(browser):
    """A desktop page that obeys the site's Content-Security-Policy, as a person's browser does."""
    context, page = _new_page(browser, DESKTOP, bypass_csp=False)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context, page = _new_page(browser, PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    yield page
    context.close()


@pytest.fixture
def browser_login(live_server):
    """Log a page in as ``user`` without the log-in form: a session made by Django's test client."""
    from django.conf import settings
    from django.test import Client

    def login(page, user):
        client = Client()
        client.force_login(user)
        page.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )

    return login


def follow(locator):
    """Click a link or a submit button and return once the page it leads to has loaded.

    A click returns as soon as it is dispatched: what reads the page next, axe above all, would otherwise race the
    navigation and read the old document, or none at all.
    """
    with locator.page.expect_navigation():
        locator.click()
