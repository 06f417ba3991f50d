"""Set up and run the shop on a developer's machine: `make run`, `make test`, `make bench`.

With DATABASE_URL unset, a private PostgreSQL (the `pgserver` package) runs with its
data under `.data/pgdata`; with REDIS_URL unset, Celery uses kombu's filesystem
transport under `.data/broker`. Both are chosen by config/settings.py from the
environment this script prepares.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DB_NAME = "shop"


def log(message: str) -> None:
    print(f"==> {message}", flush=True)


def ensure_database() -> object | None:
    """Point DATABASE_URL at a running PostgreSQL; start the embedded one if unset."""
    server = None
    if not os.environ.get("DATABASE_URL"):
        import pgserver

        pgdata = DATA / "pgdata"
        pgdata.parent.mkdir(parents=True, exist_ok=True)
        log(f"Starting the embedded PostgreSQL in {pgdata}")
        server = pgserver.get_server(pgdata, cleanup_mode="stop")
        # The embedded server listens on a Unix socket in its data directory.
        os.environ["DATABASE_URL"] = f"postgres://postgres@/{DB_NAME}?host={quote(str(pgdata))}"
    create_database_if_missing(os.environ["DATABASE_URL"])
    return server


def create_database_if_missing(url: str) -> None:
    """Create the database named in `url`, read the way Django's settings read it."""
    import environ
    import psycopg
    from psycopg import sql

    config = environ.Env.db_url_config(url)
    params = {
        "host": config.get("HOST") or config.get("OPTIONS", {}).get("host"),
        "port": config.get("PORT") or None,
        "user": config.get("USER") or "postgres",
        "password": config.get("PASSWORD") or None,
        "dbname": "postgres",
        "autocommit": True,
    }
    name = config["NAME"]
    for _ in range(30):
        try:
            with psycopg.connect(**params) as conn:
                found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
                if not found.fetchone():
                    log(f"Creating database {name}")
                    conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
                return
        except psycopg.OperationalError:
            time.sleep(1)
    sys.exit(f"PostgreSQL is not reachable at {url}")


def manage(*args: str) -> None:
    subprocess.run([PYTHON, "manage.py", *args], cwd=ROOT, check=True)


def prepare_broker() -> None:
    """Kombu's filesystem transport does not create its folders itself."""
    if not os.environ.get("REDIS_URL"):
        broker = Path(os.environ.get("CELERY_BROKER_DIR", DATA / "broker"))
        for folder in ("queue", "processed"):
            (broker / folder).mkdir(parents=True, exist_ok=True)


def command_run() -> int:
    server = ensure_database()
    prepare_broker()
    manage("migrate", "--noinput")
    manage("load_demo", "--preset", os.environ.get("SELLER_PRESET", "000"))
    processes = [
        subprocess.Popen([PYTHON, "manage.py", "runserver", "127.0.0.1:8000"], cwd=ROOT),
        subprocess.Popen(
            [BIN / "celery", "-A", "config", "worker", "--loglevel=INFO", "--concurrency=2"],
            cwd=ROOT,
        ),
        subprocess.Popen(
            [
                BIN / "celery",
                "-A",
                "config",
                "beat",
                "--loglevel=INFO",
                f"--pidfile={DATA / 'celerybeat.pid'}",
            ],
            cwd=ROOT,
        ),
    ]
    log("Shop on http://127.0.0.1:8000 with a Celery worker and beat. Ctrl-C stops all.")
    try:
        while all(p.poll() is None for p in processes):
            time.sleep(1)
        log("A process stopped; stopping the others.")
    except KeyboardInterrupt:
        log("Stopping.")
    finally:
        for process in processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
        if server is not None:
            server.cleanup()
    return 0


def command_test() -> int:
    server = ensure_database()
    steps = [
        [BIN / "ruff", "check", "."],
        [BIN / "ruff", "format", "--check", "."],
        [PYTHON, "manage.py", "check"],
        [PYTHON, "manage.py", "makemigrations", "--check", "--dry-run"],
        [PYTHON, "-m", "pytest", *sys.argv[2:]],
    ]
    try:
        for step in steps:
            log(" ".join(str(part) for part in step))
            result = subprocess.run(step, cwd=ROOT)
            if result.returncode != 0:
                log(f"Failed: {' '.join(str(part) for part in step)}")
                return result.returncode
        return 0
    finally:
        if server is not None:
            server.cleanup()


def command_bench() -> int:
    server = ensure_database()
    try:
        return subprocess.run([PYTHON, "-m", "bench"], cwd=ROOT).returncode
    finally:
        if server is not None:
            server.cleanup()


def command_messages() -> int:
    for language in ("fr", "en", "nl"):
        manage("makemessages", "--locale", language, "--ignore=.venv/*", "--ignore=.data/*")
    manage("compilemessages", "--ignore=.venv/*")
    return 0


COMMANDS = {
    "run": command_run,
    "test": command_test,
    "bench": command_bench,
    "messages": command_messages,
}

if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(COMMANDS[sys.argv[1]]())
