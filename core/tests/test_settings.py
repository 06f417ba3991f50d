"""Outside demo mode the settings are the secure ones and secrets are required."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
    "from django.conf import settings as s;"
    "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT,"
    " s.SECURE_HSTS_SECONDS, s.ALLOWED_HOSTS)"
)


def _settings_in_production(**extra):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEMO_"))}
    env.update({"DEMO_MODE": "0", **extra})
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_in_production(
        ALLOWED_HOSTS="shop.example.com", SITE_URL="https://shop.example.com"
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_production_defaults_are_secure():
    result = _settings_in_production(
        DJANGO_SECRET_KEY="k" * 50,
        ALLOWED_HOSTS="shop.example.com",
        SITE_URL="https://shop.example.com",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False True True True 31536000 ['shop.example.com']"


def test_paris_time_and_french_first():
    assert settings.TIME_ZONE == "Europe/Paris" and settings.USE_TZ
    assert settings.LANGUAGE_CODE == "fr"
    assert [code for code, _ in settings.LANGUAGES] == ["fr", "en", "nl"]


def test_celery_is_configured_for_reliable_delivery():
    assert settings.CELERY_TASK_SERIALIZER == "json"
    assert settings.CELERY_ACCEPT_CONTENT == ["json"]
    assert settings.CELERY_TASK_ACKS_LATE and settings.CELERY_TASK_REJECT_ON_WORKER_LOST
    assert settings.CELERY_TASK_TIME_LIMIT > settings.CELERY_TASK_SOFT_TIME_LIMIT > 0
    assert settings.CELERY_BROKER_TRANSPORT_OPTIONS["visibility_timeout"] >= 3600
