"""The committed package data is exactly what scripts/build_deps_data.py makes of ../shared."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"


def load_script():
    spec = importlib.util.spec_from_file_location("build_deps_data",
                                                  REPO / "scripts" / "build_deps_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (SHARED / "django-advisories.json").is_file(),
                    reason="../shared/data is not beside this checkout")
def test_committed_data_is_up_to_date() -> None:
    assert load_script().main(["--check"]) == 0


def test_build_keeps_the_date_and_normalises_severity() -> None:
    script = load_script()
    built = script.build_advisory({"id": "CVE-1", "source": "django", "aliases": [],
                                   "ranges": [{"introduced": "5.2", "fixed": "5.2.1"}],
                                   "django_severity": "moderate"}, "2026-11-22")
    assert built["severity"] == "medium" and built["modified"] == "2026-11-22"
