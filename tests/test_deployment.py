"""The production stack file declares what the README promises."""

from pathlib import Path

import yaml
from django.conf import settings


def load_compose():
    return yaml.safe_load(Path(settings.BASE_DIR, "docker-compose.yml").read_text())


def test_compose_has_the_services_with_health_checks_and_volumes():
    compose = load_compose()
    services = compose["services"]
    assert {"web", "worker", "beat", "postgres", "redis"} <= set(services)
    for name in ("web", "worker", "beat", "postgres", "redis"):
        assert "healthcheck" in services[name], name
    assert services["web"]["command"][0] == "gunicorn"
    assert services["worker"]["command"][:4] == ["celery", "-A", "config", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "config", "beat"]
    assert {"postgres", "redis", "documents"} <= set(compose["volumes"])


def test_compose_requires_the_production_secrets():
    app = load_compose()["services"]["web"]["environment"]
    assert app["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    assert app["ALLOWED_HOSTS"].startswith("${ALLOWED_HOSTS:?")
    assert app["REDIS_URL"] == "redis://redis:6379/0"
