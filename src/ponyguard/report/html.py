"""The HTML report: one self-contained file with inline CSS, readable offline.

Every value is passed through :func:`html.escape` (after control characters are stripped and
secrets masked), links are only made for ``http``/``https`` URLs, and the page's
Content-Security-Policy forbids scripts and every network load, so a hostile value that slipped
through still could not run or phone home. Django's template engine is deliberately not used:
importing ponyguard must not need Django settings.
"""

from __future__ import annotations

import html
import re
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import urlsplit

from ..core.finding import Finding
from ..core.result import RunResult
from ..core.severity import Severity
from .interface import (
    Reporter,
    clean,
    grouped,
    held_back_line,
    plural,
    summary,
    tool_version,
)

_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+")
_GRADE_CLASS = {"A+": "a", "A": "a", "A-": "a", "B+": "b", "B": "b", "B-": "b", "C+": "c",
                "C": "c", "C-": "c", "D+": "d", "D": "d", "D-": "d", "F": "f"}


class HtmlReporter(Reporter):
    """A single offline HTML page."""

    name = "html"

    def render(self, result: RunResult) -> str:
        page = Template(_template())
        return page.substitute(
            version=esc(tool_version(result)),
            title=esc(result.target),
            body="\n".join((_header(result), _summary(result), _errors(result),
                            _findings(result))),
        )


def _template() -> str:
    files = resources.files("ponyguard.report")
    return files.joinpath("templates").joinpath("report.html").read_text(encoding="utf-8")


def esc(text: str | None, *, multiline: bool = False) -> str:
    """Scanned text made safe for HTML: control characters removed, secrets masked, escaped."""
    return html.escape(clean(text, multiline=multiline), quote=True)


def link(url: str) -> str:
    """An anchor for an http(s) URL, or the escaped text for anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return esc(url)
    return f'<a href="{esc(url)}" rel="noopener noreferrer nofollow">{esc(url)}</a>'


def linkify(text: str) -> str:
    """Escaped ``text`` with its http(s) URLs turned into links."""
    out, last = [], 0
    for match in _URL.finditer(text):
        url = match.group().rstrip(".,;:")
        out += [esc(text[last:match.start()]), link(url)]
        last = match.start() + len(url)
    out.append(esc(text[last:]))
    return "".join(out)


def _header(result: RunResult) -> str:
    rows = [("Kind", esc(result.kind)), ("Target", f"<code>{esc(result.target)}</code>")]
    if result.scopes:
        rows.append(("Covered", ", ".join(f"<code>{esc(s)}</code>" for s in result.scopes)))
    rows.extend(("Note", esc(note)) for note in result.notes)
    items = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in rows)
    return f'<header><h1>ponyguard report</h1><dl class="meta">{items}</dl></header>'


def _held_back(data: dict[str, Any]) -> str:
    line = held_back_line(data)
    return f"{esc(line)}<br>" if line else ""


def _summary(result: RunResult) -> str:
    data = summary(result)
    letter = str(data["grade"])
    grade_class = _GRADE_CLASS.get(letter, "f")
    cells = "".join(
        f'<tr><td><span class="badge sev-{sev.value}">{sev.value}</span></td>'
        f"<td>{int(data[sev.value])}</td></tr>"
        for sev in reversed(Severity)
    )
    extra = (
        f"<p>{plural(data['total'], 'finding')} · {int(data['suppressed'])} suppressed · "
        f"{int(data['baselined'])} baselined · "
        f"{plural(data['baseline_fixed'], 'baseline entry', 'baseline entries')} "
        f"no longer matching<br>{_held_back(data)}{esc(_covered(result, data))} in "
        f"{result.duration:.2f}s</p><p>score {int(data['score'])}</p>"
    )
    return (
        f'<section class="summary" aria-label="Summary">'
        f'<div class="grade grade-{grade_class}" title="grade, score {int(data["score"])}">'
        f"{esc(letter)}</div>"
        f'<table class="counts">{cells}</table><div>{extra}</div></section>{_sites(data)}'
    )


def _covered(result: RunResult, data: dict[str, Any]) -> str:
    if result.kind == "scan":
        return plural(max(1, len(data["sites"])), "site") + " scanned"
    return plural(data["files_audited"], "file") + " audited"


def _sites(data: dict[str, Any]) -> str:
    if len(data["sites"]) < 2:
        return ""
    rows = "".join(
        f'<tr><td><span class="grade-small grade-{_GRADE_CLASS.get(site["grade"], "f")}">'
        f'{esc(site["grade"])}</span></td><td>{int(site["score"])}</td>'
        f'<td>{link(site["url"])}{" (incomplete)" if site["incomplete"] else ""}</td></tr>'
        for site in data["sites"])
    return (f'<section class="sites" aria-label="Sites"><table class="counts">'
            f"<tr><th>grade</th><th>score</th><th>site</th></tr>{rows}</table></section>")


def _errors(result: RunResult) -> str:
    if not (result.incomplete or result.errors):
        return ""
    head = ("<p><strong>INCOMPLETE RUN</strong>: some of the target could not be audited; "
            "findings may be missing.</p>") if result.incomplete else ""
    items = "".join(f"<li>{esc(error)}</li>" for error in result.errors)
    listing = f"<ul>{items}</ul>" if items else ""
    return f'<section class="incomplete">{head}{listing}</section>'


def _findings(result: RunResult) -> str:
    if not result.findings:
        return '<p class="clean">No problems found.</p>'
    sections = []
    for where, findings in grouped(result.findings):
        cards = "\n".join(_finding(finding) for finding in findings)
        sections.append(f"<section><h2>{esc(where)}</h2>\n{cards}</section>")
    return "\n".join(sections)


def _finding(finding: Finding) -> str:
    rule, sev = finding.rule, finding.severity.value
    location = finding.location
    where = f"<code>{esc(str(location))}</code> · " if location.path or location.url else ""
    where += f"confidence {finding.confidence.value}"
    if finding.scopes:
        where += " · in " + ", ".join(f"<code>{esc(s)}</code>" for s in finding.scopes)
    parts = [
        f'<p><span class="badge sev-{sev}">{sev}</span> <code>{esc(rule.id)}</code> '
        f"<strong>{esc(rule.title)}</strong></p>",
        f'<p class="message">{esc(finding.message)}</p>',
        f'<p class="where">{where}</p>',
    ]
    fix = esc(finding.fix_text)
    if fix:
        parts.append(f'<p class="fix"><strong>Fix:</strong> {fix}</p>')
    if finding.evidence:
        parts.append(f'<pre class="evidence">{esc(finding.evidence, multiline=True)}</pre>')
    if rule.doc.references:
        refs = "".join(f"<li>{linkify(ref)}</li>" for ref in rule.doc.references)
        parts.append(f"<details><summary>References</summary><ul>{refs}</ul></details>")
    return f'<article class="finding {sev}">\n' + "\n".join(parts) + "\n</article>"
