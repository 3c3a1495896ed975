"""ponyguard: a security checkup for Django sites.

The library API is the product; the CLI and the Django app are thin faces of it::

    from ponyguard import audit_project, Severity
    result = audit_project("path/to/project")
    for finding in result.at_or_above(Severity.HIGH):
        print(finding.rule.id, finding.location, finding.message)

    from ponyguard import scan_url
    print(scan_url("https://example.com/").grade)

Importing this package never touches Django settings; the Django app is
``INSTALLED_APPS += ["ponyguard"]`` (see :mod:`ponyguard.checks`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from .audit import audit_project  # noqa: E402
from .core.config import Config, load_config  # noqa: E402
from .core.errors import ConfigError, InputError, PonyguardError, RuleError  # noqa: E402
from .core.finding import Finding, Location  # noqa: E402
from .core.registry import load_rules  # noqa: E402
from .core.result import RunResult  # noqa: E402
from .core.rule import Rule, RuleDoc  # noqa: E402
from .core.severity import Confidence, Severity  # noqa: E402

_LAZY = {
    "audit_deps": "deps", "audit_versions": "deps",
    "ScanOptions": "scan", "scan_sites": "scan", "scan_url": "scan",
}
"""Imported on first use: the live scan's HTTP and TLS stack and the dependency data are not
needed by an audit, and importing them costs more than some audits take."""


def __getattr__(name: str) -> object:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value


if TYPE_CHECKING:
    from .deps import audit_deps, audit_versions
    from .scan import ScanOptions, scan_sites, scan_url

__all__ = [
    "Config",
    "ConfigError",
    "Confidence",
    "Finding",
    "InputError",
    "Location",
    "PonyguardError",
    "Rule",
    "RuleDoc",
    "RuleError",
    "RunResult",
    "ScanOptions",
    "Severity",
    "__version__",
    "audit_deps",
    "audit_project",
    "audit_versions",
    "load_config",
    "load_rules",
    "scan_sites",
    "scan_url",
]
