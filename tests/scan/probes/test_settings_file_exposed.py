from __future__ import annotations

from ponyguard.scan.probes.http.exposed_files import exposed_files_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.file_sites import catch_all_site, serving

SETTINGS = 'from pathlib import Path\nSECRET_KEY = "django-insecure-abc123xyz"\n' \
           'INSTALLED_APPS = ["django.contrib.admin"]\n'


def test_fires_on_settings_files_without_showing_the_key() -> None:
    for path in ("/settings.py", "/local_settings.py"):
        [finding] = assert_finds(run_probe(exposed_files_probe, serving(
            path, SETTINGS, "text/x-python")), "PG773", severity="critical")
        assert "SECRET_KEY" in (finding.evidence or "")
        assert "abc123" not in (finding.evidence or "") + finding.message


def test_silent_on_other_python_and_catch_all() -> None:
    assert_silent(run_probe(exposed_files_probe, catch_all_site()), "PG773")
    assert_silent(run_probe(exposed_files_probe, serving(
        "/settings.py", "print('hello')\n# SECRET_KEY = ...\n")), "PG773")
