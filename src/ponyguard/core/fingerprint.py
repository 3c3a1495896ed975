"""Line-independent fingerprints, stable across runs and edits elsewhere in a file.

A fingerprint hashes the rule id, the path (or URL) and the finding's ``key`` (a setting name
or normalised snippet, never a secret), then appends the occurrence index among findings that
share those three, in line order. Moving code around keeps fingerprints; a second identical
finding in the same file gets a new one, so a baseline never hides it.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from .finding import Finding


def identity_hash(finding: Finding) -> str:
    where = finding.location.url or finding.location.path or ""
    material = "\x1f".join((finding.rule.id, where, " ".join(finding.key.split())))
    return hashlib.sha256(material.encode("utf-8")).hexdigest()[:20]


def with_fingerprints(findings: Iterable[Finding]) -> list[Finding]:
    """Return the findings, sorted, each with its ``fingerprint`` set."""
    seen: Counter[str] = Counter()
    result = []
    for finding in sorted(findings, key=lambda f: f.sort_key):
        base = identity_hash(finding)
        result.append(replace(finding, fingerprint=f"{base}:{seen[base]}"))
        seen[base] += 1
    return result


def base_of(fingerprint: str) -> str:
    return fingerprint.rsplit(":", 1)[0]
