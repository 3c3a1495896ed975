from __future__ import annotations

from ponyguard.scan.probes.http.cookies import cookies_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.cookie_sites import CSRF_OK, SESSION_OK, cookie_site


def test_fires_low_for_session_and_csrf_cookies_without_samesite() -> None:
    findings = run_probe(cookies_probe, cookie_site(
        "sessionid=a; Secure; HttpOnly", "csrftoken=b; Secure"))
    [session] = assert_finds(findings, "PG723", key="sessionid", severity="low")
    assert session.fix == 'Set SESSION_COOKIE_SAMESITE = "Lax" in settings.'
    assert_finds(findings, "PG723", key="csrftoken", severity="low")


def test_fires_info_for_other_cookies() -> None:
    assert_finds(run_probe(cookies_probe, cookie_site("theme=dark; Secure")), "PG723",
                 key="theme", severity="info")


def test_an_unknown_samesite_value_counts_as_missing() -> None:
    assert_finds(run_probe(cookies_probe, cookie_site("sessionid=a; Secure; HttpOnly; "
                                                      "SameSite=Relaxed")),
                 "PG723", message_contains="unrecognised")


def test_fires_on_samesite_none_for_the_session_cookie() -> None:
    assert_finds(run_probe(cookies_probe, cookie_site(
        "sessionid=a; Secure; HttpOnly; SameSite=None")), "PG723", key="sessionid",
        message_contains="SameSite=None")


def test_silent_on_lax_strict_and_on_deliberate_none_for_other_cookies() -> None:
    ctx = cookie_site(SESSION_OK, CSRF_OK, "embed=1; Secure; SameSite=None",
                      "x=1; Secure; samesite=strict")
    assert_silent(run_probe(cookies_probe, ctx), "PG723")
