"""All the data the rules consult: Django's series and every known advisory per package.

The bundled data (shipped in ``ponyguard/deps/data/``, built by ``scripts/build_deps_data.py``)
is always there; OSV records from the user's cache (``ponyguard deps --update``) are added on
top. The same vulnerability often has several records (a PYSEC id, a GHSA id, Django's CVE):
records sharing any id or alias are one vulnerability, described by its most recently
modified record, so newer data always wins and older data never replaces newer.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import lru_cache
from importlib import resources
from typing import Any

from packaging.utils import canonicalize_name
from packaging.version import Version

from ..versions import series_name
from .cache import OsvCache, timestamp
from .model import Advisory, Series
from .records import from_bundled, from_osv

DJANGO = "django"


@dataclass(frozen=True)
class DataDate:
    """How fresh the data is: the bundled data's date and, if any, the last OSV update."""

    bundled: str
    osv_fetched: str | None = None
    osv_packages: int = 0

    def describe(self) -> str:
        text = f"bundled Django release and advisory data of {self.bundled}"
        if self.osv_fetched:
            text += (f"; OSV records for {self.osv_packages} package(s) updated "
                     f"{self.osv_fetched}")
        return text


@dataclass
class AdvisoryDatabase:
    """Series and advisories, looked up by canonical package name."""

    series: dict[str, Series]
    advisories: dict[str, list[Advisory]]
    date: DataDate
    unavailable: frozenset[Version] = field(default_factory=frozenset)
    """Django versions with release notes but no files on PyPI: never installable."""

    def advisories_for(self, package: str) -> list[Advisory]:
        return self.advisories.get(canonicalize_name(package), [])

    _affecting: dict[tuple[str, Version], list[Advisory]] = field(
        default_factory=dict, repr=False, compare=False)

    def affecting(self, package: str, version: Version) -> list[Advisory]:
        """The advisories affecting ``version`` (remembered: ranges ask about every release
        they admit, and several ranges admit the same releases)."""
        key = (canonicalize_name(package), version)
        found = self._affecting.get(key)
        if found is None:
            found = self._affecting[key] = [
                a for a in self.advisories_for(package) if a.affects(version)]
        return list(found)

    def series_of(self, version: Version) -> Series | None:
        return self.series.get(series_name(version))

    def known_releases(self, package: str) -> list[Version]:
        """Every installable release the data knows, oldest first (Django only)."""
        if canonicalize_name(package) != DJANGO:
            return []
        return sorted(v for s in self.series.values() for v in s.releases
                      if v not in self.unavailable)

    def has_data(self, package: str) -> bool:
        return canonicalize_name(package) == DJANGO or bool(self.advisories_for(package))


def load_database(cache: OsvCache | None = None) -> AdvisoryDatabase:
    """The bundled data plus, when ``cache`` is given, the OSV records stored in it."""
    releases, advisories = _bundled()
    series = {s["series"]: Series.from_json(s) for s in releases["series"]}
    unavailable = frozenset(
        v for s in releases["series"] for v in map(Version, s.get("not_on_pypi", ())))
    by_package: dict[str, list[Advisory]] = {
        canonicalize_name(pkg): [from_bundled(pkg, e) for e in entries]
        for pkg, entries in advisories["packages"].items()
    }
    date = DataDate(bundled=str(advisories["generated"]))
    if cache is not None:
        fetched: list[str] = []
        for cached in cache.packages():
            found = [a for a in (from_osv(cached.package, r) for r in cached.records) if a]
            by_package.setdefault(cached.package, []).extend(found)
            fetched.append(cached.fetched)
        if fetched:
            date = DataDate(date.bundled, max(fetched, key=timestamp), len(fetched))
    merged = {pkg: merge_aliases(items) for pkg, items in by_package.items()}
    return AdvisoryDatabase(series=series, advisories=merged, date=date,
                            unavailable=unavailable)


def merge_aliases(advisories: Iterable[Advisory]) -> list[Advisory]:
    """One advisory per vulnerability: records sharing an id or alias are merged.

    The most recently modified record supplies the affected ranges; the ids, aliases and
    the first known severity of all of them are kept.
    """
    groups = _groups(list(advisories))
    merged = []
    for group in groups:
        best = max(group, key=lambda a: (timestamp(a.modified), a.source != "osv"))
        ids = {i for a in group for i in a.ids}
        severity = next((a.severity for a in group if a.severity), None)
        aliases = tuple(sorted(ids - {best.id}))
        summary = best.summary or next((a.summary for a in group if a.summary), "")
        merged.append(replace(best, aliases=aliases, severity=severity, summary=summary))
    return sorted(merged, key=lambda a: a.key)


def _groups(advisories: list[Advisory]) -> list[list[Advisory]]:
    parent = list(range(len(advisories)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for index, advisory in enumerate(advisories):
        for ident in advisory.ids:
            if ident in owner:
                parent[find(index)] = find(owner[ident])
            else:
                owner[ident] = index
    groups: dict[int, list[Advisory]] = {}
    for index, advisory in enumerate(advisories):
        groups.setdefault(find(index), []).append(advisory)
    return list(groups.values())


@lru_cache(maxsize=1)
def _bundled() -> tuple[Mapping[str, Any], Mapping[str, Any]]:
    folder = resources.files("ponyguard.deps").joinpath("data")
    releases = json.loads(folder.joinpath("django-releases.json").read_text(encoding="utf-8"))
    advisories = json.loads(folder.joinpath("advisories.json").read_text(encoding="utf-8"))
    return releases, advisories
