"""The running interpreter's installed distributions (``ponyguard deps --env``).

Read with :mod:`importlib.metadata`, so it covers whatever ``pip``, ``uv`` or a system package
manager installed. A distribution installed from a VCS checkout (its PEP 610
``direct_url.json`` has ``vcs_info``) has an unknown version; editable installs of local
directories are the project's own code and are skipped.
"""

from __future__ import annotations

import json
import sys
from importlib import metadata
from typing import Any

from ...core.finding import Location
from ..model import Dependency, PinKind
from ..versions import parse_version
from .interface import Problem, ReadResult

LABEL = "environment"


def read_environment(path: list[str] | None = None) -> ReadResult:
    """Every distribution importable from ``path`` (default ``sys.path``)."""
    result = ReadResult(files=[])
    seen: set[str] = set()
    for dist in metadata.distributions(path=path if path is not None else sys.path):
        name = dist.metadata["Name"] if dist.metadata else None
        if not name or name.lower() in seen:
            continue
        seen.add(name.lower())
        dependency = _dependency(dist, name, result)
        if dependency is not None:
            result.dependencies.append(dependency)
    return result


def _dependency(dist: metadata.Distribution, name: str, result: ReadResult) -> Dependency | None:
    where = Location()
    direct = _direct_url(dist)
    if direct.get("dir_info", {}).get("editable"):
        return None
    if "vcs_info" in direct:
        vcs = direct["vcs_info"]
        return Dependency(name, PinKind.UNKNOWN, where, LABEL, version=parse_version(dist.version),
                          detail=f"{vcs.get('vcs', 'vcs')} {direct.get('url', '')}"
                                 f"@{vcs.get('commit_id', '')}")
    version = parse_version(dist.version)
    if version is None:
        result.problems.append(Problem("", None, f"{name}: installed version "
                                                 f"{dist.version!r} is not a PEP 440 version"))
        return None
    return Dependency(name, PinKind.EXACT, where, LABEL, version=version,
                      detail=f"installed {name} {version}")


def _direct_url(dist: metadata.Distribution) -> dict[str, Any]:
    text = dist.read_text("direct_url.json")
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}
