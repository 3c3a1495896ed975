from __future__ import annotations

import os
import subprocess
import sys

import ponyguard


def test_all_is_pinned() -> None:
    assert sorted(ponyguard.__all__) == sorted([
        "Config", "ConfigError", "Confidence", "Finding", "InputError", "Location",
        "PonyguardError", "Rule", "RuleDoc", "RuleError", "RunResult", "ScanOptions", "Severity",
        "__version__", "audit_deps", "audit_project", "audit_versions", "load_config",
        "load_rules", "scan_sites", "scan_url",
    ])
    for name in ponyguard.__all__:
        assert hasattr(ponyguard, name)


def test_import_needs_no_django_settings(tmp_path) -> None:
    """pytest-django configures settings for the session; a subprocess proves we need none."""
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    code = (
        "import ponyguard, django.conf;"
        "from ponyguard.core.registry import load_rules; load_rules();"
        "import ponyguard.cli, ponyguard.report;"
        "from ponyguard.scan.engine import LOAD_ERRORS, load_probes; load_probes();"
        "assert not LOAD_ERRORS, LOAD_ERRORS;"
        "assert not django.conf.settings.configured, 'settings were configured';"
        "print(len(list(load_rules())))"
    )
    out = subprocess.run([sys.executable, "-c", code], env=env, cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert int(out.stdout) >= 7
