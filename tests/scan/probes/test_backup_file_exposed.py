from __future__ import annotations

import pytest

from ponyguard.scan.probes.http.exposed_files import exposed_files_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.file_sites import catch_all_site, serving


@pytest.mark.parametrize(("path", "body"), [
    ("/backup.zip", b"PK\x03\x04\x14\x00\x00\x00"),
    ("/backup.tar.gz", b"\x1f\x8b\x08\x00\x00\x00\x00\x00"),
    ("/db.sqlite3.bak", b"SQLite format 3\x00\x10\x00"),
    ("/settings.py.bak", b"SECRET_KEY = 'x'\nDEBUG = False\n"),
])
def test_fires_on_backups_confirmed_by_content(path: str, body: bytes) -> None:
    assert_finds(run_probe(exposed_files_probe, serving(path, body)), "PG774", severity="high",
                 url=f"https://example.test{path}")


def test_silent_when_the_bytes_are_not_an_archive() -> None:
    assert_silent(run_probe(exposed_files_probe, catch_all_site()), "PG774")
    assert_silent(run_probe(exposed_files_probe, serving("/backup.zip", b"<html>no</html>",
                                                         "text/html")), "PG774")
