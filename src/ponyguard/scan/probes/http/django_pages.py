"""Django specifics: DEBUG pages, the admin (found and recognised), login forms.

* DEBUG: a random path is requested (a technical 404 if DEBUG is on), and every response the
  scan saw is checked for a technical 404/500 page or the "install worked" page.
* Admin: ``/admin/`` first, then paths from ``robots.txt`` ``Disallow`` lines and from login
  redirects (``?next=``) seen so far. Only a page that *is* Django's admin counts (its login
  form markup and assets), never a mere 2xx. The login page URL is noted as the fact
  ``admin_login_url`` and the admin's root as ``admin_url`` (for the version fingerprint).
* Login forms: every page seen with a password field (admin login, ``/accounts/login/``,
  the home page) is checked for a CSRF token and for being served or posted over HTTP.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterable
from urllib.parse import urljoin, urlsplit

from ....core.finding import Finding, Location
from ....core.severity import Severity
from ...http import Response
from ...probe import ScanContext, probe
from ...rules.http import (
    django_admin_public,
    django_debug_page,
    login_form_over_http,
    login_form_without_csrf_token,
)
from .pages import debug_page_kind, is_django_admin, login_forms, looks_like_html
from .support import location_of, origin, random_path, seen_responses, walk

ADMIN_HINT = re.compile(r"admin|login|manage|staff|backend|dashboard", re.I)
MAX_ADMIN_CANDIDATES = 4
LOGIN_PATHS = ("/accounts/login/",)
_URLCONF_NAME = re.compile(r"Using\s+the\s+URLconf\s+defined\s+in\s*(?:<code>)?\s*([\w.]+)")


@probe("http.debug-page", rules=("PG750",), stage=2)
async def debug_page_probe(ctx: ScanContext) -> list[Finding]:
    missing = await ctx.fetch(random_path(ctx))
    first = list(missing.chain) if isinstance(missing, Response) else []
    return judge_debug_pages([*first, *seen_responses(ctx)])


def judge_debug_pages(responses: Iterable[Response]) -> list[Finding]:
    findings: dict[str, Finding] = {}
    for response in responses:
        if response.status < 200 or response.is_redirect or not looks_like_html(response):
            continue
        kind = debug_page_kind(response)
        if kind is None or kind in findings:
            continue
        findings[kind] = django_debug_page.rule.finding(
            f"Django's {kind} is shown ({response.status}): DEBUG = True in production",
            Location(url=response.url), key=kind, evidence=_debug_evidence(response))
    return list(findings.values())


def _debug_evidence(response: Response) -> str:
    match = _URLCONF_NAME.search(response.text)
    if match:
        return f"Using the URLconf defined in {match.group(1)}"
    return "You're seeing this error because you have DEBUG = True"


@probe("http.admin", rules=("PG753",), stage=1)
async def admin_probe(ctx: ScanContext) -> list[Finding]:
    robots = await ctx.fetch("/robots.txt")
    candidates = admin_candidates(robots if isinstance(robots, Response) else None,
                                  seen_responses(ctx))
    for path in candidates:
        page = await ctx.fetch(path)
        if isinstance(page, Response) and is_django_admin(page):
            root = urljoin(page.url, path)
            ctx.note("admin_url", root)
            ctx.note("admin_login_url", page.url)
            return judge_admin(root, page)
    return []


def admin_candidates(robots: Response | None, seen: Iterable[Response]) -> list[str]:
    """``/admin/``, then admin-looking paths from robots.txt and ``?next=`` login redirects."""
    paths = ["/admin/"]
    if robots is not None and robots.status == 200 and not looks_like_html(robots):
        for line in robots.text.splitlines():
            key, _, value = line.partition(":")
            value = value.split("#")[0].strip()
            if key.strip().lower() == "disallow" and value.startswith("/") and \
                    "*" not in value and ADMIN_HINT.search(value):
                paths.append(value)
    for response in seen:
        location = location_of(response) if response.is_redirect else None
        if location and "next=" in location and ADMIN_HINT.search(urlsplit(location).path):
            paths.append(urlsplit(location).path)
    return list(dict.fromkeys(paths))[:MAX_ADMIN_CANDIDATES]


def judge_admin(root: str, page: Response) -> list[Finding]:
    default = urlsplit(root).path.rstrip("/") == "/admin"
    where = "at the default /admin/ path" if default else f"at {urlsplit(root).path}"
    return [django_admin_public.rule.finding(
        f"Django's admin login is reachable {where}", Location(url=page.url), key="admin",
        severity=Severity.LOW if default else Severity.INFO)]


@probe("http.login-forms", rules=("PG751", "PG752"), stage=2)
async def login_forms_probe(ctx: ScanContext) -> list[Finding]:
    await asyncio.gather(*(ctx.fetch(path) for path in LOGIN_PATHS))
    limit = ctx.options.max_redirects
    over_http = await asyncio.gather(*(walk(ctx, origin(ctx, "http") + path, limit=limit)
                                       for path in login_page_paths(ctx)))
    finals = [w.final for w in over_http if w.final is not None]
    return judge_login_forms([*seen_responses(ctx), *finals])


def login_page_paths(ctx: ScanContext) -> list[str]:
    """Paths of the login pages found over HTTPS, to try again over plain HTTP."""
    paths = [urlsplit(r.url).path for r in seen_responses(ctx)
             if r.scheme == "https" and r.status == 200 and login_forms(r)]
    admin = ctx.fact("admin_login_url")
    if isinstance(admin, str):
        paths.insert(0, urlsplit(admin).path)
    if ctx.target.scheme == "http":
        return []
    return list(dict.fromkeys(paths))[:3]


def judge_login_forms(responses: Iterable[Response]) -> list[Finding]:
    findings: dict[tuple[str, str], Finding] = {}
    for response in responses:
        if response.status != 200:
            continue
        for finding in judge_page_forms(response):
            findings.setdefault((finding.rule.id, finding.key), finding)
    return list(findings.values())


def judge_page_forms(response: Response) -> list[Finding]:
    findings = []
    where, key = Location(url=response.url), urlsplit(response.url).path or "/"
    for form in login_forms(response):
        action = urljoin(response.url, form.action or "")
        if response.scheme == "http":
            findings.append(login_form_over_http.rule.finding(
                "a login form is served over plain HTTP: the password can be read on the "
                "network", where, key=key))
        elif urlsplit(action).scheme == "http":
            findings.append(login_form_over_http.rule.finding(
                f"a login form posts the password to {action} over plain HTTP", where,
                key=key, evidence=f'<form action="{form.action}">'))
        if form.method == "post" and not form.has_csrf_token:
            findings.append(login_form_without_csrf_token.rule.finding(
                "a POST form with a password field has no csrfmiddlewaretoken", where, key=key))
    return findings
