"""The HTTP probes through the real engine, against the example sites under gunicorn (loopback).

The fakes show each rule's logic; these show the probes read real Django responses: the
cookies of the admin login page (not only the home page's), Django's own DEBUG 404 from a
running server, the admin recognised and noted, files confirmed by content.
"""

from __future__ import annotations

import pytest

from tests.scan.fakes import assert_finds, assert_silent
from tests.scan.servers.harness import run_probes

pytestmark = pytest.mark.network

DJANGO_PROBES = ("http.admin", "http.login-forms", "http.cookies", "http.debug-page")


def probes_on(site, *names: str):
    return run_probes(site.https_url, *names, ca_bundle=site.ca_bundle,
                      http_port=site.http_port)


def test_insecure_site_django_probes(insecure_site) -> None:
    outcome = probes_on(insecure_site, *DJANGO_PROBES)
    assert not outcome.errors, outcome.errors
    findings = outcome.findings
    admin_login = outcome.facts["admin_login_url"]
    assert isinstance(admin_login, str) and "/admin/login/" in admin_login
    assert outcome.facts["admin_url"] == insecure_site.https_url + "admin/"
    # csrftoken is set by the admin login page only: read from that response, not the home's
    assert_finds(findings, "PG720", key="csrftoken", url=admin_login)
    assert_finds(findings, "PG721", key="sessionid")
    [debug] = assert_finds(findings, "PG750", key="technical 404")
    assert "/ponyguard-" in (debug.location.url or "")
    assert_finds(findings, "PG752", url=insecure_site.https_url + "accounts/login/")
    assert_finds(findings, "PG751",
                 url=f"http://127.0.0.1:{insecure_site.http_port}/admin/login/")
    assert_finds(findings, "PG753", severity="low")


def test_hardened_site_django_probes_report_nothing_above_info(hardened_site) -> None:
    outcome = probes_on(hardened_site, *DJANGO_PROBES)
    assert not outcome.errors, outcome.errors
    for rule_id in ("PG720", "PG721", "PG722", "PG750", "PG751", "PG752"):
        assert_silent(outcome.findings, rule_id)
    assert [f for f in outcome.findings if f.severity.value != "info"] == []


def test_insecure_site_files_and_transport(insecure_site) -> None:
    outcome = probes_on(insecure_site, "http.exposed-files", "http.https", "http.hsts")
    findings = outcome.findings
    assert_finds(findings, "PG770", count=1)
    [env] = assert_finds(findings, "PG771")
    assert "DATABASE_URL" in (env.evidence or "") and "s3cr3t" not in (env.evidence or "")
    assert_finds(findings, "PG702")
    assert_finds(findings, "PG711")
    for rule_id in ("PG701", "PG705", "PG772", "PG773", "PG774", "PG775"):
        assert_silent(findings, rule_id)


def test_hardened_site_files_transport_and_headers(hardened_site) -> None:
    outcome = probes_on(hardened_site, "http.exposed-files", "http.https", "http.hsts",
                        "http.headers", "http.cors", "http.trace", "http.whole-site")
    assert not outcome.errors, outcome.errors
    assert [f for f in outcome.findings if f.severity.value != "info"] == [], \
        [(f.rule.id, f.message) for f in outcome.findings]
