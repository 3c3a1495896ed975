from __future__ import annotations

from ponyguard.scan.probes.http.django_pages import login_forms_probe
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, html, redirect, run_probe
from tests.scan.probes import samples


def test_fires_when_the_admin_login_is_served_over_http() -> None:
    ctx = FakeContext(routes={
        "https://example.test/admin/login/": html(samples.ADMIN_LOGIN),
        "http://example.test/admin/login/": html(samples.ADMIN_LOGIN),
    })
    ctx.note("admin_login_url", "https://example.test/admin/login/")
    assert_finds(run_probe(login_forms_probe, ctx), "PG751", severity="high",
                 url="http://example.test/admin/login/")


def test_fires_when_an_https_form_posts_to_http() -> None:
    page = samples.LOGIN_WITH_TOKEN.replace('action="/accounts/login/"',
                                            'action="http://example.test/accounts/login/"')
    ctx = FakeContext(routes={
        "https://example.test/accounts/login/": html(page),
        "http://example.test/accounts/login/": redirect("https://example.test/accounts/login/"),
    })
    assert_finds(run_probe(login_forms_probe, ctx), "PG751", message_contains="posts the password")


def test_fires_on_an_http_only_site_with_a_login_form() -> None:
    ctx = FakeContext("http://example.test/", {"http://example.test/accounts/login/":
                                               html(samples.LOGIN_WITH_TOKEN)})
    assert_finds(run_probe(login_forms_probe, ctx), "PG751",
                 url="http://example.test/accounts/login/")


def test_silent_when_http_redirects_and_forms_post_relative() -> None:
    ctx = FakeContext(routes={
        "https://example.test/admin/login/": html(samples.ADMIN_LOGIN),
        "http://example.test/admin/login/": redirect("https://example.test/admin/login/"),
        "https://example.test/accounts/login/": html(samples.LOGIN_WITH_TOKEN),
        "http://example.test/accounts/login/": redirect("https://example.test/accounts/login/"),
    })
    ctx.note("admin_login_url", "https://example.test/admin/login/")
    assert_silent(run_probe(login_forms_probe, ctx), "PG751")
