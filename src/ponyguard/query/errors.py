"""Errors of the query language: each one says what is wrong, where, and what would be right.

The tree (all are :class:`~ponyguard.core.errors.PonyguardError` and :class:`ValueError`)::

    QueryError
    ├── QuerySyntaxError   the text is not a query (bad token, missing operand, unclosed paren)
    │   └── QueryLimitError  the text is a query, but beyond a configured limit
    └── QuerySchemaError   the query names a field the schema does not allow, uses an
                           operator the field does not support, or a value that does not fit

Nothing else escapes :func:`~ponyguard.query.parse` or the backends for any input text.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..core.errors import PonyguardError


class QueryError(PonyguardError, ValueError):
    """A query that cannot be used, with its 1-based ``line`` and ``column``.

    ``token`` is the offending text as written (``""`` at the end of the input);
    ``suggestions`` are close allowed names or values, best first (may be empty).
    """

    def __init__(self, message: str, *, line: int, column: int, token: str = "",
                 suggestions: Sequence[str] = ()) -> None:
        self.message = message
        self.line = line
        self.column = column
        self.token = token
        self.suggestions = tuple(suggestions)
        super().__init__(self.describe())

    def describe(self) -> str:
        """One line: the message, the position and any suggestions."""
        text = f"{self.message} (line {self.line}, column {self.column})"
        if self.suggestions:
            text += "; did you mean " + " or ".join(f"`{s}`" for s in self.suggestions) + "?"
        return text

    def pointer(self, query: str) -> str:
        """The offending line of ``query`` with a caret under the error's column."""
        lines = query.splitlines() or [""]
        text = lines[self.line - 1] if self.line <= len(lines) else ""
        width = max(1, len(self.token.splitlines()[0]) if self.token else 1)
        return f"{text}\n{' ' * (self.column - 1)}{'^' * width}"


class QuerySyntaxError(QueryError):
    """The text is not a well-formed query."""


class QueryLimitError(QuerySyntaxError):
    """The query exceeds one of the :class:`~ponyguard.query.Limits`."""


class QuerySchemaError(QueryError):
    """The query is well formed but not allowed or not meaningful for this schema."""
