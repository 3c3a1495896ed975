"""The header parsers the PG7xx probes judge with: browser semantics, not a lax library's."""

from __future__ import annotations

import pytest

from ponyguard.scan.probes.http.csp import parse_policies, script_weakness
from ponyguard.scan.probes.http.hsts_header import parse_hsts
from ponyguard.scan.probes.http.setcookie import parse_set_cookie


def cookie(header: str):
    parsed = parse_set_cookie(header)
    assert parsed is not None
    return parsed


def test_set_cookie_name_value_and_case_insensitive_attributes() -> None:
    parsed = cookie(" sessionid = a=b==; PATH=/; HTTPONLY; sEcUrE; SameSite=STRICT")
    assert (parsed.name, parsed.value) == ("sessionid", "a=b==")
    assert parsed.httponly and parsed.secure and parsed.samesite == "strict"
    assert parsed.attribute("path") == "/"


def test_set_cookie_odd_but_valid_headers_http_cookies_rejects() -> None:
    # SimpleCookie drops these entirely; browsers keep them
    assert cookie("token={\"a\":1}; Secure").secure
    assert cookie("a b=c; HttpOnly").name == "a b"
    nameless = cookie("justavalue; Secure")
    assert (nameless.name, nameless.value, nameless.secure) == ("", "justavalue", True)
    assert parse_set_cookie("  ; Secure") is None


def test_set_cookie_last_attribute_wins_and_unknown_samesite_is_none() -> None:
    assert cookie("a=1; SameSite=None; SameSite=Lax").samesite == "lax"
    assert cookie("a=1; SameSite=Lax; SameSite=Bogus").samesite is None
    assert cookie("a=1; SameSite").samesite is None


@pytest.mark.parametrize(("header", "deleted"), [
    ("a=; Max-Age=0", True),
    ("a=; Max-Age=-1", True),
    ("a=; expires=Thu, 01 Jan 1970 00:00:00 GMT", True),
    ("a=1; expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=3600", False),  # Max-Age wins
    ("a=1; Max-Age=soon; expires=Thu, 01 Jan 1970 00:00:00 GMT", True),     # bad Max-Age ignored
    ("a=1; expires=not a date", False),
    ("a=1; expires=Wed, 01 Jan 2100 00:00:00 GMT", False),
])
def test_set_cookie_deletion(header: str, deleted: bool) -> None:
    assert cookie(header).is_deletion is deleted


def test_hsts_parsing() -> None:
    policy = parse_hsts('Max-Age="31536000" ; INCLUDESUBDOMAINS;preload')
    assert (policy.valid, policy.max_age, policy.include_subdomains, policy.preload) == \
        (True, 31536000, True, True)
    assert parse_hsts('max-age=1; ext="a;b"').valid  # ';' inside a quoted value
    assert not parse_hsts("max-age=1; preload; preload").valid
    assert not parse_hsts("").valid


def test_csp_parsing_and_script_judgement() -> None:
    [one, two] = parse_policies(["default-src 'self'; SCRIPT-SRC 'self' 'unsafe-eval'; "
                                 "script-src *", "img-src *"])
    assert one["script-src"] == ("'self'", "'unsafe-eval'")   # the first directive wins
    assert script_weakness(one).sources == ("'unsafe-eval'",)
    weak = script_weakness(two)
    assert weak is not None and weak.sources == ()          # nothing restricts scripts
    assert script_weakness(parse_policies(["script-src 'self'"])[0]) is None
