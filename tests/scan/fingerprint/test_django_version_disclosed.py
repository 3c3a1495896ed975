"""The ``django-version`` probe (PG950) on a fake site serving admin static files."""

from __future__ import annotations

import django

from ponyguard.scan.probes.django_version import django_version_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, html, run_probe

from .test_fingerprint import installed_assets

CSS_JS = {".css": "text/css", ".js": "text/javascript"}


def static_routes(prefix: str) -> dict:
    routes = {}
    for path, content in installed_assets().items():
        if content is not None:
            kind = CSS_JS[path[path.rindex("."):]]
            routes[prefix + path] = Canned(200, {"Content-Type": kind}, content)
    return routes


def test_fires_with_the_installed_version_at_static_admin() -> None:
    ctx = FakeContext(routes=static_routes("/static/"))
    [finding] = assert_finds(run_probe(django_version_probe, ctx), "PG950", severity="info")
    series = ".".join(django.__version__.split(".")[:2])
    assert f"Django {series}." in finding.message
    assert finding.location.url.startswith("https://example.test/static/admin/")
    assert django.__version__ in ctx.fact("django_version")
    assert all(isinstance(v, str) for v in ctx.fact("django_version"))


def test_finds_static_url_from_the_admin_login_page() -> None:
    login = html('<link rel="stylesheet" href="/assets/admin/css/base.1a2b3c4d5e6f.css">')
    ctx = FakeContext(routes={"/backstage/login/": login, **static_routes("/assets/")})
    ctx.note("admin_url", "https://example.test/backstage/login/")
    assert_finds(run_probe(django_version_probe, ctx), "PG950")
    assert any(url.startswith("https://example.test/assets/admin/") for url in ctx.fetched())


def test_finds_static_files_on_a_cdn_named_by_the_admin_page() -> None:
    login = html('<script src="https://cdn.example.test/s/admin/js/nav_sidebar.js"></script>')
    ctx = FakeContext(routes={"/admin/login/": login})
    ctx.note("admin_url", "/admin/login/")
    run_probe(django_version_probe, ctx)
    assert any(url.startswith("https://cdn.example.test/s/admin/") for url in ctx.fetched())


def test_silent_when_the_admin_static_files_are_not_served() -> None:
    ctx = FakeContext()
    assert_silent(run_probe(django_version_probe, ctx), "PG950")
    assert len(ctx.fetched()) == 1  # one file tells: no admin static files here


def test_silent_on_a_soft_404_site() -> None:
    ctx = FakeContext(default=html("<!doctype html><h1>Welcome</h1>"))
    assert_silent(run_probe(django_version_probe, ctx), "PG950")
    assert ctx.fact("django_version") is None


def test_silent_on_customised_admin_css() -> None:
    routes = static_routes("/static/")
    routes["/static/admin/css/base.css"] = Canned(200, {"Content-Type": "text/css"},
                                                  b":root { --primary: #c00; }")
    ctx = FakeContext(routes=routes)
    assert_silent(run_probe(django_version_probe, ctx), "PG950")
