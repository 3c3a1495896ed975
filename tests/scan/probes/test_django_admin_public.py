from __future__ import annotations

from ponyguard.scan.probes.http.django_pages import admin_probe
from tests.scan.fakes import (
    Canned,
    FakeContext,
    assert_finds,
    assert_silent,
    html,
    redirect,
    run_probe,
)
from tests.scan.probes import samples

HOME = {"https://example.test/": html("<p>home</p>")}


def test_fires_low_on_django_admin_at_the_default_path_and_notes_its_url() -> None:
    ctx = FakeContext(routes={**HOME,
                              "https://example.test/admin/": redirect("/admin/login/?next=/admin/",
                                                                      302),
                              "https://example.test/admin/login/?next=/admin/":
                                  html(samples.ADMIN_LOGIN)})
    assert_finds(run_probe(admin_probe, ctx), "PG753", severity="low",
                 url="https://example.test/admin/login/?next=/admin/")
    assert ctx.fact("admin_url") == "https://example.test/admin/"
    assert ctx.fact("admin_login_url") == "https://example.test/admin/login/?next=/admin/"


def test_recognises_a_customised_admin() -> None:
    ctx = FakeContext(routes={**HOME, "https://example.test/admin/":
                              html(samples.ADMIN_LOGIN_CUSTOM)})
    assert_finds(run_probe(admin_probe, ctx), "PG753")


def test_discovers_the_admin_from_robots_txt_and_reports_it_as_info() -> None:
    robots = Canned(200, {"Content-Type": "text/plain"},
                    "User-agent: *\nDisallow: /search/\nDisallow: /backstage-admin/  # staff\n")
    ctx = FakeContext(routes={**HOME, "https://example.test/robots.txt": robots,
                              "https://example.test/backstage-admin/": html(samples.ADMIN_LOGIN)})
    assert_finds(run_probe(admin_probe, ctx), "PG753", severity="info",
                 message_contains="/backstage-admin/")
    assert ctx.fact("admin_url") == "https://example.test/backstage-admin/"


def test_discovers_the_admin_from_a_login_redirect_seen_earlier() -> None:
    ctx = FakeContext(routes={
        "https://example.test/": redirect("/staff-area/login/?next=/", 302),
        "https://example.test/staff-area/login/": html(samples.ADMIN_LOGIN),
    })

    async def home_then_admin(c):
        await c.home()
        return await admin_probe(c)

    assert_finds(run_probe(home_then_admin, ctx), "PG753",
                 url="https://example.test/staff-area/login/")


def test_silent_on_a_2xx_at_admin_that_is_not_djangos_admin() -> None:
    ctx = FakeContext(routes={**HOME, "https://example.test/admin/": html(samples.OTHER_ADMIN)})
    assert_silent(run_probe(admin_probe, ctx), "PG753")
    assert ctx.fact("admin_url") is None


def test_silent_on_a_soft_404_site_and_on_403() -> None:
    soft = FakeContext(default=html("<p>Welcome to our shop</p>"))
    assert_silent(run_probe(admin_probe, soft), "PG753")
    blocked = FakeContext(routes={"https://example.test/admin/":
                                  html(samples.ADMIN_LOGIN, status=403)})
    assert_silent(run_probe(admin_probe, blocked), "PG753")
