"""What the PG6xx rules share: the run's context and how versions are written in messages."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from datetime import date

from packaging.version import Version

from ...core.severity import Confidence
from ..advisories.database import DJANGO, AdvisoryDatabase
from ..advisories.model import Series
from ..model import Dependency, PinKind
from ..versions import FIRST_YEAR_VERSION, series_name

TARGET = "dependency"


@dataclass
class DepsContext:
    """What every rule may consult besides the dependency itself."""

    database: AdvisoryDatabase
    today: date
    locked: set[tuple[str, str]] = field(default_factory=set)
    """(folder, package) pairs a lockfile pins: ranges declared beside them are not judged."""

    def pinned_by_lockfile(self, dependency: Dependency) -> bool:
        path = dependency.location.path
        if path is None:
            return False
        return (posixpath.dirname(path), dependency.key) in self.locked


def is_django(dependency: Dependency) -> bool:
    return dependency.key == DJANGO


def display(version: Version) -> str:
    """``4.2.0`` for the first release of an A.B series, otherwise the version as released."""
    if version.major < FIRST_YEAR_VERSION and len(version.release) == 2 and not version.pre \
            and not version.dev:
        return f"{version}.0" if not version.post else str(version)
    return str(version)


def confidence(dependency: Dependency, base: Confidence = Confidence.HIGH) -> Confidence:
    """Lower when environment markers exclude the requirement on this interpreter."""
    if not dependency.applies_here:
        return min(base, Confidence.MEDIUM)
    return base


def supported_series(database: AdvisoryDatabase, today: date) -> list[Series]:
    """Released series still receiving security fixes, newest first."""
    live = [s for s in database.series.values()
            if not s.planned and s.latest is not None and not s.is_end_of_life(today)
            and (s.released is None or s.released <= today)]
    return sorted(live, key=lambda s: s.latest or Version("0"), reverse=True)


def upgrade_advice(database: AdvisoryDatabase, today: date, leaving: str | None = None) -> str:
    """``6.1.3 (…) or 5.2.19 (LTS, security fixes until 2028-04-30)``: where to move to.

    ``leaving`` names a series to leave out (the one the user is moving away from).
    """
    options = []
    candidates = [s for s in supported_series(database, today) if s.name != leaving]
    for series in candidates[:3]:
        note = []
        if series.lts:
            note.append("LTS")
        if series.extended_end is not None:
            note.append(f"security fixes until {series.extended_end.isoformat()}")
        suffix = f" ({', '.join(note)})" if note else ""
        options.append(f"{series.latest}{suffix}")
    return " or ".join(options) if options else "a supported release"


def exact_version(dependency: Dependency) -> Version | None:
    return dependency.version if dependency.kind is PinKind.EXACT else None


def series_of(database: AdvisoryDatabase, version: Version) -> Series | None:
    return database.series.get(series_name(version))


def admitted(dependency: Dependency, database: AdvisoryDatabase) -> list[Version]:
    """The known releases a range admits, oldest first."""
    if dependency.constraint is None:
        return []
    return [v for v in database.known_releases(dependency.key)
            if dependency.constraint.admits(v)]


def spans(chosen: list[Version], among: list[Version]) -> str:
    """``4.2.0–4.2.15, 5.0.0–5.0.8``: runs of ``chosen`` that are contiguous in ``among``.

    A run never crosses a series boundary, so each series reads as its own range.
    """
    wanted = set(chosen)
    runs: list[list[Version]] = []
    previous: Version | None = None
    for version in among:
        if version not in wanted:
            previous = None
            continue
        if previous is None or series_name(previous) != series_name(version):
            runs.append([])
        runs[-1].append(version)
        previous = version
    parts = []
    for run in runs:
        first, last = display(run[0]), display(run[-1])
        parts.append(first if first == last else f"{first}\u2013{last}")
    return ", ".join(parts)
