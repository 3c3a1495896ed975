from __future__ import annotations

from ponyguard.scan.probes.http.cookies import cookies_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, run_probe
from tests.scan.probes.cookie_sites import CSRF_OK, SESSION_OK, cookie_site, redirect_setting


def test_fires_medium_for_the_session_cookie_and_names_the_setting() -> None:
    ctx = cookie_site("sessionid=abc; HttpOnly; Path=/; SameSite=Lax")
    [finding] = assert_finds(run_probe(cookies_probe, ctx), "PG720", key="sessionid",
                             severity="medium")
    assert finding.fix == "Set SESSION_COOKIE_SECURE = True in settings."
    assert "abc" not in finding.message + (finding.evidence or "")


def test_fires_low_for_csrftoken_with_its_setting() -> None:
    ctx = cookie_site("csrftoken=xyz; Path=/; SameSite=Lax")
    [finding] = assert_finds(run_probe(cookies_probe, ctx), "PG720", key="csrftoken",
                             severity="low")
    assert "CSRF_COOKIE_SECURE" in (finding.fix or "")


def test_reads_cookies_from_every_response_not_just_the_first() -> None:
    # the home page is clean; the login page (fetched later) sets an insecure cookie
    ctx = cookie_site("sessionid=abc; HttpOnly; SameSite=Lax",
                      where="https://example.test/accounts/login/")
    assert_finds(run_probe(cookies_probe, ctx), "PG720", key="sessionid",
                 url="https://example.test/accounts/login/")


def test_reads_cookies_set_on_redirect_hops() -> None:
    ctx = FakeContext(routes={
        "https://example.test/": redirect_setting("/welcome/",
                                                  "remember_token=1; HttpOnly; SameSite=Lax"),
        "https://example.test/welcome/": Canned(200, (("Content-Type", "text/html"),), "hi"),
    })
    run_probe(lambda c: _home(c), ctx)
    assert_finds(run_probe(cookies_probe, ctx), "PG720", key="remember_token",
                 url="https://example.test/")


async def _home(ctx):
    await ctx.home()
    return []


def test_attribute_names_are_case_insensitive() -> None:
    for spelling in ("secure", "SECURE", "Secure=yes", " sEcUrE "):
        ctx = cookie_site(f"sessionid=abc; HttpOnly; SameSite=Lax;{spelling}")
        assert_silent(run_probe(cookies_probe, ctx), "PG720")


def test_silent_on_secure_cookies_and_deletions() -> None:
    assert_silent(run_probe(cookies_probe, cookie_site(SESSION_OK, CSRF_OK)), "PG720")
    # logout: Django deletes the cookie with an expiry in the past
    deletion = 'sessionid=""; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/'
    assert_silent(run_probe(cookies_probe, cookie_site(deletion)), "PG720")


def test_silent_on_a_plain_http_only_site() -> None:
    # without HTTPS, Secure would drop the cookie; PG701 is the finding there
    ctx = cookie_site("sessionid=abc; HttpOnly; SameSite=Lax", where="http://example.test/",
                      target="http://example.test/")
    assert_silent(run_probe(cookies_probe, ctx), "PG720")


def test_a_value_that_looks_like_an_attribute_does_not_count() -> None:
    # "secure" inside the value is not the attribute (http.cookies-style parsing gets this
    # wrong when it splits on every ';')
    ctx = cookie_site('prefs="a; secure"; Path=/; SameSite=Lax')
    assert_finds(run_probe(cookies_probe, ctx), "PG720", key="prefs")
