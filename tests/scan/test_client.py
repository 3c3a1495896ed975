"""The hardened client against hostile loopback servers: every failure is a value, bounded."""

from __future__ import annotations

import asyncio
import datetime
import socket

import pytest

from ponyguard.scan.client import USER_AGENT, Decoder, HttpClient, remember_cookies
from ponyguard.scan.http import FetchError, Response
from ponyguard.scan.probe import ScanOptions

from .conftest import tls10_context

pytestmark = pytest.mark.network


def fetch(url: str, *, verify: bool = True, follow: bool = True, **options: object
          ) -> Response | FetchError:
    opts = ScanOptions(**{"timeout": 1.5, **options})  # type: ignore[arg-type]

    async def go() -> Response | FetchError:
        client = HttpClient(opts, "127.0.0.1", verify=verify)
        try:
            return await client.request("GET", url, follow_redirects=follow)
        finally:
            await client.aclose()

    return asyncio.run(go())


def test_gzip_bomb_is_cut_at_the_cap_after_decompression(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['gzip-bomb']}/", max_body=50_000)
    assert isinstance(result, Response)
    assert result.status == 200 and result.truncated
    assert len(result.body) == 50_000 and set(result.body) == {0}


def test_endless_body_is_cut_at_the_cap(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['endless-body']}/", max_body=200_000)
    assert isinstance(result, Response)
    assert result.truncated and len(result.body) == 200_000


def test_slow_drip_keeps_what_came_and_marks_it_truncated(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['slow-drip']}/", timeout=1.0)
    assert isinstance(result, Response)
    assert result.status == 200 and result.truncated
    assert 0 < len(result.body) < 100


def test_redirect_loop_is_detected_with_its_hops(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['redirect-loop']}/")
    assert isinstance(result, FetchError)
    assert result.kind == "too-many-redirects" and "redirect loop" in result.message
    assert [hop.url.rsplit("/", 1)[1] for hop in result.history] == ["", "loop-a", "loop-b"]
    assert all(hop.status == 301 for hop in result.history)


def test_redirect_limit(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['redirect-loop']}/", max_redirects=1)
    assert isinstance(result, FetchError) and result.kind == "too-many-redirects"
    assert "more than 1 redirects" in result.message


def test_not_following_returns_the_redirect_itself(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['redirect-loop']}/", follow=False)
    assert isinstance(result, Response) and result.is_redirect and result.history == ()


def test_garbage_is_a_protocol_error(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['garbage']}/")
    assert isinstance(result, FetchError) and result.kind == "protocol", result


def test_silent_server_times_out(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['silent']}/", timeout=0.5)
    assert isinstance(result, FetchError) and result.kind == "timeout", result


def test_refused_port_is_a_connect_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    result = fetch(f"http://127.0.0.1:{port}/")
    assert isinstance(result, FetchError) and result.kind == "connect"
    assert "connection refused" in result.message


def test_waf_block_is_a_response_not_an_error(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['waf-403']}/")
    assert isinstance(result, Response) and result.status == 403


def test_identity_headers_cookies_and_auth_go_to_the_scanned_host(hostile) -> None:
    result = fetch(f"http://127.0.0.1:{hostile['echo']}/", headers=(("X-Waf-Token", "t0k"),),
                   cookies=(("session", "abc"),), auth=("user", "pa:ss"))
    assert isinstance(result, Response)
    head = result.text
    assert f"User-Agent: {USER_AGENT}" in head and "ponyguard/" in USER_AGENT
    assert "X-Waf-Token: t0k" in head and "Cookie: session=abc" in head
    assert "Authorization: Basic dXNlcjpwYTpzcw==" in head
    assert "Accept-Encoding: gzip, deflate" in head


def test_credentials_never_follow_a_redirect_to_another_host(hostile) -> None:
    other = f"http://localhost:{hostile['echo']}/landed"
    result = fetch(f"http://127.0.0.1:{hostile['echo']}/redirect-to/{other}",
                   headers=(("X-Waf-Token", "t0k"),), auth=("user", "secret"))
    assert isinstance(result, Response) and result.url == other
    assert [hop.status for hop in result.history] == [302]
    assert "Authorization" not in result.text and "X-Waf-Token" not in result.text
    assert "User-Agent: ponyguard/" in result.text


def test_no_cookie_is_carried_without_a_jar(hostile) -> None:
    url = f"http://127.0.0.1:{hostile['echo']}/"
    first = fetch(url)
    assert isinstance(first, Response) and first.set_cookies == ["echo=1; Path=/"]
    second = fetch(url)
    assert isinstance(second, Response) and "Cookie:" not in second.text


def test_remember_cookies_keeps_names_and_values_and_forgets_deleted() -> None:
    jar: dict[str, str] = {"old": "1"}
    response = Response("https://x/", "GET", 200, (
        ("Set-Cookie", "csrftoken=abc; Path=/; SameSite=Lax"),
        ("set-cookie", "old=; Max-Age=0; Path=/"),
        ("Set-Cookie", "broken;;=; ="),
    ))
    remember_cookies(jar, response)
    assert jar == {"csrftoken": "abc"}


def test_deflate_decoder_accepts_zlib_and_raw_streams() -> None:
    import zlib

    data = b"hello " * 100
    raw = zlib.compressobj(wbits=-zlib.MAX_WBITS)
    raw_stream = raw.compress(data) + raw.flush()
    assert Decoder("deflate").feed(zlib.compress(data), 10_000) == data
    assert Decoder("deflate").feed(raw_stream, 10_000) == data
    assert Decoder("br").feed(b"opaque", 3) == b"opa"


# --- TLS -------------------------------------------------------------------------------------

def _tls_fetch(server_loop, context, pki, *, verify: bool = True) -> Response | FetchError:
    with server_loop.serve("ok", tls=context) as port:
        return fetch(f"https://127.0.0.1:{port}/", verify=verify, ca_bundle=str(pki.ca_bundle))


def test_trusted_certificate_verifies_with_the_ca_bundle(server_loop, pki) -> None:
    result = _tls_fetch(server_loop, pki.server_context(), pki)
    assert isinstance(result, Response) and result.status == 200


@pytest.mark.parametrize(("kind", "words"), [
    ("expired", "expired"),
    ("untrusted", "unable to get local issuer certificate"),
    ("wrong_host", "mismatch"),
])
def test_bad_certificates_are_tls_errors_and_readable_unverified(server_loop, pki, kind,
                                                                 words) -> None:
    context = pki.server_context(getattr(pki, kind)())
    verified = _tls_fetch(server_loop, context, pki)
    assert isinstance(verified, FetchError) and verified.kind == "tls", verified
    assert words in verified.message.lower()
    unverified = _tls_fetch(server_loop, context, pki, verify=False)
    assert isinstance(unverified, Response) and unverified.status == 200


def test_tls13_only_server_works(server_loop, pki) -> None:
    import ssl

    context = pki.server_context()
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    result = _tls_fetch(server_loop, context, pki)
    assert isinstance(result, Response) and result.status == 200


def test_tls10_only_server_is_read_by_the_permissive_client(server_loop, pki) -> None:
    context = tls10_context(pki)
    if context is None:
        pytest.skip("the local OpenSSL cannot serve TLS 1.0")
    verified = _tls_fetch(server_loop, context, pki)
    assert isinstance(verified, FetchError) and verified.kind == "tls"
    unverified = _tls_fetch(server_loop, context, pki, verify=False)
    if isinstance(unverified, FetchError):
        pytest.skip(f"the local OpenSSL serves but will not speak TLS 1.0: {unverified.message}")
    assert unverified.status == 200


def test_certificate_dates_are_what_the_helpers_say(pki) -> None:
    from cryptography import x509

    files = pki.expired()
    cert = x509.load_pem_x509_certificates(files.cert.read_bytes())[0]
    assert cert.not_valid_after_utc < datetime.datetime.now(datetime.timezone.utc)
