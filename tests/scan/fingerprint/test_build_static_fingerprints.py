"""The table builder, offline: range reads from a wheel served by a mock transport."""

from __future__ import annotations

import io
import zipfile

import httpx

from ponyguard.scan.fingerprint import MISSING, FingerprintTable, asset_digest
from scripts.build_static_fingerprints import build_table, choose_markers, digests_of

PREFIX = "django/contrib/admin/static/"


def _wheel(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("django/__init__.py", b"# big" * 100_000)
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def _ranged(data: bytes) -> httpx.MockTransport:
    def handler(request: httpx.Request) -> httpx.Response:
        first, last = request.headers["range"].removeprefix("bytes=").split("-")
        start, stop = int(first), min(int(last), len(data) - 1)
        return httpx.Response(206, content=data[start:stop + 1],
                              headers={"Content-Range": f"bytes {start}-{stop}/{len(data)}"})

    return httpx.MockTransport(handler)


def test_digests_of_reads_admin_css_and_js_but_not_vendor_files() -> None:
    wheel = _wheel({PREFIX + "admin/css/base.css": b"body{}",
                    PREFIX + "admin/js/core.js": b"var x;",
                    PREFIX + "admin/js/vendor/jquery/jquery.js": b"jq",
                    PREFIX + "admin/img/icon.svg": b"<svg/>"})
    with httpx.Client(transport=_ranged(wheel)) as client:
        digests = digests_of(client, "https://files.example.test/Django.whl")
    assert digests == {"admin/css/base.css": asset_digest(b"body{}"),
                       "admin/js/core.js": asset_digest(b"var x;")}


def test_markers_and_table_tell_releases_apart() -> None:
    per_version = {
        "4.2": {"admin/css/base.css": "a1", "admin/js/core.js": "c1"},
        "5.0": {"admin/css/base.css": "a1", "admin/js/core.js": "c2", "admin/js/theme.js": "t"},
        "5.1": {"admin/css/base.css": "a2", "admin/js/core.js": "c2", "admin/js/theme.js": "t"},
    }
    markers = choose_markers(per_version, 5)
    assert set(markers) == {"admin/css/base.css", "admin/js/core.js"}  # theme.js adds nothing
    table = build_table(per_version, markers)
    assert table["assets"]["admin/js/core.js"] == {"c1": ["4.2"], "c2": ["5.0", "5.1"]}
    FingerprintTable(table)  # loads
    with_theme = build_table(per_version, ["admin/js/theme.js"])
    assert with_theme["assets"]["admin/js/theme.js"][MISSING] == ["4.2"]
