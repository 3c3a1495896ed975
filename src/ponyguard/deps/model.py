"""What a dependency file says about one package: the data model every reader produces."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

from ..core.finding import Location


class PinKind(enum.Enum):
    """How precisely a file fixes a package's version."""

    EXACT = "exact"
    """One version: a lockfile entry, ``==4.2.16``, an installed distribution."""
    RANGE = "range"
    """Any version a specifier admits: ``>=4.2``, ``~=4.2.0``, Poetry's ``^4.2``."""
    ANY = "any"
    """No version constraint at all: a bare ``Django``."""
    UNKNOWN = "unknown"
    """Installed from a URL, a VCS checkout or a local path: the version cannot be known."""


@dataclass(frozen=True, slots=True)
class Constraint:
    """A version constraint: admitted when any alternative admits (Poetry's ``||``)."""

    text: str
    alternatives: tuple[SpecifierSet, ...]

    def admits(self, version: Version) -> bool:
        return any(spec.contains(version, prereleases=False) for spec in self.alternatives)


@dataclass(frozen=True, slots=True)
class Dependency:
    """One package named by one dependency file (or the environment), where it is named."""

    name: str
    """As written (``Django``); :attr:`key` is the canonical form used for look-ups."""
    kind: PinKind
    location: Location
    source: str
    """The reader that found it: ``requirements``, ``uv.lock``, ``environment``…"""
    version: Version | None = None
    constraint: Constraint | None = None
    locked: bool = False
    """From a lockfile format, which pins what is installed (``poetry.lock``, ``uv.lock``…)."""
    detail: str = ""
    """The requirement as written, or the URL of an unknown pin, for messages."""
    applies_here: bool = True
    """False when environment markers exclude it on this interpreter (it may apply elsewhere)."""
    key: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "key", canonicalize_name(self.name))

    @property
    def display(self) -> str:
        """The name for messages: ``Django`` however a lockfile spells it, else as written."""
        return "Django" if self.key == "django" else self.name

    @property
    def label(self) -> str:
        """``Django 4.2.16`` or ``Django>=4.2``, for messages."""
        if self.version is not None:
            return f"{self.display} {self.version}"
        if self.constraint is not None:
            return f"{self.display}{self.constraint.text}"
        return self.display
