"""Inline suppressions: ``# ponyguard: ignore[PG101, debug-enabled]``.

In templates (Django and Jinja2) the marker goes in a template comment:
``{# ponyguard: ignore[PG302] #}`` and ``{# ponyguard: file-ignore[PG3] #}``; which syntax a
file uses is decided by its extension (:func:`parse_suppressions` with ``path``).

A suppression applies to findings on its own line (trailing comment) or, when the comment
stands alone on its line, to the next line. ``# ponyguard: file-ignore[PG1]`` anywhere in a
file applies to the whole file and accepts id prefixes. Ids (or rule names) are required: a
blanket ``# ponyguard: ignore`` suppresses nothing and is reported (PG006); a suppression that
matches nothing is reported too (PG005).
"""

from __future__ import annotations

import io
import re
import tokenize
from dataclasses import dataclass, field

from .finding import Finding

TEMPLATE_SUFFIXES = (".html", ".htm", ".txt", ".xml", ".jinja", ".jinja2", ".j2", ".djhtml",
                     ".svg", ".js")
"""Files whose suppressions are ``{# … #}`` template comments."""
_TEMPLATE_COMMENT = re.compile(r"\{#(.*?)#\}", re.DOTALL)
_MARKER = re.compile(r"ponyguard:\s*(?P<kind>file-ignore|ignore)\b(?:\[(?P<ids>[^\]]*)\])?",
                     re.IGNORECASE)


@dataclass
class Suppression:
    """One ``ignore`` comment: the lines it covers and which of its ids were used."""

    line: int
    column: int
    applies_to: frozenset[int]
    ids: tuple[str, ...]
    whole_file: bool = False
    used: set[str] = field(default_factory=set)

    def matches(self, finding: Finding) -> str | None:
        """The id in this comment that covers ``finding``, if any."""
        if not self.whole_file and finding.location.line not in self.applies_to:
            return None
        rule = finding.rule
        for given in self.ids:
            upper = given.upper()
            if upper == rule.id or given.lower() == rule.name:
                return given
            if self.whole_file and upper.startswith("PG") and rule.id.startswith(upper):
                return given
        return None


def parse_suppressions(text: str, path: str | None = None) -> list[Suppression]:
    """Every ponyguard marker in the comments of a file's text.

    Template files (by ``path``'s extension, see :data:`TEMPLATE_SUFFIXES`) are read with
    :func:`parse_template_suppressions`; anything else as Python source.
    """
    if path is not None and path.lower().endswith(TEMPLATE_SUFFIXES):
        return parse_template_suppressions(text)
    found = []
    for comment, (line, col), own_line in _comments(text):
        suppression = _suppression(comment, line, col + 1, line + 1 if own_line else line)
        if suppression is not None:
            found.append(suppression)
    return found


def parse_template_suppressions(text: str) -> list[Suppression]:
    """Markers in ``{# … #}`` comments of a Django or Jinja2 template.

    A comment with nothing else on its line(s) covers the line after it too.
    """
    found = []
    for match in _TEMPLATE_COMMENT.finditer(text):
        start, end = match.span()
        line = text.count("\n", 0, start) + 1
        line_start = text.rfind("\n", 0, start) + 1
        last_line = line + match.group().count("\n")
        line_end = text.find("\n", end)
        own_line = (text[line_start:start].strip() == ""
                    and text[end:line_end if line_end >= 0 else len(text)].strip() == "")
        last = last_line + 1 if own_line else last_line
        suppression = _suppression(match.group(1), line, start - line_start + 1, last)
        if suppression is not None:
            found.append(suppression)
    return found


def _suppression(comment: str, line: int, column: int, last: int) -> Suppression | None:
    """The suppression a comment starting at ``line`` holds, covering lines up to ``last``."""
    match = _MARKER.search(comment)
    if not match:
        return None
    ids = tuple(x.strip() for x in (match.group("ids") or "").split(",") if x.strip())
    whole = match.group("kind").lower() == "file-ignore"
    lines = frozenset(range(line, last + 1))
    return Suppression(line, column, lines, ids, whole_file=whole)


def _comments(text: str) -> list[tuple[str, tuple[int, int], bool]]:
    comments = []
    try:
        tokens = tokenize.generate_tokens(io.StringIO(text).readline)
        previous_line_end = 0
        for token in tokens:
            if token.type == tokenize.COMMENT:
                own_line = token.line[: token.start[1]].strip() == ""
                comments.append((token.string, token.start, own_line))
            previous_line_end = token.end[0]
        del previous_line_end
    except (tokenize.TokenError, SyntaxError, IndentationError):
        return _comments_by_line(text)
    return comments


def _comments_by_line(text: str) -> list[tuple[str, tuple[int, int], bool]]:
    """Fallback for files that do not tokenize: a ``#`` outside obvious strings."""
    comments = []
    for number, line in enumerate(text.splitlines(), start=1):
        index = line.find("#")
        if index >= 0 and "ponyguard:" in line[index:]:
            comments.append((line[index:], (number, index), line[:index].strip() == ""))
    return comments
