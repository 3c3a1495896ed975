"""Advisories (what is vulnerable, what fixes it) and Django's release series."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date

from packaging.version import Version

from ...core.severity import Severity
from ..versions import parse_version, series_name

_CVE = re.compile(r"^CVE-\d{4}-\d+$")


@dataclass(frozen=True, slots=True)
class AffectedRange:
    """``introduced <= v < fixed`` (or ``<= last_affected``); None bounds are open."""

    introduced: Version | None = None
    fixed: Version | None = None
    last_affected: Version | None = None

    def contains(self, version: Version) -> bool:
        if self.introduced is not None and version < self.introduced:
            return False
        if self.fixed is not None:
            return version < self.fixed
        if self.last_affected is not None:
            return version <= self.last_affected
        return True


@dataclass(frozen=True, slots=True)
class Advisory:
    """One vulnerability of one package, with the ids it is known by."""

    id: str
    package: str
    """Canonical package name (``django``)."""
    aliases: tuple[str, ...] = ()
    ranges: tuple[AffectedRange, ...] = ()
    versions: frozenset[Version] = frozenset()
    """Explicitly listed affected versions (OSV ``versions``), besides the ranges."""
    severity: Severity | None = None
    modified: str = ""
    """ISO date or timestamp of the record's last change: newer data wins, older never."""
    summary: str = ""
    source: str = ""

    def affects(self, version: Version) -> bool:
        return version in self.versions or any(r.contains(version) for r in self.ranges)

    @property
    def ids(self) -> tuple[str, ...]:
        return (self.id, *self.aliases)

    @property
    def cve_ids(self) -> tuple[str, ...]:
        return tuple(sorted({i for i in self.ids if _CVE.match(i)}))

    @property
    def fixed_versions(self) -> tuple[Version, ...]:
        return tuple(sorted({r.fixed for r in self.ranges if r.fixed is not None}))

    @property
    def key(self) -> str:
        """A stable identity for fingerprints: the first CVE id, else the id."""
        cves = self.cve_ids
        return cves[0] if cves else self.id

    def nearest_fix(self, version: Version) -> Version | None:
        """The smallest fixed version above ``version``, preferring its own series."""
        later = [v for v in self.fixed_versions if v > version]
        same = [v for v in later if series_name(v) == series_name(version)]
        return min(same or later, default=None)


def parse_date(text: str | None, *, end_of_month: bool = True) -> date | None:
    """``YYYY-MM-DD``, or ``YYYY-MM`` (a planned date: the month's last day by default)."""
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        year, month = int(parts[0]), int(parts[1])
        if len(parts) >= 3:
            return date(year, month, int(parts[2]))
    except (ValueError, IndexError):
        return None
    day = calendar.monthrange(year, month)[1] if end_of_month else 1
    return date(year, month, day)


@dataclass(frozen=True, slots=True)
class Series:
    """A Django feature release and its support window."""

    name: str
    lts: bool
    planned: bool
    released: date | None
    mainstream_end: date | None
    extended_end: date | None
    """End of life: after this date there are no more security releases."""
    latest: Version | None
    releases: tuple[Version, ...]

    def is_end_of_life(self, today: date) -> bool:
        return self.extended_end is not None and today > self.extended_end

    def is_extended_only(self, today: date) -> bool:
        """Past mainstream support: security and data-loss fixes only."""
        return (self.mainstream_end is not None and today > self.mainstream_end
                and not self.is_end_of_life(today))

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Series:
        releases = tuple(sorted(
            v for v in (parse_version(str(t)) for t in data.get("releases") or ())  # type: ignore[attr-defined]
            if v is not None))
        return cls(
            name=str(data["series"]),
            lts=bool(data.get("lts")),
            planned=bool(data.get("planned")),
            released=parse_date(_str(data.get("released")), end_of_month=False),
            mainstream_end=parse_date(_str(data.get("mainstream_end"))),
            extended_end=parse_date(_str(data.get("extended_end"))),
            latest=parse_version(_str(data.get("latest"))),
            releases=releases,
        )


def _str(value: object) -> str | None:
    return str(value) if value else None
