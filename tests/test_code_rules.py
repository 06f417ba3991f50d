"""Rules of the code that a linter does not know, checked on the source tree.

- The rules the code implements are cited from the project's own rule book
  (docs/rules/), never from a file outside the repository; every cited page exists.
- Imports sit at module level (tests and conftest apart); an import inside a function is
  allowed only where the reason is written down in EXPECTED_LOCAL_IMPORTS (a cycle, the
  app registry, a costly optional library).
- No module imports a test module (test_*.py): what several tests share lives in a conftest.py
  (fixtures) or a helper module beside them, so pytest collects each test module once and
  fixtures are found without imports that linters take for unused.
"""

import ast
import re
from pathlib import Path

from django.conf import settings

ROOT = Path(settings.BASE_DIR)
SKIPPED_DIRS = {".venv", ".data", ".git", "node_modules", "migrations", "staticfiles"}
RULE_PAGE = re.compile(r"docs/rules/([\w.-]+\.md)")

# (file, imported module) -> why it is imported inside a function.
EXPECTED_LOCAL_IMPORTS = {
    ("scripts/devstack.py", "pgserver"): "embedded PostgreSQL only; probes directories",
    ("core/documents.py", "weasyprint"): "WeasyPrint loads Pango: only to render",
    ("core/documents.py", "weasyprint.urls"): "WeasyPrint loads Pango: only to render",
    ("core/apps.py", "core.outbox"): "app registry: models are not ready when apps.py loads",
    ("orders/apps.py", "orders.receivers"): "app registry: receivers connected in ready()",
    ("orders/apps.py", "shop.signals"): "app registry: receivers connected in ready()",
    ("orders/apps.py", "billing.signals"): "app registry: receivers connected in ready()",
    ("billing/apps.py", "billing.payments.provider"): "app registry: checked in ready()",
    ("billing/apps.py", "billing.services.invoice_card"): "app registry: receiver in ready()",
    ("billing/apps.py", "billing.signals"): "app registry: receivers connected in ready()",
    ("backoffice/apps.py", "backoffice.wiring"): "app registry: completes screens once registered",
    ("backoffice/apps.py", "backoffice.groups"): "app registry: its group list imports models",
    ("billing/services/invoices.py", "billing.services.credit_notes"): "cycle: credit notes "
    "settle invoices through invoice_apply_settlement",
    ("bench/harness.py", "pyinstrument"): "the profiler loads only when BENCH_PROFILE is set",
}


def _source_files(*suffixes: str, tests: bool):
    for path in ROOT.rglob("*"):
        if path.suffix not in suffixes or not path.is_file() or path == Path(__file__):
            continue
        parts = set(path.relative_to(ROOT).parts[:-1])
        if parts & SKIPPED_DIRS:
            continue
        if not tests and ("tests" in parts or path.name == "conftest.py"):
            continue
        yield path


def test_rules_are_cited_from_the_rule_book_and_every_cited_page_exists():
    outside, missing = [], []
    for path in _source_files(".py", ".md", ".html", ".txt", tests=True):
        text = path.read_text(encoding="utf-8", errors="replace")
        name = path.relative_to(ROOT).as_posix()
        if "DOMAIN.md" in text or "../shared/" in text:
            outside.append(name)
        missing += [
            f"{name}: {page}"
            for page in RULE_PAGE.findall(text)
            if not (ROOT / "docs" / "rules" / page).is_file()
        ]
    assert outside == [], "cite docs/rules/<page>.md, not a file outside the repository"
    assert missing == []


def _local_imports(tree: ast.AST):
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import):
                yield from (alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module:
                yield node.module


def test_imports_inside_functions_are_only_the_documented_ones():
    found = set()
    for path in _source_files(".py", tests=False):
        name = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=name)
        found |= {(name, module) for module in _local_imports(tree)}
    assert found - EXPECTED_LOCAL_IMPORTS.keys() == set(), (
        "move these imports to the top of their module, or write down why they cannot be"
    )
    assert EXPECTED_LOCAL_IMPORTS.keys() - found == set(), "an exception no longer needed"


def _test_module_imports(tree: ast.AST):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            modules = [base] + [f"{base}.{alias.name}" for alias in node.names]
        else:
            continue
        yield from (m for m in modules if m.rpartition(".")[2].startswith("test_"))


def test_no_module_imports_a_test_module():
    found = []
    for path in _source_files(".py", tests=True):
        name = path.relative_to(ROOT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=name)
        found += [f"{name}: {module}" for module in _test_module_imports(tree)]
    assert found == [], "move what is shared to a conftest.py (fixtures) or a helper module"
