"""TOML lockfiles: ``poetry.lock``, ``uv.lock``, ``pdm.lock`` and ``pylock.toml`` (PEP 751).

Each is an array of package tables with a name and the exact version installed. Entries that
come from a VCS checkout, a URL or a local archive are reported with an unknown version; the
project itself and other local directories (editable or virtual entries) are not third-party
code and are skipped.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ...core.finding import Location
from ..model import Dependency, PinKind
from ..versions import parse_version
from .interface import Problem, ReadResult, SourceFile
from .lines import array_table_lines, key_line, load_toml, read_text

Origin = Callable[[Mapping[str, Any]], "tuple[str, str] | None"]
"""Returns ("skip" | "unknown", detail) for a non-registry entry, or None for an index one."""


def _poetry_origin(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    source = entry.get("source") or {}
    kind = source.get("type")
    if kind == "directory":
        return ("skip", "")
    if kind in ("git", "url", "file"):
        return ("unknown", f"{kind} {source.get('url', '')}".strip())
    return None


def _uv_origin(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    source = entry.get("source") or {}
    if any(k in source for k in ("editable", "virtual", "directory")):
        return ("skip", "")
    for kind in ("git", "url", "path"):
        if kind in source:
            return ("unknown", f"{kind} {source[kind]}")
    return None


def _pdm_origin(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    if entry.get("editable"):
        return ("skip", "")
    for kind in ("git", "url", "path"):
        if kind in entry:
            return ("unknown", f"{kind} {entry[kind]}")
    return None


def _pylock_origin(entry: Mapping[str, Any]) -> tuple[str, str] | None:
    if "directory" in entry:
        return ("skip", "")
    vcs = entry.get("vcs")
    if isinstance(vcs, Mapping):
        return ("unknown", f"{vcs.get('type', 'vcs')} {vcs.get('url') or vcs.get('path', '')}")
    archive = entry.get("archive")
    if isinstance(archive, Mapping):
        return ("unknown", f"archive {archive.get('url') or archive.get('path', '')}")
    return None


def _read(source: SourceFile, table: str, origin: Origin, label: str) -> ReadResult:
    text = read_text(source)
    data = load_toml(text)
    entries = data.get(table)
    result = ReadResult(files=[source.rel])
    if not isinstance(entries, list):
        result.problems.append(Problem(source.rel, None, f"no [[{table}]] entries in {label}"))
        return result
    lines = text.splitlines()
    blocks = array_table_lines(lines, table)
    for index, entry in enumerate(entries):
        block = blocks[index] if index < len(blocks) else (0, 1)
        dependency = _entry(source, entry, block, lines, origin, label, result)
        if dependency is not None:
            result.dependencies.append(dependency)
    return result


def _entry(source: SourceFile, entry: object, block: tuple[int, int], lines: list[str],
           origin: Origin, label: str, result: ReadResult) -> Dependency | None:
    header = block[0] + 1
    if not isinstance(entry, Mapping) or not isinstance(entry.get("name"), str):
        result.problems.append(Problem(source.rel, header, "package entry without a name"))
        return None
    name = entry["name"]
    where = origin(entry)
    if where is not None and where[0] == "skip":
        return None
    if where is not None:
        return Dependency(name, PinKind.UNKNOWN, Location(source.rel, header), label,
                          version=parse_version(_str(entry.get("version"))), locked=True,
                          detail=where[1])
    version = parse_version(_str(entry.get("version")))
    line = key_line(lines, block, "version")
    if version is None:
        result.problems.append(Problem(
            source.rel, line, f"{name}: version {entry.get('version')!r} is not a PEP 440 version"))
        return None
    return Dependency(name, PinKind.EXACT, Location(source.rel, line), label, version=version,
                      locked=True)


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def read_poetry(source: SourceFile) -> ReadResult:
    return _read(source, "package", _poetry_origin, "poetry.lock")


def read_uv(source: SourceFile) -> ReadResult:
    return _read(source, "package", _uv_origin, "uv.lock")


def read_pdm(source: SourceFile) -> ReadResult:
    return _read(source, "package", _pdm_origin, "pdm.lock")


def read_pylock(source: SourceFile) -> ReadResult:
    return _read(source, "packages", _pylock_origin, "pylock.toml")
