"""Baseline files: accept today's findings, report only new ones.

Format (JSON)::

    {"schema_version": 1, "tool_version": "0.1.0", "generated_at": "…",
     "entries": [{"rule": "PG101", "path": "mysite/settings.py", "fingerprint": "…:0"}]}

Only rule ids, paths and hashes are stored, never evidence or secrets. Matching is by count
of the fingerprint's line-independent part, so a *new* finding identical in text to a
baselined one elsewhere in the same file is still reported.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .finding import Finding
from .fingerprint import base_of

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class BaselineOutcome:
    new: list[Finding]
    baselined: int
    unmatched: int


def write_baseline(path: Path, findings: Iterable[Finding], tool_version: str) -> int:
    entries = [
        {"rule": f.rule.id, "path": f.location.path or f.location.url or "",
         "fingerprint": f.fingerprint}
        for f in findings
    ]
    document = {
        "schema_version": SCHEMA_VERSION,
        "tool_version": tool_version,
        "generated_at": dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat(),
        "entries": entries,
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")
    return len(entries)


def read_baseline(path: Path) -> Counter[str]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
        entries = document["entries"]
        return Counter(base_of(str(entry["fingerprint"])) for entry in entries)
    except FileNotFoundError:
        raise InputError(f"baseline file {path} does not exist "
                         "(create it with --write-baseline)") from None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"baseline file {path} is not a ponyguard baseline: {exc}") from None


def apply_baseline(findings: Iterable[Finding], accepted: Counter[str]) -> BaselineOutcome:
    remaining = Counter(accepted)
    new = []
    baselined = 0
    for finding in findings:
        base = base_of(finding.fingerprint)
        if remaining[base] > 0:
            remaining[base] -= 1
            baselined += 1
        else:
            new.append(finding)
    return BaselineOutcome(new, baselined, sum(remaining.values()))
