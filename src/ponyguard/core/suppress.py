"""Inline suppressions: ``# ponyguard: ignore[PG101, debug-enabled]``.

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


def parse_suppressions(text: str) -> list[Suppression]:
    """Every ponyguard marker in the comments of a Python source text."""
    found = []
    for comment, (line, col), own_line in _comments(text):
        match = _MARKER.search(comment)
        if not match:
            continue
        ids = tuple(x.strip() for x in (match.group("ids") or "").split(",") if x.strip())
        whole = match.group("kind").lower() == "file-ignore"
        lines = frozenset({line, line + 1} if own_line else {line})
        found.append(Suppression(line, col + 1, lines, ids, whole_file=whole))
    return found


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
