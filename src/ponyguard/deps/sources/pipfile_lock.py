"""``Pipfile.lock`` (Pipenv): JSON with ``default`` and ``develop`` sections of exact pins.

An entry is ``"django": {"hashes": [...], "markers": "...", "version": "==4.2.16"}``; VCS
entries carry ``git``/``ref`` and local ones ``path`` or ``file`` instead of a version.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

from ...core.finding import Location
from ..model import Dependency, PinKind
from ..versions import parse_version
from .interface import DependencySourceError, Problem, ReadResult, SourceFile
from .lines import read_text

SECTIONS = ("default", "develop")
LABEL = "Pipfile.lock"


def read(source: SourceFile) -> ReadResult:
    text = read_text(source)
    try:
        data = json.loads(text)
    except ValueError as exc:
        line = getattr(exc, "lineno", None)
        raise DependencySourceError(f"not valid JSON: {exc}", line) from None
    if not isinstance(data, dict):
        raise DependencySourceError("not a Pipfile.lock (the top level is not an object)")
    lines = text.splitlines()
    result = ReadResult(files=[source.rel])
    for section in SECTIONS:
        entries = data.get(section) or {}
        if not isinstance(entries, dict):
            continue
        start = _line_of(lines, f'"{section}"', 0) or 1
        for name, entry in entries.items():
            dependency = _entry(source, name, entry, lines, start, result)
            if dependency is not None:
                result.dependencies.append(dependency)
    return result


def _entry(source: SourceFile, name: str, entry: Any, lines: list[str], start: int,
           result: ReadResult) -> Dependency | None:
    line = _line_of(lines, f'"{name}"', start - 1) or start
    if not isinstance(entry, Mapping):
        result.problems.append(Problem(source.rel, line, f"{name}: entry is not an object"))
        return None
    if entry.get("editable") or "path" in entry:
        return None
    for kind in ("git", "hg", "svn", "bzr", "file"):
        if kind in entry:
            detail = f"{kind} {entry[kind]}" + (f"@{entry['ref']}" if entry.get("ref") else "")
            return Dependency(name, PinKind.UNKNOWN, Location(source.rel, line), LABEL,
                              locked=True, detail=detail)
    pinned = str(entry.get("version") or "")
    version_line = _line_of(lines, '"version"', line - 1) or line
    version = parse_version(pinned) if pinned.startswith("==") else None
    if version is None:
        result.problems.append(Problem(source.rel, line, f"{name}: no exact version ({pinned!r})"))
        return None
    return Dependency(name, PinKind.EXACT, Location(source.rel, version_line), LABEL,
                      version=version, locked=True)


def _line_of(lines: list[str], needle: str, start: int) -> int | None:
    pattern = re.compile(re.escape(needle) + r"\s*:")
    for index in range(max(start, 0), len(lines)):
        if pattern.search(lines[index]):
            return index + 1
    return None
