from __future__ import annotations

import pytest

from ponyguard.scan.probes.http.cookies import cookies_probe
from tests.scan.fakes import assert_finds, assert_silent, run_probe
from tests.scan.probes.cookie_sites import CSRF_OK, SESSION_OK, cookie_site


def test_fires_for_the_session_cookie() -> None:
    ctx = cookie_site("sessionid=abc; Secure; SameSite=Lax; Path=/")
    [finding] = assert_finds(run_probe(cookies_probe, ctx), "PG721", key="sessionid",
                             severity="medium")
    assert finding.fix == "Set SESSION_COOKIE_HTTPONLY = True in settings."


@pytest.mark.parametrize("name", ["auth_token", "jwt", "remember_me", "connect.sid", "SESSION"])
def test_fires_for_other_session_and_token_cookies(name: str) -> None:
    ctx = cookie_site(f"{name}=v; Secure; SameSite=Lax")
    [finding] = assert_finds(run_probe(cookies_probe, ctx), "PG721", key=name)
    assert "httponly=True" in (finding.fix or "")


def test_silent_for_csrftoken_which_javascript_must_read() -> None:
    assert_silent(run_probe(cookies_probe, cookie_site(CSRF_OK)), "PG721")
    assert_silent(run_probe(cookies_probe, cookie_site("XSRF-TOKEN=v; Secure; SameSite=Lax")),
                  "PG721")


def test_silent_for_harmless_cookies_and_httponly_in_any_case() -> None:
    assert_silent(run_probe(cookies_probe, cookie_site(
        "django_language=fr; Secure; SameSite=Lax", "theme=dark; Secure; SameSite=Lax")),
        "PG721")
    assert_silent(run_probe(cookies_probe, cookie_site(SESSION_OK)), "PG721")
    assert_silent(run_probe(cookies_probe, cookie_site(
        "sessionid=abc; secure; httponly; samesite=lax")), "PG721")


@pytest.mark.parametrize("spelling", ["HttpOnly", "HTTPONLY", "httponly", " HttpOnly=1 "])
def test_httponly_is_recognised_in_any_case(spelling: str) -> None:
    # ponycheckup only knew one spelling and reported the others as missing
    ctx = cookie_site(f"sessionid=abc; Secure; SameSite=Lax;{spelling}")
    assert_silent(run_probe(cookies_probe, ctx), "PG721")
