"""Fingerprint the Django release from the admin's static files (stage 2: after the admin
probe has noted where the admin lives, whose login page links the static files)."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Sequence
from urllib.parse import urljoin

from ...core.finding import Finding, Location
from ...core.severity import Confidence
from ..fingerprint import MISSING, VersionGuess, load_table
from ..http import Response
from ..probe import ScanContext, probe
from ..rules.network.django_version_disclosed import rule

DEFAULT_STATIC_URL = "/static/"
_ADMIN_ASSET = re.compile(r"""(?:href|src)\s*=\s*["']([^"']*?)admin/(?:css|js)/""")
_HTML_START = re.compile(rb"^\s*(?:<!doctype|<html|<head|<body)", re.IGNORECASE)


DEPS_RULES = ("PG601", "PG602", "PG603", "PG604")
"""The dependency rules the fingerprinted version is handed to (issue 5's, through
:func:`ponyguard.deps.version_findings`)."""


@probe("django-version", rules=(rule.id, *DEPS_RULES), stage=2)
async def django_version_probe(ctx: ScanContext) -> list[Finding]:
    table = load_table()
    static_url = await static_url_of(ctx)
    urls = {path: urljoin(urljoin(ctx.target.origin + "/", static_url), path)
            for path in table.marker_paths}
    # One file every release ships first: a site without the admin's files costs one request.
    scout = next((path for path in urls if MISSING not in table.assets[path]), None)
    if scout is not None:
        first = await ctx.fetch(urls[scout])
        if not (isinstance(first, Response) and _is_asset(first)):
            return []
    answers = await asyncio.gather(*(ctx.fetch(url) for url in urls.values()))
    fetched: dict[str, bytes | None] = {}
    for path, answer in zip(urls, answers, strict=True):
        if isinstance(answer, Response):
            if _is_asset(answer):
                fetched[path] = answer.body
            elif answer.status == 404 or _is_page(answer):
                fetched[path] = None
    guess = table.narrow(fetched)
    if guess is None:
        return []
    ctx.note("django_version", list(guess.versions))
    return [_finding(guess, urls[guess.evidence[0]]),
            *version_findings(guess.versions, Location(url=ctx.target.url))]


def version_findings(versions: Sequence[str], where: Location) -> list[Finding]:
    """The dependency findings that hold for *every* release the fingerprint leaves possible
    (a site is end-of-life only if every candidate is), as worded for the newest of them, at
    medium confidence: the version is inferred from static files, not read from a lockfile."""
    from ...deps import version_findings as findings_for

    candidates = sorted(versions, key=_version_order)
    per_version = [findings_for({"django": [v]}, location=where, confidence=Confidence.MEDIUM)
                   for v in candidates]
    if not per_version:
        return []
    held = set.intersection(*({_identity(f) for f in found} for found in per_version))
    return [f for f in per_version[-1] if _identity(f) in held and f.rule.id in DEPS_RULES]


def _identity(finding: Finding) -> tuple[str, str]:
    # An advisory is the same finding for every candidate; end of life, latest patch and
    # extended support are judged per series, so only the rule must agree.
    return (finding.rule.id, finding.key if finding.rule.id == "PG601" else "")


def _version_order(text: str) -> tuple[int, object]:
    from packaging.version import InvalidVersion, Version

    try:
        return (1, Version(text))
    except InvalidVersion:
        return (0, text)


async def static_url_of(ctx: ScanContext) -> str:
    """``STATIC_URL`` as the site's pages reveal it; ``/static/`` when nothing says."""
    noted = ctx.fact("static_url")
    if isinstance(noted, str) and noted:
        return noted
    admin_url = ctx.fact("admin_url")
    if isinstance(admin_url, str) and admin_url:
        page = await ctx.fetch(admin_url)
        if isinstance(page, Response) and page.status == 200:
            match = _ADMIN_ASSET.search(page.text)
            if match:
                return urljoin(page.url, str(match.group(1)) or "/")
    return DEFAULT_STATIC_URL


def _is_asset(response: Response) -> bool:
    return response.status == 200 and not response.truncated and not _is_page(response)


def _is_page(response: Response) -> bool:
    """An HTML page where a CSS/JS file was asked for: a soft 404 or a login redirect."""
    return response.content_type == "text/html" or bool(_HTML_START.match(response.body[:64]))


def _finding(guess: VersionGuess, url: str) -> Finding:
    count = len(guess.versions)
    message = (f"The admin static files identify {guess.label}"
               if count <= 3 else f"The admin static files narrow Django down to {guess.label}")
    return rule.finding(message, Location(url=url), key="django-version",
                        evidence=", ".join(guess.evidence))
