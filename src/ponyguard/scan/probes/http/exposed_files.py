"""Files that must never be served: ``.git``, ``.env``, databases, settings, backups, listings.

A short fixed list (politeness), each confirmed by its *content* (``ref: refs/…``, SQLite
magic, ``KEY=VALUE`` lines, archive magic, listing markup), never by status code alone. The
site's answer to a random path is fetched first: a site that answers 200 with one page for
everything produces no findings, because that page is neither a git HEAD nor an archive and
because a candidate identical to it is ignored. Secret values never reach the report: for
``.env`` and settings files only the names are shown.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from dataclasses import dataclass

from ....core.finding import Finding, Location
from ....core.rule import Rule
from ...http import FetchError, Response
from ...probe import ScanContext, probe
from ...rules.http import (
    backup_file_exposed,
    database_dump_exposed,
    directory_listing_enabled,
    env_file_exposed,
    git_repository_exposed,
    settings_file_exposed,
)
from .pages import directory_listing
from .support import random_path

Check = Callable[[Response], "str | None"]
"""Returns the evidence (never a secret) when the content is what the path promises."""

_ENV_LINE = re.compile(r"^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=", re.M)
_SETTINGS_LINE = re.compile(r"^(SECRET_KEY|INSTALLED_APPS|DATABASES|ROOT_URLCONF)\s*=", re.M)
_SQL = re.compile(r"^(?:CREATE TABLE|INSERT INTO|DROP TABLE IF EXISTS|-- (?:MySQL|MariaDB) dump"
                  r"|-- PostgreSQL database dump|BEGIN TRANSACTION;|PRAGMA foreign_keys)",
                  re.M | re.I)


def _text(response: Response) -> str | None:
    """The body as text when it is not markup (a soft 404 or an error page).

    Judged by the bytes, not the Content-Type: servers often label ``.env`` or ``.py`` files
    ``text/html`` or ``application/octet-stream``.
    """
    head = response.body[:1024].lower()
    if head.lstrip().startswith(b"<") or b"<html" in head or b"<body" in head:
        return None
    return response.text


def git_head(response: Response) -> str | None:
    text = (_text(response) or "").strip()
    if re.fullmatch(r"ref: refs/[\w./-]+|[0-9a-f]{40}|[0-9a-f]{64}", text):
        return f"HEAD: {text[:60]}"
    return None


def git_config(response: Response) -> str | None:
    text = _text(response) or ""
    if re.search(r"^\s*\[core\]", text, re.M) and "repositoryformatversion" in text:
        return "[core] section with repositoryformatversion (remote URLs not shown)"
    return None


def env_file(response: Response) -> str | None:
    text = _text(response)
    names = _ENV_LINE.findall(text or "")
    if len(names) < 2:
        return None
    shown = ", ".join(dict.fromkeys(names[:12]))
    return f"variables: {shown} (values not shown)"


def sqlite_database(response: Response) -> str | None:
    return "SQLite format 3 header" if response.body.startswith(b"SQLite format 3\x00") else None


def sql_dump(response: Response) -> str | None:
    match = _SQL.search(_text(response) or "")
    return f"SQL: {match.group(0)}" if match else None


def settings_file(response: Response) -> str | None:
    names = _SETTINGS_LINE.findall(_text(response) or "")
    if "SECRET_KEY" not in names and "INSTALLED_APPS" not in names:
        return None
    return f"assigns {', '.join(dict.fromkeys(names))} (values not shown)"


def zip_archive(response: Response) -> str | None:
    return "ZIP archive" if response.body.startswith(b"PK\x03\x04") else None


def gzip_archive(response: Response) -> str | None:
    return "gzip archive" if response.body.startswith(b"\x1f\x8b\x08") else None


def listing(response: Response) -> str | None:
    server = directory_listing(response)
    return f"directory index ({server})" if server else None


@dataclass(frozen=True, slots=True)
class Candidate:
    path: str
    rule: Rule
    check: Check
    what: str


CANDIDATES = (
    Candidate("/.git/HEAD", git_repository_exposed.rule, git_head, "the git HEAD file"),
    Candidate("/.git/config", git_repository_exposed.rule, git_config, "the git config"),
    Candidate("/.env", env_file_exposed.rule, env_file, "a .env file"),
    Candidate("/db.sqlite3", database_dump_exposed.rule, sqlite_database,
              "the SQLite database"),
    Candidate("/dump.sql", database_dump_exposed.rule, sql_dump, "an SQL dump"),
    Candidate("/backup.sql", database_dump_exposed.rule, sql_dump, "an SQL dump"),
    Candidate("/settings.py", settings_file_exposed.rule, settings_file, "a settings file"),
    Candidate("/local_settings.py", settings_file_exposed.rule, settings_file,
              "a settings file"),
    Candidate("/settings.py.bak", backup_file_exposed.rule, settings_file,
              "a backup of the settings"),
    Candidate("/db.sqlite3.bak", backup_file_exposed.rule, sqlite_database,
              "a backup of the database"),
    Candidate("/backup.zip", backup_file_exposed.rule, zip_archive, "a ZIP archive"),
    Candidate("/backup.tar.gz", backup_file_exposed.rule, gzip_archive, "a tar.gz archive"),
    Candidate("/media/", directory_listing_enabled.rule, listing, "a listing of MEDIA_URL"),
    Candidate("/static/", directory_listing_enabled.rule, listing, "a listing of STATIC_URL"),
)


@probe("http.exposed-files", rules=("PG770", "PG771", "PG772", "PG773", "PG774", "PG775"),
       stage=1)
async def exposed_files_probe(ctx: ScanContext) -> list[Finding]:
    baseline, *answers = await asyncio.gather(
        ctx.fetch(random_path(ctx)),
        *(ctx.fetch(c.path, follow_redirects=False) for c in CANDIDATES))
    return judge_exposed(list(zip(CANDIDATES, answers, strict=True)), baseline)


def judge_exposed(answers: list[tuple[Candidate, Response | FetchError]],
                  baseline: Response | FetchError | None) -> list[Finding]:
    findings: dict[tuple[str, str], Finding] = {}
    for candidate, response in answers:
        finding = judge_candidate(candidate, response, baseline)
        if finding is not None:
            findings.setdefault((finding.rule.id, finding.key), finding)
    return list(findings.values())


def judge_candidate(candidate: Candidate, response: Response | FetchError,
                    baseline: Response | FetchError | None) -> Finding | None:
    if isinstance(response, FetchError) or response.status not in (200, 206):
        return None
    if isinstance(baseline, Response) and baseline.status == response.status and \
            _same_page(baseline, response):
        return None
    evidence = candidate.check(response)
    if evidence is None:
        return None
    key = ".git" if candidate.rule is git_repository_exposed.rule else candidate.path
    return candidate.rule.finding(f"{candidate.what} is downloadable at {candidate.path}",
                                  Location(url=response.url), key=key, evidence=evidence)


def _same_page(baseline: Response, response: Response) -> bool:
    """The candidate is the site's catch-all page (allowing for the path echoed in it)."""
    if baseline.body == response.body:
        return True
    strip = re.compile(rb"/[\w.\-/]*")
    return strip.sub(b"", baseline.body) == strip.sub(b"", response.body) and \
        len(baseline.body) > 64
