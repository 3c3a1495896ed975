"""Build ponyguard's bundled dependency data from the curated facts in ``../shared/data``.

Usage: python scripts/build_deps_data.py [--source DIR] [--check]

Reads ``django-releases.json`` and ``django-advisories.json`` (their sources and licences are
described in ``SOURCES.md`` beside them) and writes ``src/ponyguard/deps/data/django-releases.json``
and ``src/ponyguard/deps/data/advisories.json``, the offline data the package ships. The output
carries the input's ``generated`` date, which the reports show as the data's date.

Only what the rules need is kept: series dates, LTS flags and every patch release that can be
installed from PyPI; per advisory its ids, ECOSYSTEM ranges, fixed versions, dates and
severity (Django's own rating, normalised to ponyguard's scale). Advisories without any
affected range (pre-1.0 releases Django never put on PyPI) are left out and counted.

With ``--check``, exit 1 when the committed files differ from what would be written.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data"
OUTPUT = REPO / "src" / "ponyguard" / "deps" / "data"
SEVERITY = {"low": "low", "moderate": "medium", "medium": "medium", "high": "high",
            "critical": "critical"}


def build_releases(raw: dict[str, Any]) -> dict[str, Any]:
    series = []
    for entry in raw["series"]:
        releases = entry.get("releases", {})
        series.append({
            "series": entry["series"],
            "lts": bool(entry.get("lts")),
            "planned": bool(entry.get("planned")),
            "released": entry.get("released"),
            "mainstream_end": entry.get("mainstream_end"),
            "extended_end": entry.get("extended_end"),
            "latest": entry.get("latest"),
            "releases": [v for v, d in releases.items() if not isinstance(d, dict)],
            "not_on_pypi": [v for v, d in releases.items() if isinstance(d, dict)],
        })
    return {
        "schema": "ponyguard.deps.django-releases/1",
        "generated": raw["generated"],
        "sources": raw["sources"],
        "policy": raw.get("policy", {}),
        "series": series,
    }


def build_advisory(entry: dict[str, Any], generated: str) -> dict[str, Any]:
    severity = SEVERITY.get(str(entry.get("django_severity", "")).lower())
    return {
        "id": entry["id"],
        "aliases": sorted(entry.get("aliases", [])),
        "published": entry.get("published"),
        # Entries rebuilt from Django's docs have no OSV "modified": they are as new as the data.
        "modified": entry.get("modified") or generated,
        "ranges": [{"introduced": r["introduced"], "fixed": r["fixed"]}
                   for r in entry.get("ranges", [])],
        "severity": severity,
        "source": entry["source"],
    }


def build_advisories(raw: dict[str, Any]) -> dict[str, Any]:
    generated = raw["generated"]
    kept = [build_advisory(e, generated) for e in raw["advisories"] if e.get("ranges")]
    dropped = sorted(e["id"] for e in raw["advisories"] if not e.get("ranges"))
    return {
        "schema": "ponyguard.deps.advisories/1",
        "generated": generated,
        "sources": raw["sources"],
        "dropped_without_ranges": dropped,
        "packages": {raw["package"]["name"]: kept},
    }


def outputs(source: Path) -> dict[str, str]:
    releases = json.loads((source / "django-releases.json").read_text(encoding="utf-8"))
    advisories = json.loads((source / "django-advisories.json").read_text(encoding="utf-8"))
    return {
        "django-releases.json": _dump(build_releases(releases)),
        "advisories.json": _dump(build_advisories(advisories)),
    }


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, indent=1, ensure_ascii=True, sort_keys=False) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for name, text in outputs(args.source).items():
        target = OUTPUT / name
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != text:
                stale.append(name)
            continue
        target.write_text(text, encoding="utf-8")
        print(f"wrote {target.relative_to(REPO)}")
    if stale:
        print(f"out of date: {', '.join(stale)} (run scripts/build_deps_data.py)")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
