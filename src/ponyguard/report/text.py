"""The terminal report: findings grouped by file or URL, the fix line, and a graded summary.

Everything from the audited project or scanned site is built into ``rich.text.Text`` objects
(never parsed as markup) after :func:`~ponyguard.report.interface.clean` has removed escape
sequences and control characters and masked secrets, so hostile content cannot drive the
reader's terminal.
"""

from __future__ import annotations

import sys
from io import StringIO
from typing import Any, Literal

from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.text import Text

from ..core.finding import Finding
from ..core.result import RunResult
from ..core.severity import Severity
from .interface import Reporter, clean, grouped, held_back_line, plural, summary, tool_version

SEVERITY_STYLE = {
    Severity.CRITICAL: "bold white on red",
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "bold yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "dim",
}
GRADE_STYLE = {"A+": "bold green", "A": "bold green", "B": "bold yellow", "C": "bold yellow"}
SCOPE_LABEL = {"audit": "settings audited", "scan": "scanned", "deps": "checked"}
BAD = "bold red"
NON_TTY_WIDTH = 120
_INDENT = 4


class TextReporter(Reporter):
    """Human-readable output for a terminal or a log.

    ``color``: ``True``/``False`` force colour on or off; ``None`` colours only when standard
    output is a terminal, and honours ``NO_COLOR`` and ``FORCE_COLOR``. ``width`` defaults to the
    terminal's width, or 120 columns when not writing to a terminal.
    """

    name = "text"

    def __init__(self, color: bool | None = None, width: int | None = None) -> None:
        self.color = color
        self.width = width

    def render(self, result: RunResult) -> str:
        buffer = StringIO()
        console = self._console(buffer)
        for renderable in _report(result):
            console.print(renderable)
        # Padding fills wrapped blocks out to their width; drop that trailing whitespace.
        return "\n".join(line.rstrip(" ") for line in buffer.getvalue().split("\n"))

    def _console(self, buffer: StringIO) -> Console:
        system: Literal["auto", "standard"] | None
        tty = sys.stdout.isatty()
        if self.color is None:
            # None leaves FORCE_COLOR and NO_COLOR to rich.
            force, no_color, system = (True if tty else None), None, "auto"
        else:
            force, no_color = self.color, not self.color
            system = "standard" if self.color else None
        width = self.width or (None if tty else NON_TTY_WIDTH)
        return Console(file=buffer, force_terminal=force, no_color=no_color, width=width,
                       color_system=system, markup=False, emoji=False, highlight=False,
                       force_jupyter=False, legacy_windows=False)


def _report(result: RunResult) -> list[RenderableType]:
    parts: list[RenderableType] = [_header(result), Text()]
    if not result.findings:
        note = " (in what could be audited; see the errors below)" if result.incomplete else ""
        parts += [Text.assemble(("No problems found.", "bold green"), note), Text()]
    for where, findings in grouped(result.findings):
        parts.append(Text(clean(where), style="bold underline"))
        parts.extend(_finding(finding) for finding in findings)
        parts.append(Text())
    parts.extend(_summary(result))
    return parts


def _header(result: RunResult) -> RenderableType:
    title = Text.assemble(("ponyguard", "bold"), f" {tool_version(result)} · ",
                          clean(result.kind), " · ", (clean(result.target), "bold"))
    lines: list[RenderableType] = [title]
    if result.scopes:
        label = SCOPE_LABEL.get(result.kind, "covered")
        scopes = ", ".join(clean(scope) for scope in result.scopes)
        lines.append(Text.assemble((f"{label}: ", "dim"), scopes))
    lines.extend(Text.assemble(("note: ", "dim"), clean(note)) for note in result.notes)
    return Group(*lines) if len(lines) > 1 else title


def _finding(finding: Finding) -> RenderableType:
    rule = finding.rule
    head = Text.assemble(
        "  ", (f" {finding.severity.value.upper()} ", SEVERITY_STYLE[finding.severity]),
        " ", (rule.id, "bold"), " ", rule.title,
    )
    location = finding.location
    where = Text()
    if location.path or location.url:
        where.append(clean(str(location)), style="bold")
        where.append(" · ")
    where.append(f"confidence {finding.confidence.value}", style="dim")
    if finding.scopes:
        where.append(" · in " + ", ".join(clean(s) for s in finding.scopes), style="dim")
    lines: list[RenderableType] = [where, Text(clean(finding.message))]
    fix = clean(finding.fix_text)
    if fix:
        lines.append(Text.assemble(("fix: ", "bold green"), fix))
    if finding.evidence:
        lines.append(Text.assemble(("evidence: ", "dim"), clean(finding.evidence, multiline=True)))
    return Group(head, Padding(Group(*lines), (0, 0, 0, _INDENT), expand=False))


def _summary(result: RunResult) -> list[RenderableType]:
    data = summary(result)
    letter = data["grade"]
    counts = Text("  ")
    for sev in reversed(Severity):
        style = SEVERITY_STYLE[sev] if data[sev.value] else "dim"
        counts.append(f"{data[sev.value]} {sev.value}", style=style)
        counts.append(" · ")
    counts.append(f"{data['total']} total", style="bold")
    filtered = Text(
        f"  {data['suppressed']} suppressed · {data['baselined']} baselined · "
        f"{plural(data['baseline_fixed'], 'baseline entry', 'baseline entries')} "
        "no longer matching"
    )
    parts: list[RenderableType] = [
        Text.assemble(("Summary", "bold"), "  grade ", (letter, _grade_style(letter)),
                      f" (score {data['score']})"),
        counts,
        filtered,
    ]
    held_back = held_back_line(data)
    if held_back:
        parts.append(Text(f"  {held_back}", style="dim"))
    parts.append(Text(f"  {_covered(result, data)} in {result.duration:.2f}s"))
    if len(data["sites"]) > 1:
        parts.extend(
            Text.assemble("    ", (f"{site['grade']:<3}", _grade_style(site["grade"])),
                          f" {site['score']:>4}  ", site["url"],
                          (" (incomplete)", BAD) if site["incomplete"] else "")
            for site in data["sites"])
    if result.incomplete or result.errors:
        parts.extend(_errors(result))
    return parts


def _grade_style(letter: str) -> str:
    return GRADE_STYLE.get(letter.rstrip("+-"), BAD) if letter != "A+" else GRADE_STYLE["A+"]


def _covered(result: RunResult, data: dict[str, Any]) -> str:
    if result.kind == "scan":
        return f"{plural(max(1, len(data['sites'])), 'site')} scanned"
    return f"{plural(data['files_audited'], 'file')} audited"


def _errors(result: RunResult) -> list[RenderableType]:
    parts: list[RenderableType] = []
    if result.incomplete:
        parts.append(Text("INCOMPLETE RUN: some of the target could not be audited; "
                          "findings may be missing.", style="bold red"))
    label = f"{len(result.errors)} error(s):" if result.errors else "no error details"
    parts.append(Text("  " + label, style="red"))
    parts.extend(Padding(Text("- " + clean(error)), (0, 0, 0, _INDENT), expand=False)
                 for error in result.errors)
    return parts
