"""``pyproject.toml``: PEP 621 ``[project]`` dependencies, PEP 735 ``[dependency-groups]`` and
Poetry's ``[tool.poetry.*dependencies]`` tables.

These declare what a project accepts, not what is installed: usually ranges, which the rules
judge by the releases they admit (and not at all when a lockfile beside them pins the package).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

from packaging.requirements import InvalidRequirement
from packaging.specifiers import InvalidSpecifier

from ...core.finding import Location
from ..model import Constraint, Dependency, PinKind
from .interface import Problem, ReadResult, SourceFile
from .lines import find_line, load_toml, read_text
from .specifiers import exact_version, from_requirement, poetry_constraint

LABEL = "pyproject.toml"
POETRY_SECTIONS = ("dependencies", "dev-dependencies")


def read(source: SourceFile) -> ReadResult:
    text = read_text(source)
    data = load_toml(text)
    lines = text.splitlines()
    result = ReadResult(files=[source.rel])
    for header, requirement in _pep621(data):
        start = _header_line(lines, header)
        line = (find_line(lines, f'"{requirement}"', start)
                or find_line(lines, f"'{requirement}'", start) or start + 1)
        where = Location(source.rel, line)
        try:
            result.dependencies.append(from_requirement(requirement, where, LABEL))
        except InvalidRequirement as exc:
            result.problems.append(Problem(source.rel, line, f"not a requirement: {exc}"))
    for header, name, value in _poetry(data):
        start = _header_line(lines, header)
        line = _key_line(lines, name, start)
        _poetry_dependency(source, name, value, Location(source.rel, line), result)
    return result


def _pep621(data: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    project = data.get("project") or {}
    for requirement in project.get("dependencies") or ():
        if isinstance(requirement, str):
            yield "project", requirement
    for group, requirements in (project.get("optional-dependencies") or {}).items():
        for requirement in requirements or ():
            if isinstance(requirement, str):
                yield f"project.optional-dependencies.{group}", requirement
    for group, requirements in (data.get("dependency-groups") or {}).items():
        for requirement in requirements or ():
            if isinstance(requirement, str):  # {include-group = "…"} tables name no package
                yield f"dependency-groups.{group}", requirement


def _poetry(data: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    poetry = (data.get("tool") or {}).get("poetry") or {}
    tables = [(f"tool.poetry.{s}", poetry.get(s)) for s in POETRY_SECTIONS]
    for group, body in (poetry.get("group") or {}).items():
        tables.append((f"tool.poetry.group.{group}.dependencies", (body or {}).get("dependencies")))
    for header, table in tables:
        if not isinstance(table, Mapping):
            continue
        for name, value in table.items():
            if name.lower() != "python":
                yield header, name, value


def _poetry_dependency(source: SourceFile, name: str, value: Any, where: Location,
                       result: ReadResult) -> None:
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, Mapping):
            if "path" in item:
                continue
            vcs = next((k for k in ("git", "url", "file") if k in item), None)
            if vcs is not None:
                result.dependencies.append(Dependency(
                    name, PinKind.UNKNOWN, where, LABEL, detail=f"{vcs} {item[vcs]}"))
                continue
            item = item.get("version", "*")
        text = str(item).strip()
        try:
            alternatives = poetry_constraint(text)
        except InvalidSpecifier as exc:
            result.problems.append(Problem(source.rel, where.line, f"{name}: {exc}"))
            continue
        result.dependencies.append(_from_constraint(name, text, alternatives, where))


def _from_constraint(name: str, text: str, alternatives: tuple[Any, ...],
                     where: Location) -> Dependency:
    detail = f'{name} = "{text}"'
    if len(alternatives) == 1:
        version = exact_version(alternatives[0])
        if version is not None:
            return Dependency(name, PinKind.EXACT, where, LABEL, version=version, detail=detail)
        if not str(alternatives[0]):
            return Dependency(name, PinKind.ANY, where, LABEL, detail=detail)
    return Dependency(name, PinKind.RANGE, where, LABEL,
                      constraint=Constraint(f' = "{text}"', alternatives), detail=detail)


def _header_line(lines: list[str], header: str) -> int:
    """0-based index of the ``[header]`` line, or 0 (dotted keys and inline tables)."""
    pattern = re.compile(rf"^\s*\[\s*{re.escape(header)}\s*\]")
    return next((i for i, line in enumerate(lines) if pattern.match(line)), 0)


def _key_line(lines: list[str], name: str, start: int) -> int:
    pattern = re.compile(rf"""^\s*["']?{re.escape(name)}["']?\s*=""", re.IGNORECASE)
    for index in range(start, len(lines)):
        if pattern.match(lines[index]):
            return index + 1
    return start + 1
