"""``--update`` against an OSV-shaped server on loopback: ecosystem packages, new Django
advisories, and never downgrading to older records."""

from __future__ import annotations

import socket

import pytest
from click.testing import CliRunner

from ponyguard.cli import cli
from ponyguard.core.config import Config
from ponyguard.core.severity import Severity
from ponyguard.deps import audit_deps, update
from ponyguard.deps.advisories.cache import OsvCache
from tests.deps.helpers import TODAY
from tests.deps.osv_server import OsvState, osv_server, record

pytestmark = pytest.mark.network

DRF = record("GHSA-drf1-test-0001", "djangorestframework", "0", "3.15.2",
             "2026-10-01T00:00:00Z", aliases=("CVE-2024-21520",), severity="MODERATE")
NEW_DJANGO = record("GHSA-dj61-test-0002", "django", "6.1", "6.1.4", "2026-11-23T10:00:00Z",
                    aliases=("CVE-2026-999999",), severity="CRITICAL")


def write(tmp_path, text):
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "requirements.txt").write_text(text)
    return tmp_path


def run(tmp_path, cache):
    return audit_deps(tmp_path, Config(), today=TODAY, cache_dir=cache)


def test_update_brings_ecosystem_and_new_django_advisories(tmp_path) -> None:
    project = write(tmp_path / "p", "Django==6.1.3\ndjangorestframework==3.14.0\n")
    cache = tmp_path / "cache"
    assert not [f for f in run(project, cache).findings if f.rule.id == "PG601"]
    state = OsvState([DRF, NEW_DJANGO])
    with osv_server(state) as url:
        outcome = update(["djangorestframework"], cache_dir=cache, osv_url=url)
    assert outcome.errors == [] and outcome.records_changed == 2
    result = run(project, cache)
    found = {f.message.split(" is affected")[0]: f for f in result.findings
             if f.rule.id == "PG601"}
    assert found["djangorestframework 3.14.0"].severity is Severity.MEDIUM
    assert "fixed in 3.15.2" in found["djangorestframework 3.14.0"].message
    assert found["Django 6.1.3"].severity is Severity.CRITICAL
    assert "CVE-2026-999999" in found["Django 6.1.3"].message
    assert any("OSV records" in note for note in result.notes)


def test_update_never_downgrades_and_fetches_only_newer_records(tmp_path) -> None:
    project = write(tmp_path / "p", "djangorestframework==3.14.0\n")
    cache = tmp_path / "cache"
    with osv_server(OsvState([DRF])) as url:
        update([], cache_dir=cache, osv_url=url)
    stale = dict(DRF, modified="2025-01-01T00:00:00Z")
    stale["affected"] = [dict(DRF["affected"][0], ranges=[{"type": "ECOSYSTEM", "events": [
        {"introduced": "0"}, {"fixed": "3.10.0"}]}])]  # older record: 3.14.0 not affected
    state = OsvState([stale])
    with osv_server(state) as url:
        outcome = update([], cache_dir=cache, osv_url=url)
    assert outcome.records_changed == 0
    assert not any(r.startswith("GET") for r in state.requests)  # nothing newer to fetch
    # Even when handed the older record directly, the cache keeps the newer one.
    assert OsvCache(cache).store("djangorestframework", [stale], "2026-11-24T00:00:00Z") == 0
    assert [f.rule.id for f in run(project, cache).findings] == ["PG601"]


def test_a_newer_osv_record_replaces_the_bundled_one_and_an_older_one_does_not(tmp_path) -> None:
    project = write(tmp_path / "p", "Django==4.2.16\n")
    cache = tmp_path / "cache"
    # CVE-2024-45230 is bundled as PYSEC-2024-102 (fixed in 4.2.16, modified 2024-10-08).
    newer = record("GHSA-5hgc-2vfp-mqvc", "django", "4.2", "4.2.17", "2026-11-01T00:00:00Z",
                   aliases=("CVE-2024-45230",))
    older = dict(newer, modified="2024-01-01T00:00:00Z")
    with osv_server(OsvState([older])) as url:
        update([], cache_dir=cache, osv_url=url)
    assert not [f for f in run(project, cache).findings if "CVE-2024-45230" in f.message]
    with osv_server(OsvState([newer])) as url:
        update([], cache_dir=cache, osv_url=url)
    hits = [f for f in run(project, cache).findings if "CVE-2024-45230" in f.message]
    assert len(hits) == 1 and "PYSEC-2024-102" in hits[0].message


def test_cli_update_with_osv_url(tmp_path) -> None:
    project = write(tmp_path / "p", "djangorestframework==3.14.0\n")
    with osv_server(OsvState([DRF])) as url:
        out = CliRunner().invoke(cli, ["deps", str(project), "--update", "--osv-url", url,
                                       "--format", "json"])
    assert out.exit_code == 1, out.output
    assert "GHSA-drf1-test-0001" in out.stdout
    assert "OSV data refreshed for" in out.stderr


def test_unreachable_osv_is_an_error_line_and_the_run_completes(tmp_path) -> None:
    project = write(tmp_path / "p", "Django==4.1.13\n")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # bound, never listening: connections are refused
        out = CliRunner().invoke(cli, ["deps", str(project), "--update", "--osv-url",
                                       f"http://127.0.0.1:{port}"])
    assert out.exit_code == 2, out.output
    assert "--update failed" in out.stdout and "PG602" in out.stdout


def test_update_and_offline_together_are_a_usage_error(tmp_path) -> None:
    out = CliRunner().invoke(cli, ["deps", str(tmp_path), "--update", "--offline"])
    assert out.exit_code == 2 and "--offline forbids it" in out.output
