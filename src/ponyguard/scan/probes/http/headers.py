"""Security headers of the home page: CSP, framing, nosniff, Referrer-Policy, COOP.

Judged on the final response of the home page. When that page is an error (a WAF block, a
404 home page) its headers may not be the site's, so findings drop to medium confidence.
Framing, CSP and COOP only matter for HTML documents and are only judged on them.
"""

from __future__ import annotations

from dataclasses import replace

from ....core.finding import Finding, Location
from ....core.severity import Confidence, Severity
from ...http import FetchError, Response
from ...probe import ScanContext, probe
from ...rules.http import (
    clickjacking_unprotected,
    coop_header_missing,
    csp_frame_ancestors_missing,
    csp_header_missing,
    csp_report_only,
    csp_unsafe_script_source,
    nosniff_header_missing,
    referrer_policy_unsafe,
)
from .csp import Policy, has_frame_ancestors, parse_policies, script_weakness
from .pages import looks_like_html

REFERRER_POLICIES = ("no-referrer", "no-referrer-when-downgrade", "origin",
                     "origin-when-cross-origin", "same-origin", "strict-origin",
                     "strict-origin-when-cross-origin", "unsafe-url")
LEAKY_REFERRER = ("unsafe-url", "no-referrer-when-downgrade")
SAFE_COOP = ("same-origin", "same-origin-allow-popups", "noopener-allow-popups")


@probe("http.headers",
       rules=("PG730", "PG731", "PG732", "PG733", "PG734", "PG735", "PG736", "PG737"), stage=1)
async def headers_probe(ctx: ScanContext) -> list[Finding]:
    home = await ctx.home()
    if isinstance(home, FetchError):
        return []
    findings = judge_headers(home)
    strict = {"PG730", "PG731", "PG732", "PG733", "PG734"}
    if looks_like_html(home) and not any(f.rule.id in strict for f in findings):
        ctx.note("bonus:csp-strict", True)
    return findings


def judge_headers(response: Response) -> list[Finding]:
    findings = [*judge_nosniff(response)]
    if looks_like_html(response):
        findings += judge_csp(response)
        findings += judge_framing(response)
        findings += judge_referrer_policy(response)
        findings += judge_coop(response)
    if not 200 <= response.status < 400:
        findings = [_doubtful(f, response.status) for f in findings]
    return findings


def _doubtful(finding: Finding, status: int) -> Finding:
    return replace(finding, confidence=min(finding.confidence, Confidence.MEDIUM),
                   message=f"{finding.message} (on a {status} answer)")


def enforced_policies(response: Response) -> list[Policy]:
    return parse_policies(response.header_all("content-security-policy"))


def judge_csp(response: Response) -> list[Finding]:
    where = Location(url=response.url)
    policies = enforced_policies(response)
    if not policies:
        if response.header_all("content-security-policy-report-only"):
            return [csp_report_only.rule.finding(
                "the Content-Security-Policy is report-only: it blocks nothing", where,
                key="csp", evidence="Content-Security-Policy-Report-Only: " +
                response.header_all("content-security-policy-report-only")[0])]
        return [csp_header_missing.rule.finding(
            "no Content-Security-Policy header on the HTML page", where, key="csp")]
    findings = []
    weaknesses = [script_weakness(policy) for policy in policies]
    if all(weak is not None for weak in weaknesses):
        weak = next((w for w in weaknesses if w is not None and w.sources), weaknesses[0])
        assert weak is not None
        detail = (f"{weak.directive} allows {' '.join(weak.sources)}" if weak.sources
                  else "no script-src or default-src: scripts are not restricted")
        findings.append(csp_unsafe_script_source.rule.finding(
            f"the Content-Security-Policy lets injected scripts run: {detail}", where,
            key="script-src", evidence="Content-Security-Policy: " +
            "; ".join(response.header_all("content-security-policy"))))
    if not has_frame_ancestors(policies) and x_frame_options_protects(response):
        findings.append(csp_frame_ancestors_missing.rule.finding(
            "the Content-Security-Policy has no frame-ancestors directive (framing is only "
            "limited by the legacy X-Frame-Options header)", where, key="frame-ancestors"))
    return findings


def x_frame_options_protects(response: Response) -> bool:
    values = [v.strip().lower() for value in response.header_all("x-frame-options")
              for v in value.split(",")]
    return any(v in ("deny", "sameorigin") for v in values)


def judge_framing(response: Response) -> list[Finding]:
    if x_frame_options_protects(response) or has_frame_ancestors(enforced_policies(response)):
        return []
    shown = response.header("x-frame-options")
    detail = f"X-Frame-Options: {shown} is not DENY or SAMEORIGIN" if shown \
        else "no X-Frame-Options header"
    return [clickjacking_unprotected.rule.finding(
        f"other sites can frame this page: {detail} and no CSP frame-ancestors",
        Location(url=response.url), key="framing")]


def judge_nosniff(response: Response) -> list[Finding]:
    value = (response.header("x-content-type-options") or "").split(",")[0].strip().lower()
    if value == "nosniff":
        return []
    return [nosniff_header_missing.rule.finding(
        "X-Content-Type-Options: nosniff is missing", Location(url=response.url),
        key="nosniff")]


def effective_referrer_policy(response: Response) -> str | None:
    """The policy browsers apply: the last recognised token of all the headers."""
    tokens = [token.strip().lower() for value in response.header_all("referrer-policy")
              for token in value.split(",")]
    known = [token for token in tokens if token in REFERRER_POLICIES]
    return known[-1] if known else None


def judge_referrer_policy(response: Response) -> list[Finding]:
    policy = effective_referrer_policy(response)
    where = Location(url=response.url)
    if policy is None:
        return [referrer_policy_unsafe.rule.finding(
            "no valid Referrer-Policy header (current browsers then use "
            "strict-origin-when-cross-origin)", where, key="referrer-policy",
            severity=Severity.INFO)]
    if policy in LEAKY_REFERRER:
        return [referrer_policy_unsafe.rule.finding(
            f"Referrer-Policy: {policy} sends full URLs to other sites", where,
            key="referrer-policy")]
    return []


def judge_coop(response: Response) -> list[Finding]:
    value = (response.header("cross-origin-opener-policy") or "").split(";")[0].strip().lower()
    if value in SAFE_COOP:
        return []
    detail = f"Cross-Origin-Opener-Policy: {value}" if value \
        else "no Cross-Origin-Opener-Policy header"
    return [coop_header_missing.rule.finding(
        f"{detail}: other windows keep a handle on this page", Location(url=response.url),
        key="coop")]
