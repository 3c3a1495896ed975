from __future__ import annotations

from ponyguard.scan.probes.http.cookies import cookies_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.cookie_sites import cookie_site


def test_fires_on_samesite_none_without_secure() -> None:
    ctx = cookie_site("sessionid=abc; HttpOnly; SameSite=None")
    [finding] = assert_finds(run_probe(cookies_probe, ctx), "PG722", key="sessionid",
                             severity="medium")
    assert "SESSION_COOKIE_SECURE" in (finding.fix or "")


def test_value_is_case_insensitive() -> None:
    assert_finds(run_probe(cookies_probe, cookie_site("widget=1; samesite=NONE")), "PG722")


def test_silent_when_secure_or_not_none() -> None:
    assert_silent(run_probe(cookies_probe, cookie_site("widget=1; SameSite=None; Secure")),
                  "PG722")
    assert_silent(run_probe(cookies_probe, cookie_site("widget=1; SameSite=Lax")), "PG722")
