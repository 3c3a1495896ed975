"""Cookie flags, from every response the scan saw (home, login pages, admin, redirect hops).

Which cookies matter: session and auth-token cookies need ``HttpOnly``; ``csrftoken`` must
stay readable by JavaScript (Django's AJAX recipe reads it), so it is never asked for
``HttpOnly``. Deletion cookies (``Max-Age=0`` / past ``Expires``) carry nothing and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ....core.finding import Finding, Location
from ....core.rule import Rule
from ....core.severity import Severity
from ...http import Response
from ...probe import ScanContext, probe
from ...rules.http import (
    cookie_samesite_none_without_secure,
    cookie_samesite_weak,
    cookie_without_httponly,
    cookie_without_secure,
)
from .setcookie import SetCookie, parse_set_cookie
from .support import seen_responses

CSRF_NAME = re.compile(r"csrf|xsrf", re.I)
SESSION_NAME = re.compile(
    r"sess|^sid$|[._-]sid$|^sid[._-]|auth|token|jwt|login|remember|identity|access|refresh", re.I)
DJANGO_SETTING_PREFIX = {"sessionid": "SESSION_COOKIE", "csrftoken": "CSRF_COOKIE",
                         "django_language": "LANGUAGE_COOKIE", "messages": "SESSION_COOKIE"}


@dataclass(frozen=True, slots=True)
class SeenCookie:
    cookie: SetCookie
    response: Response

    @property
    def name(self) -> str:
        return self.cookie.name

    @property
    def kind(self) -> str:
        """``"csrf"``, ``"session"`` or ``"other"``."""
        if CSRF_NAME.search(self.name):
            return "csrf"
        return "session" if SESSION_NAME.search(self.name) else "other"

    @property
    def evidence(self) -> str:
        attributes = "".join(f"; {k}={v}" if v else f"; {k}" for k, v in self.cookie.attributes)
        return f"Set-Cookie: {self.name}=…{attributes}"


@probe("http.cookies", rules=("PG720", "PG721", "PG722", "PG723"), stage=2)
async def cookies_probe(ctx: ScanContext) -> list[Finding]:
    responses = seen_responses(ctx)
    https_site = ctx.target.scheme == "https" or any(r.scheme == "https" for r in responses)
    cookies = cookies_of(responses)
    findings = judge_cookies(cookies, https_site=https_site)
    if cookies and https_site and not findings:
        ctx.note("bonus:cookies-samesite", True)
    return findings


def cookies_of(responses: Iterable[Response]) -> list[SeenCookie]:
    found = []
    for response in responses:
        for header in response.set_cookies:
            cookie = parse_set_cookie(header)
            if cookie is not None and not cookie.is_deletion:
                found.append(SeenCookie(cookie, response))
    return found


def judge_cookies(cookies: Iterable[SeenCookie], *, https_site: bool) -> list[Finding]:
    findings: dict[tuple[str, str], Finding] = {}
    for seen in cookies:
        for finding in judge_cookie(seen, https_site=https_site):
            findings.setdefault((finding.rule.id, finding.key), finding)
    return list(findings.values())


def judge_cookie(seen: SeenCookie, *, https_site: bool) -> list[Finding]:
    cookie, kind, where = seen.cookie, seen.kind, Location(url=seen.response.url)
    findings = []
    if https_site and not cookie.secure:
        findings.append(_finding(
            cookie_without_secure.rule, seen, where, "is not marked Secure: browsers also send "
            "it over plain HTTP", fix=_fix(seen.name, "SECURE", "secure=True"),
            severity=Severity.MEDIUM if kind == "session" else Severity.LOW))
    if kind == "session" and not cookie.httponly:
        findings.append(_finding(
            cookie_without_httponly.rule, seen, where, "looks like a session or auth cookie but "
            "is not HttpOnly: any script on the page can read it",
            fix=_fix(seen.name, "HTTPONLY", "httponly=True")))
    if cookie.samesite == "none" and not cookie.secure:
        findings.append(_finding(
            cookie_samesite_none_without_secure.rule, seen, where, "has SameSite=None without "
            "Secure: browsers reject it", fix=_fix(seen.name, "SECURE", "secure=True")))
    elif cookie.samesite is None:
        raw = cookie.attribute("samesite")
        what = f"an unrecognised SameSite value {raw!r}" if raw else "no SameSite attribute"
        findings.append(_finding(
            cookie_samesite_weak.rule, seen, where, f"has {what} (browsers may send it on "
            "cross-site requests)", fix=_fix(seen.name, "SAMESITE", 'samesite="Lax"', '"Lax"'),
            severity=Severity.INFO if kind == "other" else Severity.LOW))
    elif cookie.samesite == "none" and kind != "other":
        findings.append(_finding(
            cookie_samesite_weak.rule, seen, where, "has SameSite=None: it is sent on every "
            "cross-site request", fix=_fix(seen.name, "SAMESITE", 'samesite="Lax"', '"Lax"')))
    return findings


def _finding(rule: Rule, seen: SeenCookie, where: Location, problem: str, *, fix: str,
             severity: Severity | None = None) -> Finding:
    return rule.finding(f"cookie {seen.name!r} {problem}", where, key=seen.name,
                        evidence=seen.evidence, fix=fix, severity=severity)


def _fix(name: str, suffix: str, argument: str, value: str = "True") -> str:
    prefix = DJANGO_SETTING_PREFIX.get(name)
    if prefix is not None:
        return f"Set {prefix}_{suffix} = {value} in settings."
    return (f"Pass {argument} where {name!r} is set (response.set_cookie()), or set the "
            "setting of the app that sets it.")
