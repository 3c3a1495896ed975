"""The value lattice the settings resolver produces.

A :class:`Value` is what a setting is known to be under the audit's environment profile:

* ``data`` is plain Python data (``str``, ``int``, ``bool``, ``None``, ``list``, ``tuple``,
  ``dict``, ``set``) or :data:`UNKNOWN`. Containers may hold :data:`UNKNOWN` items, and a list
  that had an unknown part appended ends with :data:`UNKNOWN_REST`.
* ``origin`` is where the value was set (None for Django's defaults and runtime settings).
* ``env`` records every environment variable the value's evaluation consulted: whether it was
  set in the profile, and the default the code supplied for it.
* ``hardcoded`` is True when the data comes from literals in the source (including a literal
  fallback default for an unset variable), False when it comes from the environment, a file,
  a computation ponyguard does not model, or the live runtime.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Any, Final


class _Sentinel:
    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __repr__(self) -> str:
        return self._name

    def __bool__(self) -> bool:
        raise TypeError(f"{self._name} has no truth value; test it with `is`")


UNKNOWN: Final = _Sentinel("UNKNOWN")
"""A value (or a container item) that cannot be known statically."""
UNKNOWN_REST: Final = _Sentinel("UNKNOWN_REST")
"""Last item of a list that had a part of unknown length added to it."""
MISSING: Final = _Sentinel("MISSING")
"""No default was given (``os.environ["X"]``)."""


@dataclass(frozen=True, slots=True)
class Origin:
    """Where a value was set: a path relative to the audited root, 1-based line and column."""

    path: str
    line: int
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


@dataclass(frozen=True, slots=True)
class EnvUse:
    """One environment variable consulted while evaluating a value.

    Also an attribute read with a default from a configuration object the audit cannot see
    (``getattr(configuration, "DEBUG", False)``, named ``configuration.DEBUG``): like a
    variable, it is taken as unset.
    """

    name: str
    is_set: bool
    default: Any = MISSING
    """The default the code supplies (plain data, UNKNOWN, or MISSING when there is none)."""
    conditional: bool = field(default=False, compare=False)
    """The variable only decided an ``if`` around the value, it is not part of its data."""

    @property
    def default_used(self) -> bool:
        return not self.is_set and self.default is not MISSING


@dataclass(frozen=True, slots=True)
class Alternative:
    """What a value would have been had an ``if`` on unset variables gone the other way."""

    names: tuple[str, ...]
    """The variables the ``if`` tested."""
    data: Any
    """The value's data after the other branch (UNKNOWN when that cannot be known)."""


@dataclass(frozen=True, slots=True)
class Value:
    """A setting's value with its provenance. See the module docstring."""

    data: Any
    origin: Origin | None = None
    env: tuple[EnvUse, ...] = ()
    hardcoded: bool = False
    is_default: bool = False
    reason: str | None = field(default=None, compare=False)
    """Why the value is unknown, when it is (``"calls open()"``)."""
    leaves: dict[tuple[Any, ...], Value] = field(default_factory=dict, compare=False,
                                                 hash=False, repr=False)
    """Provenance of items inside dicts, by key path: ``("default", "PASSWORD")``."""
    alternatives: tuple[Alternative, ...] = field(default=(), compare=False, repr=False)
    """The value under each ``if`` whose condition rested on unset variables, flipped."""

    @property
    def known(self) -> bool:
        return self.data is not UNKNOWN

    @property
    def env_defaulted(self) -> tuple[str, ...]:
        """Variables that are unset in the profile, whose code default decided the value."""
        return tuple(dict.fromkeys(use.name for use in self.env if use.default_used))

    @property
    def env_names(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(use.name for use in self.env))

    def leaf(self, *path: Any) -> Value:
        """The item at ``path`` inside nested dicts, with its own provenance when known."""
        if path in self.leaves:
            return self.leaves[path]
        data = self.data
        for key in path:
            if not isinstance(data, dict) or key not in data:
                return Value(UNKNOWN if data is UNKNOWN else None, self.origin)
            data = data[key]
        return Value(data, self.origin, env=self.env, hardcoded=self.hardcoded,
                     is_default=self.is_default)

    def with_data(self, data: Any, **changes: Any) -> Value:
        return replace(self, data=data, **changes)

    def settled(self, holds: Callable[[Any], bool | None]) -> Value:
        """This value without the variables that cannot change whether ``holds`` is True.

        A variable that only decided ``if`` statements around the value (``if USE_GZIP:
        MIDDLEWARE.append(...)``) is dropped when ``holds`` is also True of the value each of
        those ``if`` statements would have produced the other way. A finding about
        ``MIDDLEWARE`` lacking CsrfViewMiddleware then does not say "unless USE_GZIP is set".
        """
        flipped: dict[str, list[Any]] = {}
        for alternative in self.alternatives:
            for name in alternative.names:
                flipped.setdefault(name, []).append(alternative.data)
        settled = {
            name for name, outcomes in flipped.items()
            if all(use.conditional for use in self.env if use.name == name)
            and all(_holds(holds, data) for data in outcomes)
        }
        if not settled:
            return self
        return replace(self, env=tuple(use for use in self.env if use.name not in settled))

    def unless_clause(self) -> str:
        """``" unless DJANGO_DEBUG is set"`` when the value depends on unset variables."""
        names = self.env_defaulted
        if not names:
            return ""
        joined = " or ".join(names)
        return f" unless {joined} {'is' if len(names) == 1 else 'are'} set"


def unknown(origin: Origin | None = None, reason: str | None = None, *,
            env: tuple[EnvUse, ...] = ()) -> Value:
    return Value(UNKNOWN, origin, env=env, reason=reason)


def is_unknown(data: Any) -> bool:
    return data is UNKNOWN or data is UNKNOWN_REST


def contains(data: Any, item: Any) -> bool | None:
    """Tri-state membership: True, False, or None when it cannot be known."""
    if data is UNKNOWN:
        return None
    if isinstance(data, (list, tuple, set, frozenset)):
        if any(not is_unknown(x) and x == item for x in data):
            return True
        return None if any(is_unknown(x) for x in data) else False
    if isinstance(data, dict):
        return item in data
    return None


def known_items(data: Any) -> list[Any]:
    """The known items of a container (empty when the value is not a container)."""
    if isinstance(data, (list, tuple, set, frozenset)):
        return [x for x in data if not is_unknown(x)]
    return []


def merge_env(values: Iterable[Value]) -> tuple[EnvUse, ...]:
    """Every variable the values consulted, once; a use in the data beats a conditional one."""
    merged: dict[tuple[str, bool], EnvUse] = {}
    for value in values:
        for use in value.env:
            key = (use.name, use.is_set)
            known = merged.get(key)
            if known is None or (known.conditional and not use.conditional):
                merged[key] = use
    return tuple(merged.values())


def conditional(env: Iterable[EnvUse]) -> tuple[EnvUse, ...]:
    """``env`` marked as variables that decided a condition (see :attr:`EnvUse.conditional`)."""
    return tuple(replace(use, conditional=True) for use in env)


def _holds(holds: Callable[[Any], bool | None], data: Any) -> bool:
    if is_unknown(data):
        return False
    try:
        return holds(data) is True
    except Exception:  # noqa: BLE001 - a predicate failing on odd data proves nothing
        return False
