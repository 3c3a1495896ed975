"""Suite-wide fixtures."""

from __future__ import annotations

from datetime import date

import pytest

FIXED_TODAY = date(2026, 11, 24)
"""Support dates (end of life, extended support) are judged as of this day in every test, so
results do not change with the clock; two days after the bundled data's date."""


@pytest.fixture(autouse=True)
def _dependency_data_is_deterministic(tmp_path_factory, monkeypatch):
    """No test reads the user's OSV cache, and support dates are judged as of FIXED_TODAY."""
    monkeypatch.setenv("PONYGUARD_DEPS_CACHE", str(tmp_path_factory.mktemp("deps-cache")))
    monkeypatch.setattr("ponyguard.deps.collect.current_date", lambda: FIXED_TODAY)
