"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Every test here is marked `browser` and needs `transaction=True` database access, since the
live server runs in another thread and must see committed data.
"""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django refuses synchronous
# database calls from a thread with a running loop unless told it is safe (it is here:
# the test code and the loop never run Django code concurrently).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
# How long an action or an expectation may wait for the page (Playwright's defaults: 30 s
# and 5 s). A bound, not a delay: a passing step goes on at once; on a busy 2-core machine
# a page that renders a PDF can take well over 5 s.
TIMEOUT_MS = 30_000


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which(CHROMIUM)):
        pytest.fail(f"Chromium not found at {CHROMIUM}: `make test` installs it (`make browser`).")
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    playwright = sync_playwright().start()
    chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield chromium
    chromium.close()
    playwright.stop()


@pytest.fixture
def new_context(browser, live_server):
    """Opens browser contexts on the live server (French, desktop unless told otherwise, no
    cookies carried over), closed after the test."""
    contexts = []

    def open_context(**options):
        defaults = {"locale": "fr-FR", "viewport": DESKTOP, "base_url": live_server.url}
        context = browser.new_context(**{**defaults, **options})
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        return context

    yield open_context
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_context):
    """A page in a fresh context."""
    return new_context().new_page()
