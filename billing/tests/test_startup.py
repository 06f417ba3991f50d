"""A production process refuses to start with the sandbox provider unless allowed."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'config.settings');"
    "django.setup()"
)


def _start(**extra):
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DEMO_", "PAYMENT_"))
    }
    env.update(
        {
            "DEMO_MODE": "0",
            "DJANGO_SECRET_KEY": "k" * 50,
            "ALLOWED_HOSTS": "shop.example.com",
            "SITE_URL": "https://shop.example.com",
            "PAYMENT_WEBHOOK_SECRET": "whsec_" + "s" * 32,
            **extra,
        }
    )
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )


def test_production_refuses_the_sandbox_provider():
    result = _start()
    assert result.returncode != 0
    assert "PAYMENT_SANDBOX_ALLOWED" in result.stderr


def test_a_staging_server_may_allow_the_sandbox_explicitly():
    result = _start(PAYMENT_SANDBOX_ALLOWED="1")
    assert result.returncode == 0, result.stderr


def test_production_refuses_to_start_without_the_webhook_secret():
    result = _start(PAYMENT_SANDBOX_ALLOWED="1", PAYMENT_WEBHOOK_SECRET="")
    assert result.returncode != 0
    assert "PAYMENT_WEBHOOK_SECRET" in result.stderr
