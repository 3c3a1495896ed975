"""Reading environment variables the way settings modules do, under an audit profile.

The profile is the environment the audit pretends the settings run in. By default it is empty
(the **production profile**): every variable is unset, so the code's own default decides the
value, and that dependence is recorded in :class:`~.values.EnvUse` so a rule can say "DEBUG is
True unless DJANGO_DEBUG is set". ``--env``/``--env-file`` fill the profile for an exact answer.

The casts follow the libraries they imitate: django-environ's ``Env.BOOLEAN_TRUE_STRINGS``,
python-decouple's ``strtobool`` table, dj-database-url's URL → ``DATABASES`` entry.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from .values import MISSING, UNKNOWN, EnvUse, Origin, Value

ENVIRON_TRUE = frozenset({"true", "on", "ok", "y", "yes", "1"})
"""django-environ's ``Env.BOOLEAN_TRUE_STRINGS``; anything else is False."""
DECOUPLE_TRUE = frozenset({"y", "yes", "t", "true", "on", "1"})
DECOUPLE_FALSE = frozenset({"n", "no", "f", "false", "off", "0", ""})

DB_ENGINES = {
    "postgres": "django.db.backends.postgresql",
    "postgresql": "django.db.backends.postgresql",
    "pgsql": "django.db.backends.postgresql",
    "postgis": "django.contrib.gis.db.backends.postgis",
    "mysql": "django.db.backends.mysql",
    "mysql2": "django.db.backends.mysql",
    "mysqlgis": "django.contrib.gis.db.backends.mysql",
    "oracle": "django.db.backends.oracle",
    "sqlite": "django.db.backends.sqlite3",
    "spatialite": "django.contrib.gis.db.backends.spatialite",
}


@dataclass(frozen=True)
class EnvReader:
    """A django-environ ``Env(...)`` instance and its scheme of ``NAME=(cast, default)``."""

    scheme: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)


def lookup(profile: Mapping[str, str], name: Any, default: Value | None,
           origin: Origin | None, required: Mapping[str, str] | None = None) -> Value:
    """One variable: its profile value, else the default (``None`` = no default given).

    A ``required`` variable (the settings stop with an error without it) is unknown: the
    default is never what a running site uses.
    """
    if not isinstance(name, str):
        return Value(UNKNOWN, origin, reason="environment variable name is not a literal")
    if name in profile:
        return Value(profile[name], origin, env=(EnvUse(name, True),))
    if required and name in required:
        return Value(UNKNOWN, origin, env=(EnvUse(name, False, MISSING),),
                     reason=required[name])
    if default is None:
        return Value(UNKNOWN, origin, env=(EnvUse(name, False, MISSING),),
                     reason=f"read from environment variable {name}, which has no default")
    use = EnvUse(name, False, default.data)
    return Value(default.data, origin, env=(use, *default.env), hardcoded=default.hardcoded,
                 leaves=default.leaves, reason=default.reason)


def is_present(profile: Mapping[str, str], name: str, origin: Origin | None,
               required: Mapping[str, str] | None = None) -> Value:
    """``name in os.environ``: whether the profile sets the variable.

    An unset variable is recorded as defaulted (the code's choice when it is absent decides
    the value), so a rule can say "unless NAME is set".
    """
    if name in profile:
        return Value(True, origin, env=(EnvUse(name, True),), hardcoded=True)
    if required and name in required:
        return Value(True, origin, env=(EnvUse(name, False, MISSING),), hardcoded=True)
    return Value(False, origin, env=(EnvUse(name, False, None),), hardcoded=True)


def cast_value(raw: Value, cast: Callable[[Any], Any]) -> Value:
    """Apply ``cast`` to known data; an impossible cast makes the value unknown."""
    if raw.data is UNKNOWN:
        return raw
    try:
        return raw.with_data(cast(raw.data))
    except (TypeError, ValueError, AttributeError):
        return raw.with_data(UNKNOWN, reason="the value does not convert")


def environ_bool(data: Any) -> bool:
    if isinstance(data, str):
        return data.strip().lower() in ENVIRON_TRUE
    return bool(data)


def decouple_bool(data: Any) -> bool:
    if not isinstance(data, str):
        return bool(data)
    lowered = data.strip().lower()
    if lowered in DECOUPLE_TRUE:
        return True
    if lowered in DECOUPLE_FALSE:
        return False
    raise ValueError(f"invalid truth value {data!r}")


def strtobool(data: str) -> int:
    """``distutils.util.strtobool``: 1 or 0, ValueError for anything else."""
    lowered = data.lower()
    if lowered in {"y", "yes", "t", "true", "on", "1"}:
        return 1
    if lowered in {"n", "no", "f", "false", "off", "0"}:
        return 0
    raise ValueError(f"invalid truth value {data!r}")


def split_list(data: Any) -> list[Any]:
    if isinstance(data, str):
        return [part.strip() for part in data.split(",") if part.strip()]
    if isinstance(data, (list, tuple)):
        return list(data)
    raise ValueError("not a list")


def database_from_url(url: Value) -> Value:
    """dj-database-url / django-environ ``db()``: a URL becomes one ``DATABASES`` entry."""
    if not isinstance(url.data, str):
        return url.with_data(UNKNOWN if url.data is UNKNOWN else {})
    parts = urlsplit(url.data)
    engine = DB_ENGINES.get(parts.scheme.split("+")[0], UNKNOWN)
    try:
        port = parts.port or ""
    except ValueError:
        port = ""
    entry: dict[str, Any] = {
        "ENGINE": engine,
        "NAME": unquote(parts.path[1:] if parts.path.startswith("/") else parts.path),
        "USER": unquote(parts.username or ""),
        "PASSWORD": unquote(parts.password or ""),
        "HOST": parts.hostname or "",
        "PORT": port,
    }
    leaves = {(key,): url.with_data(item) for key, item in entry.items()}
    return Value(entry, url.origin, env=url.env, hardcoded=url.hardcoded, leaves=leaves)
