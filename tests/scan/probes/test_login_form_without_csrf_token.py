from __future__ import annotations

from ponyguard.scan.probes.http.django_pages import login_forms_probe
from tests.scan.fakes import FakeContext, assert_finds, assert_silent, html, run_probe
from tests.scan.probes import samples


def test_fires_on_a_post_password_form_without_token() -> None:
    ctx = FakeContext(routes={"https://example.test/accounts/login/":
                              html(samples.LOGIN_WITHOUT_TOKEN)})
    assert_finds(run_probe(login_forms_probe, ctx), "PG752", severity="medium",
                 url="https://example.test/accounts/login/")


def test_silent_with_a_token_and_on_forms_without_passwords() -> None:
    with_token = FakeContext(routes={"https://example.test/accounts/login/":
                                     html(samples.LOGIN_WITH_TOKEN)})
    assert_silent(run_probe(login_forms_probe, with_token), "PG752")
    admin = FakeContext(routes={"https://example.test/accounts/login/":
                                html(samples.ADMIN_LOGIN)})
    assert_silent(run_probe(login_forms_probe, admin), "PG752")
    other = FakeContext(routes={"https://example.test/accounts/login/":
                                html(samples.SEARCH_FORM_WITHOUT_TOKEN)})
    assert_silent(run_probe(login_forms_probe, other), "PG752")


def test_silent_when_the_page_is_an_error() -> None:
    ctx = FakeContext(routes={"https://example.test/accounts/login/":
                              html(samples.LOGIN_WITHOUT_TOKEN, status=404)})
    assert_silent(run_probe(login_forms_probe, ctx), "PG752")
