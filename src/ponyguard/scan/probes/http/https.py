"""HTTPS reachable, HTTP → HTTPS redirect (first hop, whole site) and redirect loops.

Redirects are walked one hop at a time (not followed by the client), so a loop is seen with
its hops and can be explained, and the first hop is judged on its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from urllib.parse import urlsplit

from ....core.finding import Finding, Location
from ....core.severity import Severity
from ...probe import ScanContext, probe
from ...rules.http import (
    http_not_redirected,
    http_redirect_partial,
    http_redirect_weak,
    https_not_available,
    redirect_loop,
)
from .support import Walk, location_of, origin, same_host, target_path, walk

UNAVAILABLE_KINDS = ("connect", "timeout", "protocol", "tls")
PERMANENT = (301, 308)
DEFAULT_DEEPER_PATHS = ("/admin/login/", "/accounts/login/")


async def walks(ctx: ScanContext, path: str) -> tuple[Walk, Walk]:
    """The HTTPS and the plain-HTTP walk for ``path``."""
    limit = ctx.options.max_redirects
    https, http = await asyncio.gather(walk(ctx, origin(ctx, "https") + path, limit=limit),
                                       walk(ctx, origin(ctx, "http") + path, limit=limit))
    return https, http


@probe("http.https", rules=("PG701", "PG702", "PG703", "PG705"), stage=1)
async def https_probe(ctx: ScanContext) -> list[Finding]:
    https, http = await walks(ctx, target_path(ctx))
    return [*judge_https_available(https, http), *judge_http_redirect(http, https),
            *judge_loops(https, http)]


@probe("http.whole-site", rules=("PG704",), stage=2)
async def whole_site_probe(ctx: ScanContext) -> list[Finding]:
    _, root = await walks(ctx, target_path(ctx))
    if not redirects_to_https(root):
        return []
    limit = ctx.options.max_redirects
    deeper = await asyncio.gather(*(walk(ctx, origin(ctx, "http") + path, limit=limit)
                                    for path in deeper_paths(ctx)))
    return judge_partial(root, deeper)


def deeper_paths(ctx: ScanContext) -> list[str]:
    admin = ctx.fact("admin_login_url")
    paths = [urlsplit(admin).path] if isinstance(admin, str) and admin else []
    return list(dict.fromkeys([*paths, *DEFAULT_DEEPER_PATHS]))


def https_works(https: Walk) -> bool:
    return bool(https.hops)


def judge_https_available(https: Walk, http: Walk) -> list[Finding]:
    """PG701: HTTP answers but HTTPS does not."""
    error = https.error
    if https.hops or error is None or error.kind not in UNAVAILABLE_KINDS:
        return []
    if not http.hops or http.hops[0].status >= 500:
        return []
    return [https_not_available.rule.finding(
        f"HTTPS does not work ({error.kind}: {error.message}) while plain HTTP answers "
        f"{http.hops[0].status}", Location(url=error.url), key="https")]


def redirects_to_https(http: Walk) -> bool:
    final = http.final
    return bool(http.hops) and http.hops[0].is_redirect and final is not None \
        and final.scheme == "https"


def judge_http_redirect(http: Walk, https: Walk) -> list[Finding]:
    """PG702 (HTTP serves pages) and PG703 (the first hop is weak)."""
    if not http.hops or not https_works(https):
        return []
    first, final = http.hops[0], http.final
    if not first.is_redirect:
        if first.status >= 400:
            return []
        return [http_not_redirected.rule.finding(
            f"{first.url} answers {first.status} over plain HTTP instead of redirecting to "
            "HTTPS", Location(url=first.url), key="http")]
    findings = []
    if final is not None and final.scheme == "http" and final.status < 400:
        findings.append(http_not_redirected.rule.finding(
            f"{first.url} redirects only to other plain-HTTP pages and ends at {final.url} "
            f"({final.status})", Location(url=first.url), key="http"))
    weak = first_hop_problems(first.url, location_of(first) or "", first.status)
    if weak:
        severity = Severity.MEDIUM if any(level for level, _ in weak) else Severity.LOW
        findings.append(http_redirect_weak.rule.finding(
            f"the first redirect from {first.url} " + "; ".join(text for _, text in weak),
            Location(url=first.url), key="first-hop", severity=severity,
            evidence=f"{first.status} Location: {first.header('location')}"))
    return findings


def first_hop_problems(url: str, location: str, status: int) -> list[tuple[bool, str]]:
    """(serious, description) for each weakness of the first redirect from HTTP."""
    problems: list[tuple[bool, str]] = []
    if urlsplit(location).scheme != "https":
        problems.append((True, f"goes to {location} over plain HTTP, not to HTTPS"))
    elif not same_host(url, location):
        problems.append((True, f"leaves the host for {urlsplit(location).hostname}: the bare "
                               "host never sends HSTS over HTTPS"))
    if status not in PERMANENT:
        problems.append((False, f"is temporary ({status}); browsers ask over HTTP again on "
                                "every visit (use 301 or 308)"))
    return problems


def judge_partial(root: Walk, deeper: Iterable[Walk]) -> list[Finding]:
    """PG704: the root redirects to HTTPS, a deeper page does not."""
    if not redirects_to_https(root):
        return []
    findings = []
    for page in deeper:
        final = page.final
        if final is None or final.scheme != "http" or final.status >= 400:
            continue
        start = page.hops[0].url
        findings.append(http_redirect_partial.rule.finding(
            f"{start} is served over plain HTTP ({final.status}) although the home page "
            "redirects to HTTPS", Location(url=start), key=urlsplit(start).path))
    return findings


def judge_loops(https: Walk, http: Walk) -> list[Finding]:
    """PG705, once: the HTTPS walk's loop if any, else the HTTP walk's."""
    looping = next((w for w in (https, http) if w.loop), None)
    if looping is None:
        return []
    hops = looping.hops[-6:]
    path = " → ".join(f"{hop.url} ({hop.status})" for hop in hops)
    if any(hop.scheme == "https" for hop in looping.hops):
        why = ("an HTTPS request is redirected again: Django does not know the request came "
               "over HTTPS. Behind a TLS-terminating proxy set SECURE_PROXY_SSL_HEADER = "
               "(\"HTTP_X_FORWARDED_PROTO\", \"https\") and make the proxy set "
               "X-Forwarded-Proto")
    else:
        why = "the redirects never reach a page"
    return [redirect_loop.rule.finding(
        f"redirect loop: {why}", Location(url=looping.hops[0].url), key="loop",
        evidence=path)]
