"""Reporters: turn a :class:`~ponyguard.core.result.RunResult` into text, JSON, SARIF or HTML.

A reporter only formats; it never decides. Only the CLI maps ``--format`` names to classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .interface import Reporter

if TYPE_CHECKING:
    from .html import HtmlReporter
    from .json import JsonReporter
    from .sarif import SarifReporter
    from .text import TextReporter

__all__ = ["HtmlReporter", "JsonReporter", "Reporter", "SarifReporter", "TextReporter"]
_MODULES = {"HtmlReporter": "html", "JsonReporter": "json", "SarifReporter": "sarif",
            "TextReporter": "text"}


def __getattr__(name: str) -> object:
    # Each format's module is imported when first asked for (rich and jinja2 are not cheap).
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    import importlib

    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
