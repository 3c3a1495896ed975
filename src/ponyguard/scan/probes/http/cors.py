"""CORS: does the site echo an arbitrary ``Origin``, or pair ``*`` with credentials?"""

from __future__ import annotations

from ....core.finding import Finding, Location
from ....core.severity import Severity
from ...http import FetchError, Response
from ...probe import ScanContext, probe
from ...rules.http import cors_origin_reflected, cors_wildcard_with_credentials
from .support import target_path

EVIL_ORIGIN = "https://evil.example"


@probe("http.cors", rules=("PG738", "PG739"), stage=1)
async def cors_probe(ctx: ScanContext) -> list[Finding]:
    response = await ctx.fetch(target_path(ctx), headers={"Origin": EVIL_ORIGIN})
    return [] if isinstance(response, FetchError) else judge_cors(response, EVIL_ORIGIN)


def judge_cors(response: Response, sent_origin: str) -> list[Finding]:
    allowed = (response.header("access-control-allow-origin") or "").strip()
    credentials = (response.header("access-control-allow-credentials") or "").strip().lower() \
        == "true"
    where = Location(url=response.url)
    evidence = f"Access-Control-Allow-Origin: {allowed}" + (
        "\nAccess-Control-Allow-Credentials: true" if credentials else "")
    if allowed.rstrip("/").lower() == sent_origin.lower():
        if credentials:
            return [cors_origin_reflected.rule.finding(
                f"the site echoes Origin: {sent_origin} with credentials allowed: any website "
                "can read its pages as the logged-in visitor", where, key="reflected",
                evidence=evidence)]
        return [cors_origin_reflected.rule.finding(
            f"the site echoes Origin: {sent_origin} (without credentials, so only what "
            "anyone can read is exposed)", where, key="reflected", evidence=evidence,
            severity=Severity.LOW)]
    if allowed.lower() == "null" and credentials:
        return [cors_origin_reflected.rule.finding(
            "the site allows the 'null' origin with credentials: sandboxed frames of any "
            "website can read its pages as the logged-in visitor", where, key="null",
            evidence=evidence)]
    if allowed == "*" and credentials:
        return [cors_wildcard_with_credentials.rule.finding(
            "Access-Control-Allow-Origin: * is sent with Access-Control-Allow-Credentials: "
            "true", where, key="wildcard", evidence=evidence)]
    return []
