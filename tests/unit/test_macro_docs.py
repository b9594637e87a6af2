"""Every macro of the project is documented in macros/_macros.yml (adapter-specific
implementations of a dispatched macro, `<adapter>__<name>`, are covered by its entry)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[2]
MACRO = re.compile(r"\{%-?\s*macro\s+([A-Za-z_][A-Za-z0-9_]*)\s*\(")
ADAPTER_IMPLEMENTATION = re.compile(r"^(default|duckdb|spark|postgres|databricks)__")


def defined_macros() -> set[str]:
    names: set[str] = set()
    for path in (REPO / "macros").rglob("*.sql"):
        names.update(MACRO.findall(path.read_text()))
    return {name for name in names if not ADAPTER_IMPLEMENTATION.match(name)}


def documented_macros() -> dict[str, dict]:
    entries = yaml.safe_load((REPO / "macros" / "_macros.yml").read_text())["macros"]
    return {entry["name"]: entry for entry in entries}


def test_every_macro_is_documented() -> None:
    missing = sorted(defined_macros() - documented_macros().keys())
    assert not missing, f"add these macros to macros/_macros.yml: {missing}"


def test_every_documented_macro_exists_and_has_a_description() -> None:
    documented = documented_macros()
    unknown = sorted(documented.keys() - defined_macros())
    assert not unknown, f"macros/_macros.yml documents macros that do not exist: {unknown}"
    empty = sorted(name for name, entry in documented.items() if not entry.get("description"))
    assert not empty, f"macros without a description: {empty}"
