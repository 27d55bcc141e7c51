"""The portal as the deployment files run it: static files collected with ``DEBUG=0``, gunicorn started with the
``web`` command of the Procfile and the production settings, requests as the HTTPS proxy sends them.

No internet is needed: gunicorn listens on a free port of 127.0.0.1 and every asset is served by whitenoise.
"""

import http.client
import os
import re
import selectors
import signal
import socket
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote, urljoin, urlsplit

import pytest
from django.conf import settings
from django.db import connection

BASE_DIR = Path(settings.BASE_DIR)
START_TIMEOUT = 60  # seconds for gunicorn to say it is listening
REQUEST_TIMEOUT = 60
PUBLIC_PAGES = [
    "/",
    "/il-progetto/",
    "/privacy/",
    "/accessibilita/",
    "/note-legali/",
    "/cerca/",
    "/cerca/?q=Mestre",
    "/bandi/",
    "/hub/",
    "/antenne/",
    "/trasparenza/contributi/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/healthz",
]
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class _Links(HTMLParser):
    """Collects the /static/ assets a page links and the links of its main navigation."""

    def __init__(self):
        super().__init__()
        self.assets: set[str] = set()
        self.navigation: list[str] = []
        self._nav_depth = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in ("href", "src"):
            value = attrs.get(name) or ""
            if value.startswith(settings.STATIC_URL):
                self.assets.add(value)
        if tag == "ul" and attrs.get("data-element") == "main-navigation":
            self._nav_depth = 1
        elif tag == "ul" and self._nav_depth:
            self._nav_depth += 1
        elif tag == "a" and self._nav_depth and attrs.get("href"):
            self.navigation.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "ul" and self._nav_depth:
            self._nav_depth -= 1


def _database_url() -> str:
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = quote(db["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    return f"postgres://{credentials}{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _production_env(static_root: Path, port: int) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # Production defaults, not the test suite's: HTTPS redirect on, no Redis (the cache falls back to memory).
        if key not in {"SECURE_SSL_REDIRECT", "REDIS_URL", "DJANGO_SETTINGS_MODULE", "EMAIL_BACKEND"}
    }
    env.update(
        DEBUG="0",
        SECRET_KEY="production-smoke-test-secret-key-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c",
        DATABASE_URL=_database_url(),
        STATIC_ROOT=str(static_root),
        MEDIA_ROOT=str(static_root.parent / "media"),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    return env


def _procfile_web_command() -> str:
    for line in (BASE_DIR / "Procfile").read_text(encoding="utf-8").splitlines():
        if line.startswith("web:"):
            return line.removeprefix("web:").strip()
    raise AssertionError("Procfile has no web process")


def _wait_until_listening(process: subprocess.Popen) -> list[str]:
    """Reads gunicorn's log until a worker has booted; returns the lines read."""
    lines: list[str] = []
    deadline = time.monotonic() + START_TIMEOUT
    with selectors.DefaultSelector() as selector:
        selector.register(process.stderr, selectors.EVENT_READ)
        while time.monotonic() < deadline:
            if not selector.select(timeout=deadline - time.monotonic()):
                break
            line = process.stderr.readline()
            if not line:
                break
            lines.append(line)
            if "Booting worker" in line:
                return lines
    raise AssertionError("gunicorn did not start:\n" + "".join(lines))


@pytest.fixture(scope="module")
def production_server(django_db_setup, django_db_blocker, tmp_path_factory):
    root = tmp_path_factory.mktemp("production")
    static_root = root / "staticfiles"
    port = _free_port()
    with django_db_blocker.unblock():
        env = _production_env(static_root, port)
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr
    assert (static_root / "staticfiles.json").exists()
    process = subprocess.Popen(
        ["sh", "-c", f"exec {_procfile_web_command()}"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        _wait_until_listening(process)
        yield port
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        process.stderr.close()


def _get(port: int, url: str) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=REQUEST_TIMEOUT)
    conn.request("GET", url, headers={"Host": "127.0.0.1", "X-Forwarded-Proto": "https"})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def _failures(port: int, urls) -> list[str]:
    failures = []
    for url in sorted(set(urls)):
        response = _get(port, url)
        if response.status != 200:
            failures.append(f"{url} -> {response.status} {response.getheader('Location') or ''}".strip())
    return failures


@pytest.mark.django_db
def test_public_pages_and_login_answer_200(production_server):
    failures = _failures(production_server, PUBLIC_PAGES)
    assert failures == []


@pytest.mark.django_db
def test_every_static_asset_of_the_home_page_is_served(production_server):
    home = _get(production_server, "/")
    assert home.status == 200
    parser = _Links()
    parser.feed(home.body.decode())
    assert any(asset.endswith(".css") for asset in parser.assets)
    assert any(asset.endswith(".js") for asset in parser.assets)
    # Collected names carry the manifest's hash: the page was rendered from the manifest, not from the sources.
    assert all(re.search(r"\.[0-9a-f]{12}\.", asset) for asset in parser.assets), parser.assets
    assets = set(parser.assets)
    for stylesheet in [asset for asset in parser.assets if asset.endswith(".css")]:
        text = _get(production_server, stylesheet).body.decode("utf-8", "replace")
        for reference in CSS_URL.findall(text):
            if not reference.startswith(("data:", "#", "http:", "https:")):
                assets.add(urlsplit(urljoin(stylesheet, reference)).path)
    assert _failures(production_server, assets) == []


@pytest.mark.django_db
def test_every_link_of_the_main_navigation_answers_200(production_server):
    parser = _Links()
    parser.feed(_get(production_server, "/").body.decode())
    internal = [link for link in parser.navigation if link.startswith("/")]
    assert len(internal) >= 5, parser.navigation
    assert _failures(production_server, internal) == []


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https(production_server):
    conn = http.client.HTTPConnection("127.0.0.1", production_server, timeout=REQUEST_TIMEOUT)
    conn.request("GET", "/il-progetto/", headers={"Host": "127.0.0.1"})
    response = conn.getresponse()
    conn.close()
    assert response.status == 301
    assert response.getheader("Location") == "https://127.0.0.1/il-progetto/"
