"""Which Django release serves these admin static files: the narrowest range the files allow.

The marker table (``data/django_static_fingerprints.json``, built from the releases on PyPI by
``scripts/build_static_fingerprints.py``) maps, for a few admin CSS/JS files, each content
digest to the releases that ship exactly that content. The releases compatible with every
fetched file are the answer. A file whose content no release has (customised, or a release newer
than the table) means no guess at all: a wrong version is worse than none.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from packaging.version import InvalidVersion, Version

TABLE_PATH = Path(__file__).parent / "data" / "django_static_fingerprints.json"
MISSING = "-"
"""The table's key for releases that do not ship the file."""
LISTED = 6


def asset_digest(content: bytes) -> str:
    """The table's digest of a file's bytes (SHA-256, 16 hex digits)."""
    return hashlib.sha256(content).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class VersionGuess:
    versions: tuple[str, ...]
    """Every release consistent with the files, oldest first."""
    evidence: tuple[str, ...]
    """The files whose content decided it."""
    newest_known: bool
    """The newest release in the table is among them: a later release may look the same."""

    @property
    def label(self) -> str:
        """``Django 5.2.4``, ``Django 5.2.x (one of 5.2.3, 5.2.4)``, ``Django 4.2.x–5.0.x (…)``."""
        later = " or later" if self.newest_known else ""
        if len(self.versions) == 1:
            return f"Django {self.versions[0]}{later}"
        series = sorted({_series(v) for v in self.versions}, key=_sort_key)
        head = f"{series[0]}.x" if len(series) == 1 else f"{series[0]}.x–{series[-1]}.x"
        shown = list(self.versions[:LISTED])
        if len(self.versions) > LISTED:
            shown.append(f"… {self.versions[-1]}")
        return f"Django {head} (one of {', '.join(shown)}{later})"


class FingerprintTable:
    def __init__(self, data: Mapping[str, object]) -> None:
        versions = data.get("versions")
        assets = data.get("assets")
        if not isinstance(versions, list) or not isinstance(assets, dict):
            raise ValueError("not a Django static fingerprint table")
        self.versions: tuple[str, ...] = tuple(str(v) for v in versions)
        self.assets: dict[str, dict[str, frozenset[str]]] = {
            str(path): {str(d): frozenset(map(str, vs)) for d, vs in digests.items()}
            for path, digests in assets.items()
        }

    @property
    def marker_paths(self) -> tuple[str, ...]:
        """The files to fetch, relative to ``STATIC_URL`` (``admin/css/base.css``)."""
        return tuple(self.assets)

    def narrow(self, fetched: Mapping[str, bytes | None]) -> VersionGuess | None:
        """The releases consistent with ``fetched`` (path -> content, None for a clean 404).

        None when no file was served, or one was served with content no release has.
        """
        candidates = set(self.versions)
        evidence = []
        for path, content in fetched.items():
            digests = self.assets.get(path)
            if digests is None or content is None:
                continue
            releases = digests.get(asset_digest(content))
            if releases is None:
                return None
            candidates &= releases
            evidence.append(path)
        if not evidence:
            return None
        for path, content in fetched.items():
            # a 404 narrows only among releases that lack the file; a file every release has
            # being absent says the server does not serve it, not which release this is
            missing = self.assets.get(path, {}).get(MISSING)
            if content is None and missing:
                candidates &= missing
        if not candidates:
            return None
        ordered = tuple(sorted(candidates, key=_sort_key))
        return VersionGuess(ordered, tuple(evidence), self.versions[-1] in candidates)


@functools.cache
def load_table(path: Path = TABLE_PATH) -> FingerprintTable:
    return FingerprintTable(json.loads(path.read_text(encoding="utf-8")))


def _series(version: str) -> str:
    return ".".join(version.split(".")[:2])


def _sort_key(version: str) -> tuple[int, Version | str]:
    try:
        return (0, Version(version))
    except InvalidVersion:
        return (1, version)
