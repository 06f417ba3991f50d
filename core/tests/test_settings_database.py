"""Production keeps its database connections between requests, checked before reuse."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
    "from django.conf import settings as s; d = s.DATABASES['default'];"
    "print(d['CONN_MAX_AGE'], d['CONN_HEALTH_CHECKS'])"
)


def _production(**extra) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEMO_", "CONN_"))}
    env.update(
        DEMO_MODE="0",
        DJANGO_SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="shop.example.com",
        SITE_URL="https://shop.example.com",
        **extra,
    )
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_production_keeps_connections_for_a_minute_with_health_checks():
    assert _production() == "60 True"


def test_the_connection_age_is_a_setting():
    assert _production(CONN_MAX_AGE="300") == "300 True"
