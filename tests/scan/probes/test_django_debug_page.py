from __future__ import annotations

import sys

import pytest

from ponyguard.scan.probes.http.django_pages import debug_page_probe
from tests.scan.fakes import Canned, FakeContext, assert_finds, assert_silent, html, run_probe
from tests.scan.probes import samples


def site(random_404: Canned, **routes: Canned) -> FakeContext:
    """A site whose every unknown path answers ``random_404``."""
    return FakeContext(routes={"https://example.test/": html("<p>home</p>"), **routes},
                       default=random_404)


@pytest.mark.parametrize("page", [samples.DEBUG_404_CURLY, samples.DEBUG_404_STRAIGHT,
                                  samples.DEBUG_404_ESCAPED, samples.DEBUG_404_FOOTER_ONLY],
                         ids=["curly-4.0+", "straight-3.2", "html-escaped", "footer-only"])
def test_fires_on_the_technical_404_of_every_django_version(page: str) -> None:
    ctx = site(html(page, status=404))
    [finding] = assert_finds(run_probe(debug_page_probe, ctx), "PG750", severity="critical",
                             message_contains="technical 404")
    assert finding.location.url.startswith("https://example.test/ponyguard-")


def test_fires_on_the_real_technical_404_and_500_of_the_installed_django() -> None:
    from django.test import RequestFactory, override_settings
    from django.urls import Resolver404, resolve
    from django.views.debug import technical_404_response, technical_500_response

    request = RequestFactory().get("/nope/")
    with override_settings(ROOT_URLCONF="tests.scan.probes.debug_urls"):
        try:
            resolve("/nope/")
        except Resolver404 as not_found:  # what Django's handler passes: the tried patterns
            page_404 = technical_404_response(request, not_found)
        try:
            1 / 0  # noqa: B018
        except ZeroDivisionError:
            page_500 = technical_500_response(request, *sys.exc_info())
    ctx = site(html(page_404.content.decode(), status=404),
               **{"https://example.test/": html(page_500.content.decode(), status=500)})
    findings = run_probe(_home_then(debug_page_probe), ctx)
    [finding_404] = assert_finds(findings, "PG750", key="technical 404")
    assert finding_404.evidence == "Using the URLconf defined in tests.scan.probes.debug_urls"
    assert_finds(findings, "PG750", key="technical 500", url="https://example.test/")


def _home_then(probe):
    async def run(ctx):
        await ctx.home()
        return await probe(ctx)
    return run


def test_fires_on_the_install_worked_page() -> None:
    ctx = site(html(samples.PLAIN_404, status=404),
               **{"https://example.test/": html(samples.WELCOME)})
    assert_finds(run_probe(_home_then(debug_page_probe), ctx), "PG750", key="welcome page")


def test_silent_on_plain_404s_and_pages_about_debug() -> None:
    assert_silent(run_probe(debug_page_probe, site(html(samples.PLAIN_404, status=404))),
                  "PG750")
    ctx = site(html(samples.PLAIN_404, status=404),
               **{"https://example.test/": html(samples.BLOG_ABOUT_DEBUG)})
    assert_silent(run_probe(_home_then(debug_page_probe), ctx), "PG750")


def test_silent_on_the_production_404_of_django() -> None:
    from django.http import Http404
    from django.test import RequestFactory, override_settings
    from django.views.defaults import page_not_found

    with override_settings(TEMPLATES=[{"BACKEND": "django.template.backends.django."
                                                  "DjangoTemplates", "DIRS": []}]):
        page = page_not_found(RequestFactory().get("/nope/"), Http404("nope"))
    ctx = site(html(page.content.decode(), status=404))
    assert_silent(run_probe(debug_page_probe, ctx), "PG750")
