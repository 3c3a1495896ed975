"""Services with an HTTP API: Elasticsearch/OpenSearch (9200) and RabbitMQ management (15672).

One small ``GET`` with ``Connection: close``, in plain HTTP and, when the port does not answer
HTTP, over TLS (Elasticsearch 8 serves HTTPS by default). Certificates are not verified: this
only recognises the service; its certificate is not the site's.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from .connection import converse
from .result import Access, ServiceResult

_STATUS_LINE = re.compile(rb"^HTTP/1\.[01] (\d{3})")


@dataclass(frozen=True, slots=True)
class HttpAnswer:
    status: int
    headers: dict[str, str]
    """Lower-case names; the last value wins."""
    body: bytes
    tls: bool


async def get(host: str, port: int, path: str, timeout: float) -> HttpAnswer | None:
    for tls in (False, True):
        try:
            answer = await _get(host, port, path, timeout, tls)
        except (OSError, TimeoutError, ValueError):
            answer = None
        if answer is not None:
            return answer
    return None


async def _get(host: str, port: int, path: str, timeout: float, tls: bool) -> HttpAnswer | None:
    authority = f"[{host}]" if ":" in host else host
    request = (f"GET {path} HTTP/1.1\r\nHost: {authority}:{port}\r\n"
               "User-Agent: ponyguard\r\nAccept: */*\r\nConnection: close\r\n\r\n")
    async with converse(host, port, timeout, tls=tls) as conn:
        await conn.send(request.encode())
        raw = await conn.read_until(b"\x00never\x00")  # until closed, the cap or the timeout
    head, _, body = raw.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    match = _STATUS_LINE.match(lines[0])
    if match is None:
        return None
    headers = {}
    for line in lines[1:]:
        name, colon, value = line.decode("latin-1").partition(":")
        if colon:
            headers[name.strip().lower()] = value.strip()
    return HttpAnswer(int(match.group(1)), headers, body, tls)


async def identify_elasticsearch(host: str, port: int, timeout: float) -> ServiceResult | None:
    answer = await get(host, port, "/", timeout)
    if answer is None:
        return None
    scheme = "https" if answer.tls else "http"
    if answer.status == 200:
        info = _json(answer.body)
        tagline = str(info.get("tagline", ""))
        if "You Know, for Search" in tagline or "OpenSearch" in tagline:
            version = info.get("version", {})
            number = version.get("number") if isinstance(version, dict) else None
            return ServiceResult("elasticsearch", host, port, Access.OPEN, number,
                                 f"GET / answered without authentication: {tagline!r}", scheme)
    if answer.status == 401 and _is_elastic_auth(answer):
        return ServiceResult("elasticsearch", host, port, Access.AUTH_REQUIRED, None,
                             "GET / asked for Elasticsearch security credentials", scheme)
    return None


def _is_elastic_auth(answer: HttpAnswer) -> bool:
    product = answer.headers.get("x-elastic-product", "")
    challenge = answer.headers.get("www-authenticate", "")
    return product == "Elasticsearch" or 'realm="security"' in challenge


async def identify_rabbitmq(host: str, port: int, timeout: float) -> ServiceResult | None:
    answer = await get(host, port, "/api/overview", timeout)
    if answer is None:
        return None
    scheme = "https" if answer.tls else "http"
    challenge = answer.headers.get("www-authenticate", "")
    if answer.status == 401 and "RabbitMQ Management" in challenge:
        return ServiceResult("rabbitmq", host, port, Access.AUTH_REQUIRED, None,
                             "the management API asked for RabbitMQ Management credentials",
                             scheme)
    if answer.status == 200:
        info = _json(answer.body)
        if "rabbitmq_version" in info:
            return ServiceResult("rabbitmq", host, port, Access.OPEN,
                                 str(info["rabbitmq_version"]),
                                 "the management API answered without credentials", scheme)
    return None


def _json(body: bytes) -> dict[str, object]:
    try:
        value = json.loads(body.decode("utf-8", "replace"))
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}
