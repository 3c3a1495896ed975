"""The marker table and the narrowing, against the Django installed in this environment."""

from __future__ import annotations

import json
from pathlib import Path

import django
import pytest

from ponyguard.scan.fingerprint import (
    MISSING,
    TABLE_PATH,
    FingerprintTable,
    VersionGuess,
    asset_digest,
    load_table,
)

ADMIN_STATIC = Path(django.__file__).parent / "contrib" / "admin" / "static"


def installed_assets() -> dict[str, bytes | None]:
    table = load_table()
    return {path: (ADMIN_STATIC / path).read_bytes() if (ADMIN_STATIC / path).exists() else None
            for path in table.marker_paths}


def test_the_table_covers_3_2_to_6_and_is_small() -> None:
    table = load_table()
    assert table.versions[0] == "3.2"
    assert any(v.startswith("6.") for v in table.versions)
    assert 1 <= len(table.marker_paths) <= 10
    assert TABLE_PATH.stat().st_size < 50_000
    data = json.loads(TABLE_PATH.read_text())
    for digests in data["assets"].values():  # each release appears once per file
        listed = [v for versions in digests.values() for v in versions]
        assert sorted(listed) == sorted(table.versions)


def test_the_installed_djangos_own_files_give_its_version() -> None:
    guess = load_table().narrow(installed_assets())
    assert guess is not None
    assert django.__version__ in guess.versions
    series = ".".join(django.__version__.split(".")[:2])
    assert all(v.startswith(series) for v in guess.versions)
    assert f"Django {series}." in guess.label


def test_unknown_content_gives_no_guess() -> None:
    assets = installed_assets()
    first = next(path for path, content in assets.items() if content is not None)
    assert load_table().narrow({**assets, first: b"/* customised */\n"}) is None
    assert load_table().narrow({first: b"body { color: red }"}) is None


def test_nothing_served_gives_no_guess() -> None:
    table = load_table()
    assert table.narrow({}) is None
    assert table.narrow(dict.fromkeys(table.marker_paths)) is None


def _synthetic() -> FingerprintTable:
    a, b = asset_digest(b"a-old"), asset_digest(b"a-new")
    return FingerprintTable({"versions": ["4.2", "5.0", "5.1", "5.2"], "assets": {
        "admin/css/base.css": {a: ["4.2", "5.0"], b: ["5.1", "5.2"]},
        "admin/js/theme.js": {asset_digest(b"theme"): ["5.0", "5.1", "5.2"], MISSING: ["4.2"]},
        "admin/js/core.js": {asset_digest(b"core"): ["4.2", "5.0", "5.1", "5.2"]},
    }})


def test_a_404_narrows_only_among_releases_without_the_file() -> None:
    table = _synthetic()
    old = {"admin/css/base.css": b"a-old"}
    assert table.narrow(old).versions == ("4.2", "5.0")
    assert table.narrow({**old, "admin/js/theme.js": None}).versions == ("4.2",)
    # core.js is in every release: its 404 says the server does not serve it, nothing more
    assert table.narrow({**old, "admin/js/core.js": None}).versions == ("4.2", "5.0")
    # contradictory evidence gives no guess
    assert table.narrow({"admin/css/base.css": b"a-new", "admin/js/theme.js": None}) is None


def test_the_newest_known_release_is_open_ended() -> None:
    guess = _synthetic().narrow({"admin/css/base.css": b"a-new"})
    assert guess.newest_known and guess.label.endswith("or later)")


@pytest.mark.parametrize(("versions", "newest", "label"), [
    (("5.2.4",), False, "Django 5.2.4"),
    (("5.2.3", "5.2.4"), False, "Django 5.2.x (one of 5.2.3, 5.2.4)"),
    (("4.2.9", "5.0"), False, "Django 4.2.x–5.0.x (one of 4.2.9, 5.0)"),
    (("6.1", "6.1.1"), True, "Django 6.1.x (one of 6.1, 6.1.1 or later)"),
    (tuple(f"4.2.{n}" for n in range(9, 20)), False,
     "Django 4.2.x (one of 4.2.9, 4.2.10, 4.2.11, 4.2.12, 4.2.13, 4.2.14, … 4.2.19)"),
])
def test_labels(versions, newest, label) -> None:
    assert VersionGuess(versions, ("admin/css/base.css",), newest).label == label
