"""Set up and run the shop on a developer's machine: `make run`, `make test`, `make bench`.

With DATABASE_URL unset, a private PostgreSQL (the `pgserver` package) runs with its
data under `.data/pgdata`; with REDIS_URL unset, Celery uses kombu's filesystem
transport under `.data/broker`. Both are chosen by config/settings.py from the
environment this script prepares.
"""

from __future__ import annotations

import functools
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import IO
from urllib.parse import quote, urlsplit, urlunsplit

import environ
import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / ".data"
PYTHON = sys.executable
BIN = Path(PYTHON).parent
DB_NAME = "shop"


def log(message: str, file: IO[str] | None = None) -> None:
    print(f"==> {message}", file=file, flush=True)


def ensure_database() -> object | None:
    """Point DATABASE_URL at a running PostgreSQL; start the embedded one if unset."""
    server = None
    if not os.environ.get("DATABASE_URL"):
        # Imported only in embedded mode: pgserver probes the machine's directories on import.
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


# The suite in three pytest runs, each printing its own summary line:
# - most tests in parallel over one process per CPU core (pytest-xdist, each worker on its
#   own test database);
# - then, in one process, the tests that must not compete for the CPU: browser tests
#   (a live server and Chromium) and tests marked `serial` (real Celery processes);
# - beside that serial run (one process each: together they use two cores), tests/production
#   under the production configuration (see `production_environment`), its output shown
#   when it ends; on a full run, or alone with `test-production`.
PARALLEL = ["-n", "auto", "--dist", "worksteal", "-m", "not browser and not serial"]
SERIAL = ["-p", "no:xdist", "-m", "browser or serial"]
NO_TESTS_COLLECTED = 5


def run_step(step: list, env: dict | None = None, output: IO[str] | None = None) -> int:
    """Run one command; its output goes to ours, or to `output` with the same log lines."""
    say = log if output is None else functools.partial(log, file=output)
    say(" ".join(str(part) for part in step))
    returncode = subprocess.run(
        step, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT if output else None
    ).returncode
    if returncode != 0:
        say(f"Exit code {returncode}: {' '.join(str(part) for part in step)}")
    return returncode


def checks() -> int:
    for step in (
        [BIN / "ruff", "check", "."],
        [BIN / "ruff", "format", "--check", "."],
        [PYTHON, "manage.py", "check"],
        [PYTHON, "manage.py", "makemigrations", "--check", "--dry-run"],
        # The layers of docs/architecture.md (contract in pyproject.toml).
        [BIN / "lint-imports"],
        # Types of core/, every service and every selector (config in pyproject.toml).
        [PYTHON, "-m", "mypy"],
    ):
        returncode = run_step(step)
        if returncode != 0:
            return returncode
    return 0


def production_environment(static_root: Path) -> dict:
    """A production server's environment: no demo mode, DEBUG off, a secret key of its
    own, and STATIC_ROOT where `collectstatic` writes (the manifest storage serves only
    collected files). Same PostgreSQL server and Redis; a database name of its own, so that
    its test database is not the serial run's."""
    database = urlsplit(os.environ["DATABASE_URL"])
    return {
        **os.environ,
        "DATABASE_URL": urlunsplit(database._replace(path=f"{database.path}_production")),
        "DEMO_MODE": "0",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "testserver",
        "SITE_URL": "https://shop.example.test",
        "STATIC_ROOT": str(static_root),
        # A staging server: the sandbox payment provider, explicitly allowed.
        "PAYMENT_SANDBOX_ALLOWED": "1",
        "PAYMENT_WEBHOOK_SECRET": secrets.token_urlsafe(32),
    }


def production_tests(args: list[str], output: IO[str] | None = None) -> int:
    """`collectstatic` into a temporary STATIC_ROOT, then tests/production, both under the
    production configuration."""
    with tempfile.TemporaryDirectory(prefix="shop-static-") as static_root:
        env = production_environment(Path(static_root))
        collect = [PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity=0"]
        pytest = [PYTHON, "-m", "pytest", "tests/production", *args]
        return run_step(collect, env, output) or run_step(pytest, env, output)


def suite_result(results: dict[str, int]) -> int:
    """One exit code for the runs: the first failure; "no tests collected" only if no run
    collected any (a `-k` may select tests of one run only)."""
    for name, returncode in results.items():
        log(f"pytest, {name}: exit code {returncode}")
    failures = [code for code in results.values() if code not in (0, NO_TESTS_COLLECTED)]
    if failures:
        return failures[0]
    if all(code == NO_TESTS_COLLECTED for code in results.values()):
        return NO_TESTS_COLLECTED
    return 0


def command_test() -> int:
    """Lint and checks, then the suite. Extra arguments go to the parallel and serial
    runs; a full run (no argument) adds the production-configuration run."""
    server = ensure_database()
    args = sys.argv[2:]
    try:
        returncode = checks()
        if returncode != 0:
            return returncode
        results = {"in parallel": run_step([PYTHON, "-m", "pytest", *PARALLEL, *args])}
        if args:
            results["serial"] = run_step([PYTHON, "-m", "pytest", *SERIAL, *args])
            return suite_result(results)
        with (
            tempfile.TemporaryFile("w+") as output,
            ThreadPoolExecutor(max_workers=1) as background,
        ):
            production = background.submit(production_tests, [], output)
            results["serial"] = run_step([PYTHON, "-m", "pytest", *SERIAL])
            results["production configuration"] = production.result()
            output.seek(0)
            print(output.read(), end="", flush=True)
        return suite_result(results)
    finally:
        if server is not None:
            server.cleanup()


def command_test_production() -> int:
    """Only tests/production under the production configuration; arguments go to pytest."""
    server = ensure_database()
    try:
        return production_tests(sys.argv[2:])
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
    "test-production": command_test_production,
    "bench": command_bench,
    "messages": command_messages,
}

if __name__ == "__main__":
    os.chdir(ROOT)
    sys.exit(COMMANDS[sys.argv[1]]())
