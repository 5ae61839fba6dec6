"""Apps depend downward only: hotelqa/ (the foundation, with the checklist engine and staff records)
<- crm/ <- complaints/, facilities/ <- training/ <- audits/ <- api/. Checked on the source itself, so a lazy import inside a function counts
as much as one at the top of a module."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = {"hotelqa", "crm", "complaints", "facilities", "training", "audits", "api"}
# What each app may import besides itself.
ALLOWED = {
    "hotelqa": set(),
    "crm": {"hotelqa"},
    "complaints": {"hotelqa", "crm"},
    "facilities": {"hotelqa"},
    # Training reads cases and inspection findings to propose retraining.
    "training": {"hotelqa", "crm", "complaints", "facilities"},
    # Audits assess staff on everything the other apps record.
    "audits": {"hotelqa", "crm", "complaints", "facilities", "training"},
    # The API is a way into every app.
    "api": {"hotelqa", "crm", "complaints", "facilities", "training", "audits"},
}
# Known upward imports, each to be replaced by a hook of the foundation (kept visible here).
KNOWN = set()


def imported_apps(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in APPS:
                yield top


def violations(app, root=ROOT):
    found = []
    for path in sorted((root / app).rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        if "/migrations/" in rel:
            continue  # migrations name other apps' migrations as dependencies
        for top in imported_apps(path):
            if top != app and top not in ALLOWED[app] and (rel, top) not in KNOWN:
                found.append(f"{rel} imports {top}")
    return found


@pytest.mark.parametrize("app", sorted(APPS))
def test_apps_import_only_downward(app):
    assert violations(app) == []


def test_the_check_sees_a_lazy_upward_import(tmp_path):
    (tmp_path / "hotelqa" / "checklists").mkdir(parents=True)
    (tmp_path / "hotelqa" / "checklists" / "models.py").write_text("def f():\n    from facilities.models import Asset\n")
    assert violations("hotelqa", root=tmp_path) == ["hotelqa/checklists/models.py imports facilities"]
