"""The reporter seam, and the helpers every reporter shares.

A reporter turns a :class:`~ponyguard.core.result.RunResult` into one string and decides
nothing: which findings exist, their severity and the grade all come from the core.

Every text that came from the audited project or the scanned site (messages, evidence, fixes,
paths, URLs, errors) goes through :func:`clean` or :func:`safe` (escape sequences and control
characters stripped, then secrets masked) before it is written, even though rules redact their
evidence already.
Rule metadata written by ponyguard itself (titles, documentation) is not redacted: it holds no
scanned values, and masking would mangle the insecure examples in it.
"""

from __future__ import annotations

import re
from abc import ABC, abstractmethod
from collections.abc import Iterable
from itertools import groupby
from typing import Any

from .. import __version__
from ..core.finding import Finding
from ..core.grade import grade, score
from ..core.redact import redact_text
from ..core.result import RunResult
from ..core.severity import Severity

PROJECT_PLACE = "(project)"
"""The group heading of findings that belong to no file or URL."""

_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI, e.g. colours and cursor movement
    r"|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?"  # OSC, e.g. window titles and hyperlinks
    r"|\x1b[@-Z\\-_]"  # other two-character escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_LINE_BREAK = re.compile(r"[\t\n]+")


class Reporter(ABC):
    """Formats a run's result; one implementation per output format."""

    name: str
    """The ``--format`` value that selects this reporter."""

    @abstractmethod
    def render(self, result: RunResult) -> str:
        """The whole report as one string."""


def safe(text: str | None) -> str:
    """``text`` for formats that escape on their own (JSON, SARIF); '' for None.

    Line breaks and tabs are kept; other control characters are still removed, because
    ``jq -r`` and friends would decode them straight onto a terminal.
    """
    return clean(text, multiline=True)


def clean(text: str | None, *, multiline: bool = False) -> str:
    """``text`` with escape sequences and control characters removed, then secrets masked.

    Stripping comes first so a secret split by a control character is still recognised.
    Single-line fields also have tabs and line breaks folded into one space.
    """
    if not text:
        return ""
    text = _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))
    if not multiline:
        text = _LINE_BREAK.sub(" ", text)
    return redact_text(text)


def place(finding: Finding) -> str:
    """The file path or URL a finding is grouped under."""
    return finding.location.url or finding.location.path or PROJECT_PLACE


def grouped(findings: Iterable[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings sorted by location and grouped by file or URL, project-wide ones first."""
    ordered = sorted(findings, key=lambda f: (f.location.sort_key, -f.severity.rank, f.sort_key))
    return [(key, list(group)) for key, group in groupby(ordered, key=place)]


def plural(count: int, singular: str, many: str | None = None) -> str:
    """``"1 file"``, ``"2 files"``."""
    return f"{count} {singular if count == 1 else many or singular + 's'}"


def tool_version(result: RunResult) -> str:
    return result.tool_version or __version__


def held_back_line(data: dict[str, Any]) -> str | None:
    """The sentence saying how many findings fell below the minimum confidence, if any."""
    count = int(data["held_back"])
    if not count:
        return None
    below = data["min_confidence"]
    lower = "low" if below == "medium" else "medium"
    return (f"{plural(count, 'finding')} below {below} confidence held back "
            f"(--min-confidence {lower} lists them)")


def summary(result: RunResult) -> dict[str, Any]:
    """Counts per severity (worst first), totals, score and grade, as JSON-ready values.

    A run with its own scale (a scan) carries its score and grade; otherwise the core grade
    of the findings applies. ``sites`` lists each scanned site's score and grade.
    """
    counts = result.counts()
    data: dict[str, Any] = {sev.value: counts.get(sev, 0) for sev in reversed(Severity)}
    data.update(
        total=len(result.findings),
        suppressed=result.suppressed,
        held_back=result.held_back,
        min_confidence=result.min_confidence,
        baselined=result.baselined,
        baseline_fixed=result.baseline_fixed,
        files_audited=result.files_audited,
        duration=round(result.duration, 3),
        score=result.score if result.score is not None else score(result.findings),
        grade=result.grade or grade(result.findings),
        sites=[{"url": clean(site.url), "score": site.score, "grade": site.grade,
                "incomplete": site.incomplete} for site in result.sites],
    )
    return data
