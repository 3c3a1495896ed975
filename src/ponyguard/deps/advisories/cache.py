"""The user's cache of OSV records, filled by ``ponyguard deps --update``.

One JSON file per package under ``<cache dir>/osv/``: the OSV records last fetched for it and
when. Writing merges record by record and keeps whichever copy has the newer ``modified``
timestamp, so an update from a stale mirror never replaces newer data with older.

The cache directory is ``$PONYGUARD_DEPS_CACHE`` when set, else ``ponyguard`` under the
platform's user cache folder (``$XDG_CACHE_HOME`` or ``~/.cache`` on Linux,
``~/Library/Caches`` on macOS, ``%LOCALAPPDATA%`` on Windows).
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from packaging.utils import canonicalize_name

CACHE_ENV = "PONYGUARD_DEPS_CACHE"
SCHEMA = "ponyguard.deps.osv-cache/1"
_FRACTION = re.compile(r"(\.\d{1,6})\d*")


def default_cache_dir() -> Path:
    """Where the OSV cache lives (see the module docstring)."""
    override = os.environ.get(CACHE_ENV)
    if override:
        return Path(override)
    if sys.platform == "win32":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "ponyguard" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "ponyguard"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "ponyguard"


def timestamp(text: str | None) -> datetime:
    """An OSV/ISO date or timestamp as an aware datetime; the epoch when unreadable."""
    if text:
        cleaned = _FRACTION.sub(r"\1", text.strip().replace("Z", "+00:00"))
        try:
            parsed = datetime.fromisoformat(cleaned)
        except ValueError:
            pass
        else:
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    return datetime.fromtimestamp(0, timezone.utc)


def newer(candidate: Mapping[str, Any], current: Mapping[str, Any] | None) -> bool:
    """Whether ``candidate`` is a strictly newer version of the record ``current``."""
    if current is None:
        return True
    return timestamp(candidate.get("modified")) > timestamp(current.get("modified"))


@dataclass(frozen=True, slots=True)
class CachedPackage:
    package: str
    fetched: str
    records: tuple[Mapping[str, Any], ...]


class OsvCache:
    """Read and merge-write the per-package OSV record files."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root if root is not None else default_cache_dir()

    def _path(self, package: str) -> Path:
        return self.root / "osv" / f"{canonicalize_name(package)}.json"

    def load(self, package: str) -> CachedPackage | None:
        """The cached records of ``package``; None when absent or unreadable."""
        try:
            data = json.loads(self._path(package).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or data.get("schema") != SCHEMA:
            return None
        records = tuple(r for r in data.get("records", ()) if isinstance(r, dict))
        return CachedPackage(canonicalize_name(package), str(data.get("fetched", "")), records)

    def packages(self) -> Iterator[CachedPackage]:
        folder = self.root / "osv"
        if not folder.is_dir():
            return
        for path in sorted(folder.glob("*.json")):
            cached = self.load(path.stem)
            if cached is not None:
                yield cached

    def record(self, package: str, vuln_id: str) -> Mapping[str, Any] | None:
        cached = self.load(package)
        if cached is None:
            return None
        return next((r for r in cached.records if r.get("id") == vuln_id), None)

    def store(self, package: str, records: Iterable[Mapping[str, Any]], fetched: str) -> int:
        """Merge ``records`` into the package's file; return how many records changed."""
        cached = self.load(package)
        by_id: dict[str, Mapping[str, Any]] = {
            str(r["id"]): r for r in (cached.records if cached else ()) if r.get("id")}
        changed = 0
        for record in records:
            vuln_id = str(record.get("id") or "")
            if vuln_id and newer(record, by_id.get(vuln_id)):
                by_id[vuln_id] = record
                changed += 1
        latest = max(filter(None, [fetched, cached.fetched if cached else ""]), key=timestamp)
        self._write(package, {"schema": SCHEMA, "package": canonicalize_name(package),
                              "fetched": latest, "records": sorted(by_id.values(),
                                                                   key=lambda r: r["id"])})
        return changed

    def _write(self, package: str, data: dict[str, Any]) -> None:
        path = self._path(package)
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write then rename, so a reader (or a crash) never sees half a file.
        handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(data, out, indent=1, sort_keys=True)
        os.replace(temp, path)
