"""Limits that keep a hostile query cheap to reject: every one is checked while parsing."""

from __future__ import annotations

from dataclasses import dataclass

DEPTH_CEILING = 100
"""No configuration may allow deeper nesting: Django's SQL compiler recurses per level."""


@dataclass(frozen=True, slots=True)
class Limits:
    """How big a query may be. The defaults suit a search box; raise them deliberately.

    - ``max_length``: characters of input text.
    - ``max_terms``: comparisons (``a = 1`` is one term).
    - ``max_depth``: nesting of parentheses, and of ``and``/``or``/``not`` in the tree
      (at most :data:`DEPTH_CEILING`).
    - ``max_list``: values in one ``in (...)`` list.
    - ``max_hops``: relations one field path may cross (``groups__name`` is one hop).
    """

    max_length: int = 4000
    max_terms: int = 100
    max_depth: int = 20
    max_list: int = 500
    max_hops: int = 3

    def __post_init__(self) -> None:
        for name in ("max_length", "max_terms", "max_depth", "max_list"):
            if getattr(self, name) < 1:
                raise ValueError(f"Limits.{name} must be at least 1")
        if self.max_hops < 0:
            raise ValueError("Limits.max_hops must be at least 0")
        if self.max_depth > DEPTH_CEILING:
            raise ValueError(f"Limits.max_depth may not exceed {DEPTH_CEILING}")
