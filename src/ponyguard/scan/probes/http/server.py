"""What the server gives away about itself: version numbers in headers, TRACE echoes."""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable

from ....core.finding import Finding, Location
from ...http import FetchError, Response
from ...probe import ScanContext, probe
from ...rules.http import server_version_disclosed, trace_method_enabled
from .support import seen_responses, target_path

DISCLOSING_HEADERS = {"server": "Server", "x-powered-by": "X-Powered-By"}
VERSION = re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)*\b|/\d+\b")
TRACE_HEADER = "X-Ponyguard-Trace"


@probe("http.server-version", rules=("PG740",), stage=2)
async def server_version_probe(ctx: ScanContext) -> list[Finding]:
    return judge_server_versions(seen_responses(ctx))


def judge_server_versions(responses: Iterable[Response]) -> list[Finding]:
    findings: dict[str, Finding] = {}
    for response in responses:
        for name, shown in DISCLOSING_HEADERS.items():
            value = response.header(name)
            if value is None or name in findings or not VERSION.search(value):
                continue
            findings[name] = server_version_disclosed.rule.finding(
                f"the {shown} header discloses a version: {value}",
                Location(url=response.url), key=name, evidence=f"{shown}: {value}")
    return list(findings.values())


@probe("http.trace", rules=("PG741",), stage=1)
async def trace_probe(ctx: ScanContext) -> list[Finding]:
    marker = secrets.token_hex(8)
    response = await ctx.fetch(target_path(ctx), method="TRACE", follow_redirects=False,
                               headers={TRACE_HEADER: marker})
    return [] if isinstance(response, FetchError) else judge_trace(response, marker)


def judge_trace(response: Response, marker: str) -> list[Finding]:
    """The echo of our marker header in the body proves TRACE reflects the request."""
    if response.status != 200 or marker not in response.text:
        return []
    return [trace_method_enabled.rule.finding(
        f"TRACE is answered with an echo of the request (the {TRACE_HEADER} header came back)",
        Location(url=response.url), key="TRACE", evidence=f"{response.status} "
        f"{response.content_type or 'no content type'}")]
