"""Shared fixtures: generated demo data sets (session-scoped, generated once)."""

from __future__ import annotations

from pathlib import Path

import pytest

from scv.demo.config import GeneratorConfig
from scv.demo.generate import generate


def make_demo(out: Path, people: int, seed: int = 7, **kwargs) -> Path:
    generate(GeneratorConfig(out_dir=out, people=people, seed=seed, **kwargs), log=lambda _m: None)
    return out


@pytest.fixture(scope="session")
def demo_6k(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """6,000 people: enough records to measure mess rates to about one percentage point."""
    return make_demo(tmp_path_factory.mktemp("demo6k"), 6_000)
