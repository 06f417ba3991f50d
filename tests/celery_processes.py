"""Real Celery processes for the tests: their environment (the test database, a filesystem
broker, demo mode) and bounded waits to start and stop them.

Starting a process that imports Django and the apps takes seconds on a quiet machine and
much longer on a busy one: the waits below are bounds, generous on purpose, not delays
(each returns as soon as what it waits for has happened).
"""

import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

from django.db import connection

CELERY = Path(sys.executable).parent / "celery"


def database_url_of_the_test_database() -> str:
    params = connection.get_connection_params()
    query = f"host={quote(params.get('host') or '127.0.0.1')}"
    if params.get("port"):
        query += f"&port={params['port']}"
    return f"postgres://{params.get('user') or 'postgres'}@/{params['dbname']}?{query}"


def process_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DATABASE_URL=database_url_of_the_test_database(),
        REDIS_URL="",
        CELERY_BROKER_DIR=str(tmp_path / "broker"),
        DEMO_MODE="1",
    )
    return env


# Bounds on how long a process may take to start and do its work, or to stop.
START_TIMEOUT = 180.0
STOP_TIMEOUT = 60.0


def wait_for(predicate, *, timeout: float = START_TIMEOUT) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def stop(process: subprocess.Popen) -> str:
    """Stop `process` (warm shutdown, killed if it lingers) and return its output."""
    process.terminate()
    try:
        return process.communicate(timeout=STOP_TIMEOUT)[0]
    except subprocess.TimeoutExpired:
        process.kill()
        return process.communicate()[0]
