from __future__ import annotations

from ponyguard.scan.probes.http.https import whole_site_probe
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, html, redirect, run_probe
from tests.scan.probes.samples import ADMIN_LOGIN

ROOT_REDIRECTS = {"http://example.test/": redirect("https://example.test/"),
                  "https://example.test/": html("<p>home</p>")}


def test_fires_when_the_admin_login_stays_on_http() -> None:
    ctx = FakeContext(routes={**ROOT_REDIRECTS,
                              "http://example.test/admin/login/": html(ADMIN_LOGIN)})
    assert_finds(run_probe(whole_site_probe, ctx), "PG704", severity="high",
                 url="http://example.test/admin/login/")


def test_fires_for_the_admin_found_elsewhere_and_through_http_redirects() -> None:
    ctx = FakeContext(routes={
        **ROOT_REDIRECTS,
        "http://example.test/backstage/": redirect("/backstage/login/", 302),
        "http://example.test/backstage/login/": html(ADMIN_LOGIN),
    })
    ctx.note("admin_login_url", "https://example.test/backstage/")
    assert_finds(run_probe(whole_site_probe, ctx), "PG704",
                 url="http://example.test/backstage/")


def test_silent_when_every_path_redirects() -> None:
    ctx = FakeContext(routes={
        **ROOT_REDIRECTS,
        "http://example.test/admin/login/": redirect("https://example.test/admin/login/"),
        "http://example.test/accounts/login/": redirect("https://example.test/accounts/login/"),
    })
    assert_silent(run_probe(whole_site_probe, ctx), "PG704")


def test_silent_when_the_deeper_path_does_not_exist() -> None:
    # the fake answers 404 for unknown paths: nothing is served over HTTP there
    assert_silent(run_probe(whole_site_probe, FakeContext(routes=ROOT_REDIRECTS)), "PG704")


def test_silent_when_the_root_is_not_redirected_either() -> None:
    # PG702 reports the whole site; PG704 is about a redirect that misses pages
    ctx = FakeContext(routes={"http://example.test/": html("<p>home</p>"),
                              "http://example.test/admin/login/": html(ADMIN_LOGIN)})
    assert_silent(run_probe(whole_site_probe, ctx), "PG704")
