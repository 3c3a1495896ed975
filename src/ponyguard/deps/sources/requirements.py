"""pip requirements files (``requirements*.txt``), with ``-r`` includes and ``-c`` constraints.

Follows pip's format (https://pip.pypa.io/en/stable/reference/requirements-file-format/):
line continuations, comments, global options (ignored), per-requirement ``--hash`` options,
extras and environment markers. ``-r``/``-c`` paths are relative to the including file; a
file included twice is read once. A constraint that pins a required package exactly is where
that package is pinned. Editable local paths are the project's own code and are skipped;
VCS and URL requirements have an unknown version unless the URL names a wheel or sdist.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from packaging.requirements import InvalidRequirement
from packaging.utils import canonicalize_name

from ...core.finding import Location
from ..model import Dependency, PinKind
from .interface import DependencySourceError, Problem, ReadResult, SourceFile
from .lines import read_text
from .specifiers import from_filename, from_requirement

LABEL = "requirements"
MAX_INCLUDE_DEPTH = 20
_COMMENT = re.compile(r"(^|\s+)#.*$")
_PER_REQUIREMENT_OPTION = re.compile(
    r"\s+--(hash|config-settings|global-option|install-option)(=|\s+)\S+")
_INCLUDE = re.compile(r"^(-r|--requirement|-c|--constraint)(=|\s+|(?<=-r)|(?<=-c))(?P<path>\S+)")
_EDITABLE = re.compile(r"^(-e|--editable)(=|\s+)(?P<target>.+)$")
_EGG = re.compile(r"[#&]egg=(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)")
_URL = re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE)
_VCS = ("git+", "hg+", "svn+", "bzr+")


@dataclass
class _State:
    source: SourceFile
    result: ReadResult = field(default_factory=ReadResult)
    constraints: dict[str, Dependency] = field(default_factory=dict)
    seen: set[Path] = field(default_factory=set)


def read(source: SourceFile) -> ReadResult:
    state = _State(source)
    _read_file(state, source.path, constraint=False, depth=0)
    state.result.dependencies = [_constrained(d, state.constraints)
                                 for d in state.result.dependencies]
    return state.result


def _constrained(dependency: Dependency, constraints: dict[str, Dependency]) -> Dependency:
    pin = constraints.get(dependency.key)
    if (dependency.kind in (PinKind.RANGE, PinKind.ANY) and pin is not None
            and pin.kind is PinKind.EXACT and pin.version is not None
            and (dependency.constraint is None or dependency.constraint.admits(pin.version))):
        return replace(pin, name=dependency.name)
    return dependency


def logical_lines(text: str) -> list[tuple[int, str]]:
    """(first line number, text) per logical line: continuations joined, comments removed."""
    out: list[tuple[int, str]] = []
    buffer, start = "", 0
    for number, raw in enumerate(text.splitlines(), start=1):
        if not buffer:
            start = number
        if raw.endswith("\\") and not raw.lstrip().startswith("#"):
            buffer += raw[:-1] + " "
            continue
        line = _COMMENT.sub("", buffer + raw).strip()
        buffer = ""
        if line:
            out.append((start, line))
    if buffer.strip():
        out.append((start, _COMMENT.sub("", buffer).strip()))
    return out


def _read_file(state: _State, path: Path, *, constraint: bool, depth: int) -> None:
    resolved = path.resolve()
    if resolved in state.seen:
        return
    state.seen.add(resolved)
    rel = state.source.relative(path)
    sub = SourceFile(path, rel, state.source.root)
    text = read_text(sub)
    state.result.files.append(rel)
    for number, line in logical_lines(text):
        _line(state, sub, path, number, line, constraint=constraint, depth=depth)


def _line(state: _State, sub: SourceFile, path: Path, number: int, line: str, *,
          constraint: bool, depth: int) -> None:
    where = Location(sub.rel, number)
    include = _INCLUDE.match(line)
    if include:
        _include(state, path, include, where, depth)
        return
    editable = _EDITABLE.match(line)
    if editable:
        dependency = _url_dependency(editable.group("target").strip(), where)
    elif line.startswith("-"):
        return  # a global option: --index-url, --find-links, --require-hashes…
    elif _URL.match(line) or line.startswith((".", "/")) or line.startswith(_VCS):
        dependency = _url_dependency(line.split()[0], where)
    else:
        dependency = _requirement(state, where, _PER_REQUIREMENT_OPTION.sub("", line))
    if dependency is None:
        return
    if constraint:
        state.constraints.setdefault(dependency.key, dependency)
    else:
        state.result.dependencies.append(dependency)


def _include(state: _State, path: Path, match: re.Match[str], where: Location,
             depth: int) -> None:
    target = path.parent / match.group("path")
    is_constraint = match.group(1) in ("-c", "--constraint")
    if depth >= MAX_INCLUDE_DEPTH:
        state.result.problems.append(Problem(where.path or "", where.line,
                                             f"includes nested deeper than {MAX_INCLUDE_DEPTH}"))
        return
    if _URL.match(match.group("path")):
        state.result.problems.append(Problem(
            where.path or "", where.line,
            f"{match.group('path')}: remote includes are not fetched"))
        return
    try:
        _read_file(state, target, constraint=is_constraint, depth=depth + 1)
    except DependencySourceError as exc:
        state.result.problems.append(Problem(where.path or "", where.line,
                                             f"{match.group('path')}: {exc}"))


def _requirement(state: _State, where: Location, text: str) -> Dependency | None:
    try:
        return from_requirement(text, where, LABEL)
    except InvalidRequirement as exc:
        state.result.problems.append(Problem(where.path or "", where.line,
                                             f"not a requirement: {exc}"))
        return None


def _url_dependency(target: str, where: Location) -> Dependency | None:
    """A requirement given as a URL, VCS URL or local path (possibly editable)."""
    egg = _EGG.search(target)
    parsed = from_filename(target)
    if parsed is not None:
        name, version = parsed
        return Dependency(name, PinKind.EXACT, where, LABEL, version=version, detail=target)
    if egg is None:
        # A local directory (the project itself) or an unnamed URL: nothing to look up.
        return None
    return Dependency(canonicalize_name(egg.group("name")), PinKind.UNKNOWN, where, LABEL,
                      detail=target)
