"""The live scan: a hardened HTTP/TLS/TCP client and the probes that run on a deployed site.

::

    from ponyguard.scan import ScanOptions, scan_url
    result = scan_url("https://example.com/", ScanOptions(deadline=20))
    print(result.grade, result.score, [f.rule.id for f in result.findings])

:func:`scan_sites` scans many sites concurrently (one result each) and :func:`combine` merges
their results into one report. Score and grade: :mod:`ponyguard.scan.grade`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .probe import ScanOptions, Target
from .target import parse_target

if TYPE_CHECKING:
    from .runner import ascan_sites, combine, scan_sites, scan_url


def __getattr__(name: str) -> object:
    # The engine pulls in httpx and the TLS stack: imported on first use, so that loading the
    # rule registry (which walks ponyguard.scan.rules) stays cheap for an audit.
    if name in ("ascan_sites", "combine", "scan_sites", "scan_url"):
        from . import runner

        return getattr(runner, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["ScanOptions", "Target", "ascan_sites", "combine", "parse_target", "scan_sites",
           "scan_url"]
