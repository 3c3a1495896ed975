"""Advisory records as stored (the bundled JSON and OSV records) turned into :class:`Advisory`.

OSV schema: https://ossf.github.io/osv-schema/ — only ``affected`` entries of the PyPI
ecosystem for the package in question, ``ECOSYSTEM`` ranges and explicit ``versions`` are
used; ``GIT`` ranges name commits, not releases. Withdrawn records are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from packaging.utils import canonicalize_name
from packaging.version import Version

from ...core.severity import Severity
from ..versions import parse_version
from .model import Advisory, AffectedRange

OSV_SEVERITY = {"low": Severity.LOW, "moderate": Severity.MEDIUM, "medium": Severity.MEDIUM,
                "high": Severity.HIGH, "critical": Severity.CRITICAL}


def from_bundled(package: str, entry: Mapping[str, Any]) -> Advisory:
    ranges = tuple(
        AffectedRange(introduced=_bound(r.get("introduced")), fixed=_bound(r.get("fixed")))
        for r in entry.get("ranges", ())
    )
    return Advisory(
        id=str(entry["id"]),
        package=canonicalize_name(package),
        aliases=tuple(entry.get("aliases", ())),
        ranges=ranges,
        severity=_severity(entry.get("severity")),
        modified=str(entry.get("modified") or ""),
        source=str(entry.get("source") or "bundled"),
    )


def from_osv(package: str, record: Mapping[str, Any]) -> Advisory | None:
    """The advisory ``record`` gives for ``package``, or None (withdrawn, other package)."""
    if record.get("withdrawn") or not record.get("id"):
        return None
    key = canonicalize_name(package)
    ranges: list[AffectedRange] = []
    versions: set[Version] = set()
    severity = _severity(_get(record, "database_specific", "severity"))
    found = False
    for affected in record.get("affected") or ():
        pkg = affected.get("package") or {}
        if pkg.get("ecosystem") != "PyPI" or canonicalize_name(str(pkg.get("name", ""))) != key:
            continue
        found = True
        for rng in affected.get("ranges") or ():
            if rng.get("type") == "ECOSYSTEM":
                ranges.extend(_ranges(rng.get("events") or ()))
        versions.update(v for v in map(parse_version, affected.get("versions") or ()) if v)
        severity = severity or _severity(_get(affected, "ecosystem_specific", "severity"))
    if not found:
        return None
    return Advisory(
        id=str(record["id"]),
        package=key,
        aliases=tuple(str(a) for a in record.get("aliases") or ()),
        ranges=tuple(ranges),
        versions=frozenset(versions),
        severity=severity,
        modified=str(record.get("modified") or record.get("published") or ""),
        summary=str(record.get("summary") or "")[:300],
        source="osv",
    )


def _ranges(events: Iterable[Mapping[str, Any]]) -> list[AffectedRange]:
    """OSV events in order: ``introduced`` opens a range; ``fixed``/``last_affected`` ends it."""
    ranges: list[AffectedRange] = []
    start = None
    open_range = False
    for event in events:
        if "introduced" in event:
            start, open_range = _bound(event["introduced"]), True
        elif "fixed" in event and open_range:
            ranges.append(AffectedRange(introduced=start, fixed=_bound(event["fixed"])))
            open_range = False
        elif "last_affected" in event and open_range:
            ranges.append(AffectedRange(introduced=start,
                                        last_affected=_bound(event["last_affected"])))
            open_range = False
    if open_range:
        ranges.append(AffectedRange(introduced=start))
    return ranges


def _bound(text: object) -> Any:
    if text in (None, "", "0"):
        return None
    return parse_version(str(text))


def _severity(value: object) -> Severity | None:
    return OSV_SEVERITY.get(str(value).lower()) if value else None


def _get(data: Mapping[str, Any], *keys: str) -> object:
    for key in keys:
        if not isinstance(data, Mapping):
            return None
        data = data.get(key)  # type: ignore[assignment]
    return data
