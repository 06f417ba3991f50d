"""`make bench`: run every `bench/bench_*.py` on a throwaway test database and print a table.

Each module defines `run() -> list[Result]` (see bench/harness.py). The table is printed
and written to bench/results/latest.md; the README quotes it.
"""

import importlib
import os
import pkgutil
import sys
from pathlib import Path

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.template.base import Template  # noqa: E402
from django.test import utils as test_utils  # noqa: E402

from bench.harness import HEADER  # noqa: E402


def main(only: list[str]) -> int:
    """Run every benchmark module, or those named (`python -m bench signing catalogue`)."""
    settings.DEBUG = False
    test_utils.setup_test_environment()
    # The test environment makes every template render send a signal that the test client
    # answers by copying the context: a cost production never pays, and one that grows with
    # each include. Measure templates as a server renders them.
    Template._render = test_utils._TestState.saved_data.template_render
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    rows = []
    try:
        for module_info in sorted(pkgutil.iter_modules([str(Path(__file__).parent)])):
            name = module_info.name
            if name.startswith("bench_") and (not only or name.removeprefix("bench_") in only):
                module = importlib.import_module(f"bench.{module_info.name}")
                rows.extend(result.row() for result in module.run())
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    table = "\n".join([HEADER, *rows])
    print(table)
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text(table + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
