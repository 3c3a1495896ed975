"""What the user types becomes a normalised target, or a clear input error."""

from __future__ import annotations

import pytest

from ponyguard.core.errors import InputError
from ponyguard.scan.target import parse_target


@pytest.mark.parametrize(("text", "url", "host", "port"), [
    ("example.com", "https://example.com/", "example.com", 443),
    ("HTTP://Example.COM:80/shop?x=1#frag", "http://example.com/shop?x=1", "example.com", 80),
    ("https://127.0.0.1:8443", "https://127.0.0.1:8443/", "127.0.0.1", 8443),
    ("https://[::1]:8443/a", "https://[::1]:8443/a", "::1", 8443),
    ("  https://example.com:443/  ", "https://example.com/", "example.com", 443),
])
def test_normalised(text, url, host, port) -> None:
    target = parse_target(text)
    assert (target.url, target.host, target.port) == (url, host, port)


@pytest.mark.parametrize(("text", "words"), [
    ("", "empty"),
    ("ftp://example.com/", "only http:// and https://"),
    ("https://user:secret@example.com/", "--auth"),
    ("https://example.com:99999/", "invalid port"),
    ("https:///path", "no host"),
])
def test_rejected(text, words) -> None:
    with pytest.raises(InputError, match=words) as caught:
        parse_target(text)
    assert "secret" not in str(caught.value)
