"""Reporters: turn a :class:`~ponyguard.core.result.RunResult` into text, JSON, SARIF or HTML.

A reporter only formats; it never decides. Only the CLI maps ``--format`` names to classes.
"""

from __future__ import annotations

from .html import HtmlReporter
from .interface import Reporter
from .json import JsonReporter
from .sarif import SarifReporter
from .text import TextReporter

__all__ = ["HtmlReporter", "JsonReporter", "Reporter", "SarifReporter", "TextReporter"]
