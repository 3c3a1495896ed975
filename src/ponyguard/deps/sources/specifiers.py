"""From a PEP 508 requirement (or Poetry's constraint syntax) to a :class:`Dependency`."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from packaging.markers import UndefinedComparison, UndefinedEnvironmentName
from packaging.requirements import InvalidRequirement, Requirement
from packaging.specifiers import InvalidSpecifier, SpecifierSet
from packaging.utils import (
    InvalidSdistFilename,
    InvalidWheelFilename,
    canonicalize_name,
    parse_sdist_filename,
    parse_wheel_filename,
)
from packaging.version import Version

from ...core.finding import Location
from ..model import Constraint, Dependency, PinKind
from ..versions import parse_version


def exact_version(spec: SpecifierSet) -> Version | None:
    """The one version ``spec`` pins (``==4.2.16``, ``===4.2.16``), else None."""
    items = list(spec)
    if len(items) == 1 and items[0].operator in ("==", "===") and "*" not in items[0].version:
        return parse_version(items[0].version)
    return None


def from_specifier(name: str, spec: SpecifierSet, location: Location, source: str,
                   detail: str, applies_here: bool = True) -> Dependency:
    version = exact_version(spec)
    if version is not None:
        return Dependency(name, PinKind.EXACT, location, source, version=version,
                          detail=detail, applies_here=applies_here)
    if not str(spec):
        return Dependency(name, PinKind.ANY, location, source, detail=detail,
                          applies_here=applies_here)
    constraint = Constraint(str(spec), (spec,))
    return Dependency(name, PinKind.RANGE, location, source, constraint=constraint,
                      detail=detail, applies_here=applies_here)


def from_requirement(text: str, location: Location, source: str) -> Dependency:
    """A PEP 508 requirement string; raises ``InvalidRequirement`` when it is not one."""
    requirement = Requirement(text)
    applies = marker_applies(requirement)
    if requirement.url:
        named = from_filename(requirement.url)
        if named is not None and canonicalize_name(named[0]) == canonicalize_name(
                requirement.name):
            return Dependency(requirement.name, PinKind.EXACT, location, source,
                              version=named[1], detail=requirement.url, applies_here=applies)
        return Dependency(requirement.name, PinKind.UNKNOWN, location, source,
                          detail=requirement.url, applies_here=applies)
    return from_specifier(requirement.name, requirement.specifier, location, source,
                          text.strip(), applies)


def from_filename(url: str) -> tuple[str, Version] | None:
    """(name, version) from a URL ending in a wheel or sdist file name, else None."""
    filename = urlsplit(url).path.rsplit("/", 1)[-1]
    try:
        if filename.endswith(".whl"):
            name, version, _build, _tags = parse_wheel_filename(filename)
            return str(name), version
        if filename.endswith((".tar.gz", ".zip")):
            name, version = parse_sdist_filename(filename)
            return str(name), version
    except (InvalidWheelFilename, InvalidSdistFilename):
        return None
    return None


def marker_applies(requirement: Requirement) -> bool:
    if requirement.marker is None:
        return True
    try:
        return requirement.marker.evaluate()
    except (UndefinedEnvironmentName, UndefinedComparison):
        return True


_CARET = re.compile(r"^\^\s*(\d+(?:\.\d+)*)")
_TILDE = re.compile(r"^~(?!=)\s*(\d+(?:\.\d+)*)")


def poetry_constraint(text: str) -> tuple[SpecifierSet, ...]:
    """Poetry's version constraint (``^4.2``, ``~4.2``, ``4.2.*``, ``>=4,<5 || 6``) as PEP 440.

    See https://python-poetry.org/docs/dependency-specification/. Raises ``InvalidSpecifier``.
    """
    alternatives = []
    for part in text.split("||"):
        pieces = [p.strip() for p in re.split(r",|\s+(?=[<>=!~^])", part.strip()) if p.strip()]
        specs = [_poetry_piece(p) for p in pieces]
        alternatives.append(SpecifierSet(",".join(s for s in specs if s)))
    return tuple(alternatives)


def _poetry_piece(piece: str) -> str:
    if piece in ("*", ""):
        return ""
    caret = _CARET.match(piece)
    if caret:
        return _caret(caret.group(1))
    tilde = _TILDE.match(piece)
    if tilde:
        return _tilde(tilde.group(1))
    if piece[0].isdigit():
        return f"=={piece}"
    SpecifierSet(piece)  # raises InvalidSpecifier when it is not PEP 440 either
    return piece


def _caret(version: str) -> str:
    parts = [int(p) for p in version.split(".")]
    index = next((i for i, p in enumerate(parts) if p != 0), len(parts) - 1)
    upper = parts[: index + 1]
    upper[-1] += 1
    return f">={version},<{'.'.join(map(str, upper))}"


def _tilde(version: str) -> str:
    parts = [int(p) for p in version.split(".")]
    upper = parts[:2] if len(parts) > 1 else parts[:1]
    upper[-1] += 1
    return f">={version},<{'.'.join(map(str, upper))}"


__all__ = ["InvalidRequirement", "InvalidSpecifier", "exact_version", "from_requirement",
           "from_filename", "from_specifier", "marker_applies", "poetry_constraint"]
