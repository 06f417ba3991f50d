"""What `make test` runs (scripts/devstack.py), and the suite settings that keep it
independent of the machine's speed."""

import importlib.util
import os
import shlex
from pathlib import Path

import hypothesis
import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


@pytest.fixture(scope="module")
def devstack():
    spec = importlib.util.spec_from_file_location("devstack", ROOT / "scripts" / "devstack.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_ci_runs_make_test_which_runs_devstack_test():
    assert (ROOT / ".ci" / "run").read_text().rstrip().endswith("make test")
    makefile = (ROOT / "Makefile").read_text()
    assert "\t$(BIN)/python scripts/devstack.py test\n" in makefile


def test_parallel_then_serial_runs_cover_every_test_once(devstack):
    """The parallel run leaves out exactly what the serial run takes."""
    parallel = shlex.join(devstack.PARALLEL)
    serial = shlex.join(devstack.SERIAL)
    assert "-n auto" in parallel and "-m 'not browser and not serial'" in parallel
    assert "-p no:xdist" in serial and "-m 'browser or serial'" in serial


@pytest.mark.parametrize(
    ("codes", "expected"),
    [
        ({"in parallel": 0, "serial": 0, "production configuration": 0}, 0),
        ({"in parallel": 1, "serial": 0, "production configuration": 0}, 1),
        ({"in parallel": 0, "serial": 0, "production configuration": 1}, 1),
        ({"in parallel": 0, "serial": 2}, 2),  # interrupted
        ({"in parallel": 1, "serial": 3}, 1),  # the first failure
        ({"in parallel": 0, "serial": 5}, 0),  # `-k` selected tests of one run only
        ({"in parallel": 5, "serial": 5}, 5),  # no test at all
    ],
)
def test_the_exit_code_of_the_runs_reaches_ci(devstack, codes, expected, capsys):
    assert devstack.suite_result(codes) == expected
    out = capsys.readouterr().out
    for name, code in codes.items():
        assert f"pytest, {name}: exit code {code}" in out


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "postgres://postgres@127.0.0.1:5432/shop_ci",
            "postgres://postgres@127.0.0.1:5432/shop_ci_production",
        ),
        (
            "postgres://postgres@/shop?host=/x/pgdata",
            "postgres://postgres@/shop_production?host=/x/pgdata",
        ),
    ],
)
def test_the_production_run_has_a_production_environment(
    devstack, tmp_path, monkeypatch, url, expected
):
    """Beside the serial run, on a database of its own (the serial run uses `test_<name>`)."""
    monkeypatch.setenv("DATABASE_URL", url)
    env = devstack.production_environment(tmp_path)
    assert env["DATABASE_URL"] == expected
    assert (env["DEMO_MODE"], env["DJANGO_DEBUG"]) == ("0", "0")
    assert len(env["DJANGO_SECRET_KEY"]) >= 50
    assert env["STATIC_ROOT"] == str(tmp_path)
    assert env["ALLOWED_HOSTS"] and env["SITE_URL"].startswith("https://")


def test_hypothesis_does_not_time_examples():
    """Hypothesis's default 200 ms deadline fails correct code on a busy machine."""
    assert hypothesis.settings.default.deadline is None
    assert hypothesis.HealthCheck.too_slow in hypothesis.settings.default.suppress_health_check


def test_each_test_process_has_its_own_cache_keys():
    """xdist workers, the serial run and the production run share one Redis."""
    from django.core.cache import cache

    assert cache.make_key("shop:x").startswith(f"test-{os.getpid()}:")
