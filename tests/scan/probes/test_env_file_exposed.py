from __future__ import annotations

from ponyguard.scan.probes.http.exposed_files import exposed_files_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.file_sites import catch_all_site, serving

ENV = "# prod\nDJANGO_SECRET_KEY=s3cr3t-v4lue-123\nDATABASE_URL=postgres://u:pw1234@db/x\n" \
      "export DEBUG=False\n"


def test_fires_on_key_value_lines_and_never_shows_values() -> None:
    [finding] = assert_finds(run_probe(exposed_files_probe, serving("/.env", ENV, "text/plain")),
                             "PG771", severity="critical", url="https://example.test/.env")
    shown = finding.message + (finding.evidence or "")
    assert "DJANGO_SECRET_KEY" in shown and "DATABASE_URL" in shown and "DEBUG" in shown
    assert "s3cr3t" not in shown and "pw1234" not in shown


def test_fires_whatever_the_content_type() -> None:
    for content_type in ("text/html", "application/octet-stream", ""):
        assert_finds(run_probe(exposed_files_probe, serving("/.env", ENV, content_type)), "PG771")


def test_silent_on_a_catch_all_site_html_and_a_single_line() -> None:
    assert_silent(run_probe(exposed_files_probe, catch_all_site()), "PG771")
    assert_silent(run_probe(exposed_files_probe, serving(
        "/.env", "<html><body>A=1\nB=2</body></html>", "text/html")), "PG771")
    assert_silent(run_probe(exposed_files_probe, serving("/.env", "hello world\n")), "PG771")
