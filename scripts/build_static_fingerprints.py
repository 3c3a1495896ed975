"""Build src/ponyguard/scan/data/django_static_fingerprints.json from Django's releases on PyPI.

Usage: python scripts/build_static_fingerprints.py [--since 3.2] [--markers 8] [--cache DIR]

For every final Django release since ``--since`` the script reads the admin's own CSS and
JavaScript files (``django/contrib/admin/static/admin/{css,js}/*``, vendored libraries left
out) straight out of the release's wheel on PyPI with HTTP range requests (a few hundred KB per
release instead of the whole 8 MB wheel), hashes each one, then chooses the ``--markers`` files
that together tell the most releases apart (greedily), and writes, for each chosen file, its
content digest -> the releases that ship exactly that content (``"-"``: releases without it).

The digests per release are cached in ``--cache`` (default ``~/.cache/ponyguard/django-static``),
so a re-run after a new Django release downloads only that release. Needs network access to
PyPI; the scan itself never does.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
import zipfile
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import httpx
from packaging.version import Version

from ponyguard.scan.fingerprint import MISSING, TABLE_PATH, asset_digest

PYPI_JSON = "https://pypi.org/pypi/Django/json"
STATIC_PREFIX = "django/contrib/admin/static/"
CANDIDATE_DIRS = ("admin/css/", "admin/js/")
BLOCK = 256 * 1024


class RangeFile(io.RawIOBase):
    """A read-only, seekable view of a remote file, fetched in cached blocks by Range requests."""

    def __init__(self, client: httpx.Client, url: str) -> None:
        self.client, self.url, self.position = client, url, 0
        self.blocks: dict[int, bytes] = {}
        head = client.get(url, headers={"Range": "bytes=0-0"})
        head.raise_for_status()
        content_range = head.headers.get("content-range", "")
        if head.status_code != 206 or "/" not in content_range:
            raise RuntimeError(f"{url}: the server does not support range requests")
        self.size = int(content_range.rsplit("/", 1)[1])

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self.position, io.SEEK_END: self.size}[whence]
        self.position = max(0, base + offset)
        return self.position

    def read(self, size: int = -1) -> bytes:
        end = self.size if size is None or size < 0 else min(self.size, self.position + size)
        chunks = []
        while self.position < end:
            index, offset = divmod(self.position, BLOCK)
            block = self._block(index)
            piece = block[offset:offset + end - self.position]
            if not piece:
                break
            chunks.append(piece)
            self.position += len(piece)
        return b"".join(chunks)

    def _block(self, index: int) -> bytes:
        if index not in self.blocks:
            start = index * BLOCK
            stop = min(self.size, start + BLOCK) - 1
            response = self.client.get(self.url, headers={"Range": f"bytes={start}-{stop}"})
            response.raise_for_status()
            self.blocks[index] = response.content
        return self.blocks[index]


def releases(client: httpx.Client, since: Version) -> dict[str, str]:
    """Final releases since ``since`` -> the URL of their universal wheel."""
    response = client.get(PYPI_JSON)
    response.raise_for_status()
    found = {}
    for text, files in response.json()["releases"].items():
        version = Version(text)
        if version.is_prerelease or version.is_devrelease or version < since:
            continue
        wheels = [f for f in files if f["filename"].endswith("-py3-none-any.whl")
                  and not f.get("yanked")]
        if wheels:
            found[text] = urljoin(str(response.url), wheels[0]["url"])
    return dict(sorted(found.items(), key=lambda item: Version(item[0])))


def digests_of(client: httpx.Client, url: str) -> dict[str, str]:
    """``admin/css/base.css`` -> digest, for every candidate file of one wheel."""
    with zipfile.ZipFile(RangeFile(client, url)) as wheel:
        names = [name for name in wheel.namelist() if name.startswith(STATIC_PREFIX)]
        candidates = [name for name in names
                      if name[len(STATIC_PREFIX):].startswith(CANDIDATE_DIRS)
                      and name.endswith((".css", ".js")) and "/vendor/" not in name]
        return {name[len(STATIC_PREFIX):]: asset_digest(wheel.read(name))
                for name in sorted(candidates)}


def cached_digests(client: httpx.Client, version: str, url: str, cache: Path) -> dict[str, str]:
    path = cache / f"{version}.json"
    if path.exists():
        return dict(json.loads(path.read_text()))
    digests = digests_of(client, url)
    path.write_text(json.dumps(digests, indent=0, sort_keys=True))
    print(f"  {version}: {len(digests)} files", file=sys.stderr)
    return digests


def choose_markers(per_version: dict[str, dict[str, str]], count: int) -> list[str]:
    """Greedily pick files whose combined contents split the releases into the most classes."""
    assets = sorted({asset for digests in per_version.values() for asset in digests})
    chosen: list[str] = []

    def classes(selection: list[str]) -> int:
        return len({tuple(digests.get(a, MISSING) for a in selection)
                    for digests in per_version.values()})

    while len(chosen) < count:
        best = max((a for a in assets if a not in chosen),
                   key=lambda a: (classes([*chosen, a]), a in per_version[max(
                       per_version, key=Version)]), default=None)
        if best is None or (chosen and classes([*chosen, best]) == classes(chosen)):
            break
        chosen.append(best)
    return chosen


def build_table(per_version: dict[str, dict[str, str]], markers: list[str]) -> dict[str, object]:
    assets: dict[str, dict[str, list[str]]] = {}
    for asset in markers:
        by_digest: dict[str, list[str]] = defaultdict(list)
        for version, digests in per_version.items():
            by_digest[digests.get(asset, MISSING)].append(version)
        assets[asset] = dict(sorted(by_digest.items()))
    return {
        "schema_version": 1,
        "source": "the admin static files of every final Django release's wheel on PyPI",
        "generated": date.today().isoformat(),
        "versions": list(per_version),
        "assets": assets,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--since", default="3.2", type=Version)
    parser.add_argument("--markers", default=8, type=int)
    parser.add_argument("--cache", default=Path.home() / ".cache/ponyguard/django-static",
                        type=Path)
    parser.add_argument("--output", default=TABLE_PATH, type=Path)
    args = parser.parse_args(argv)
    args.cache.mkdir(parents=True, exist_ok=True)
    with httpx.Client(timeout=60, follow_redirects=True) as client:
        wheels = releases(client, args.since)
        print(f"{len(wheels)} releases since {args.since}", file=sys.stderr)
        with ThreadPoolExecutor(max_workers=8) as pool:
            results = pool.map(lambda item: cached_digests(client, *item, args.cache),
                               wheels.items())
            per_version = dict(zip(wheels, results, strict=True))
    markers = choose_markers(per_version, args.markers)
    table = build_table(per_version, markers)
    args.output.write_text(json.dumps(table, indent=1) + "\n")
    classes = len({tuple(d.get(a, MISSING) for a in markers) for d in per_version.values()})
    print(f"wrote {args.output}: {len(markers)} marker files split {len(per_version)} releases "
          f"into {classes} groups", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
