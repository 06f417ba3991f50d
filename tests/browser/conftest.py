"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

Every test here is marked `browser` and needs `transaction=True` database access, since the
live server runs in another thread and must see committed data. The fixtures and helpers
that several test modules share live here, so no test module imports another.
"""

import os
import shutil
import subprocess
from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from accounts.models import CompanyStatus, Role
from accounts.tests.factories import CompanyFactory, MembershipFactory, UserFactory
from config.celery import app as celery_app
from orders.tests.factories import sales_group
from shop.tests.factories_catalogue import ProductFactory, thresholds_terms
from tests.celery_processes import CELERY, process_env, stop

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


def sign_in(page, live_server, user):
    """Signs `user` in on `page` through a session cookie, without the login form."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


@pytest.fixture
def shop_world():
    """A customer company approved 30 days ago, its signatory (also a buyer), a sales user
    and one product in stock, under the thresholds terms: the quote tests' shared world."""
    terms = thresholds_terms()
    company = CompanyFactory(
        legal_name="BUREAUTIQUE DU RHÔNE",
        status=CompanyStatus.APPROVED,
        approved_on=timezone.localdate() - timedelta(days=30),
    )
    signatory = MembershipFactory(
        company=company,
        user=UserFactory(
            email="signataire@bureautique.example", first_name="Claire", last_name="Dumas"
        ),
        roles=[Role.SIGNATORY, Role.BUYER],
    ).user
    sales = UserFactory(is_staff=True, email="commercial@vendeur.example")
    sales.groups.add(sales_group())
    product = ProductFactory(
        reference="SRV-R250",
        designation="Serveur rack 1U, 2 x 16 cœurs",
        price_ht=Decimal("1890.00"),
        vat_rate=Decimal("20.00"),
        stock_on_hand=4,
    )
    return {
        "terms": terms,
        "company": company,
        "signatory": signatory,
        "sales": sales,
        "product": product,
    }


def use_broker(options: dict) -> None:
    """Point this process's Celery app (the live server queues the outbox after commit with
    it) at a filesystem broker, dropping the connections made to the previous one."""
    celery_app.conf.broker_url = "filesystem://"
    celery_app.conf.broker_transport_options = options
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def worker(tmp_path, settings):
    """A real worker (`celery -A config worker`, the project's settings) on a private
    filesystem broker shared with the live server, on the test database and storage; in demo
    mode it prints each e-mail it sends (console backend). Yields a function that stops it
    and returns its output."""
    broker = tmp_path / "broker"  # CELERY_BROKER_DIR of `process_env`
    options = {
        "data_folder_in": str(broker / "queue"),
        "data_folder_out": str(broker / "queue"),
        "processed_folder": str(broker / "processed"),
        "control_folder": str(broker / "control"),
    }
    for folder in set(options.values()):
        (broker / folder).mkdir(parents=True, exist_ok=True)
    env = process_env(tmp_path)
    env.update(
        PRIVATE_STORAGE_ROOT=str(settings.PRIVATE_STORAGE_ROOT),
        EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
    )
    process = subprocess.Popen(
        [CELERY, "-A", "config", "worker", "--pool=solo", "--loglevel=INFO"],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    previous = (celery_app.conf.broker_url, celery_app.conf.broker_transport_options)
    use_broker(options)
    output = []

    def stop_worker() -> str:
        if not output:
            output.append(stop(process))
        return output[0]

    try:
        yield stop_worker
    finally:
        stop_worker()
        celery_app.conf.broker_url, celery_app.conf.broker_transport_options = previous
        celery_app._pool = None
        celery_app.amqp._producer_pool = None
