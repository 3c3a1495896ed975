"""HSTS: present and valid on HTTPS, long enough, subdomains, preload eligibility, not on HTTP."""

from __future__ import annotations

from ....core.finding import Finding, Location
from ....core.severity import Severity
from ...http import Response
from ...probe import ScanContext, probe
from ...rules.http import (
    hsts_header_missing,
    hsts_max_age_short,
    hsts_preload_not_eligible,
    hsts_sent_over_http,
    hsts_subdomains_not_included,
)
from .hsts_header import HALF_YEAR, ONE_YEAR, HstsPolicy, hsts_of
from .https import first_hop_problems, walks
from .support import Walk, location_of, target_path


@probe("http.hsts", rules=("PG710", "PG711", "PG712", "PG713", "PG714"), stage=1)
async def hsts_probe(ctx: ScanContext) -> list[Finding]:
    https, http = await walks(ctx, target_path(ctx))
    findings = judge_hsts(https, http)
    if https.final is not None and not any(f.rule is not hsts_sent_over_http.rule
                                           for f in findings):
        ctx.note("bonus:hsts-preload", True)
    return findings


def judge_hsts(https: Walk, http: Walk) -> list[Finding]:
    findings = judge_over_http(http)
    final = https.final
    if final is None or final.scheme != "https":
        return findings
    policy, count = hsts_of(final)
    where = Location(url=final.url)
    extra = f" ({count} headers sent; browsers use only the first)" if count > 1 else ""
    if policy is None:
        return [*findings, hsts_header_missing.rule.finding(
            "HTTPS responses carry no Strict-Transport-Security header", where, key="hsts")]
    evidence = f"Strict-Transport-Security: {policy.raw}{extra}"
    if not policy.valid:
        return [*findings, hsts_header_missing.rule.finding(
            f"the Strict-Transport-Security header is ignored by browsers: "
            f"{'; '.join(policy.problems)}", where, key="hsts", evidence=evidence)]
    findings += judge_policy(policy, where, evidence)
    findings += judge_preload(policy, https, http, where, evidence)
    return findings


def judge_policy(policy: HstsPolicy, where: Location, evidence: str) -> list[Finding]:
    findings = []
    max_age = policy.max_age or 0
    if max_age < ONE_YEAR:
        detail = ("max-age=0 tells browsers to forget the site's HSTS policy" if max_age == 0
                  else f"max-age={max_age} ({_duration(max_age)}) is shorter than a year")
        findings.append(hsts_max_age_short.rule.finding(
            detail, where, key="max-age", evidence=evidence,
            severity=Severity.MEDIUM if max_age < HALF_YEAR else Severity.LOW))
    if not policy.include_subdomains and max_age > 0:
        findings.append(hsts_subdomains_not_included.rule.finding(
            "the HSTS policy does not include subdomains", where, key="includeSubDomains",
            evidence=evidence))
    return findings


def _duration(seconds: int) -> str:
    if seconds >= 86400:
        return f"{seconds // 86400} days"
    if seconds >= 3600:
        return f"{seconds // 3600} hour" + ("s" if seconds >= 7200 else "")
    return f"{seconds} seconds"


def judge_preload(policy: HstsPolicy, https: Walk, http: Walk, where: Location,
                  evidence: str) -> list[Finding]:
    missing = preload_gaps(policy, https, http)
    if not missing:
        return []
    if policy.preload:
        message = "the HSTS header asks for preloading but the site is not eligible: "
    else:
        message = "the site is not eligible for the HSTS preload list: "
    return [hsts_preload_not_eligible.rule.finding(
        message + "; ".join(missing), where, key="preload", evidence=evidence,
        severity=Severity.LOW if policy.preload else Severity.INFO)]


def preload_gaps(policy: HstsPolicy, https: Walk, http: Walk) -> list[str]:
    """What stands between the site and hstspreload.org's submission requirements."""
    gaps = []
    if (policy.max_age or 0) < ONE_YEAR:
        gaps.append("max-age is below 31536000")
    if not policy.include_subdomains:
        gaps.append("no includeSubDomains")
    if not policy.preload:
        gaps.append("no preload directive")
    if any(not _valid_hsts(hop) for hop in https.hops[:-1] if hop.scheme == "https"):
        gaps.append("an HTTPS redirect on the way does not send the header")
    if http.hops:
        first = http.hops[0]
        if not first.is_redirect or first_hop_problems(first.url, location_of(first) or "",
                                                       301):
            gaps.append("plain HTTP does not redirect to HTTPS on the same host first")
    return gaps


def _valid_hsts(response: Response) -> bool:
    policy, _ = hsts_of(response)
    return policy is not None and policy.valid


def judge_over_http(http: Walk) -> list[Finding]:
    """PG714: an HSTS header on a plain-HTTP response (ignored by browsers)."""
    for hop in http.hops:
        if hop.scheme == "http" and hop.header("strict-transport-security") is not None:
            return [hsts_sent_over_http.rule.finding(
                "a plain-HTTP response sends Strict-Transport-Security (browsers ignore it "
                "there)", Location(url=hop.url), key="hsts-over-http",
                evidence=f"Strict-Transport-Security: {hop.header('strict-transport-security')}")]
    return []
