"""Configuration: ``[tool.ponyguard]`` in pyproject.toml (or ``ponyguard.toml``), env, flags.

Precedence: command-line flags, then ``PONYGUARD_*`` environment variables, then the file.
Keys are kebab-case; an unknown key is a :class:`ConfigError` naming the closest valid key.
"""

from __future__ import annotations

import difflib
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .severity import Confidence, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]


@dataclass(frozen=True)
class Config:
    """Everything that shapes a run. Build it with :func:`load_config` or directly."""

    select: tuple[str, ...] = ()
    """Rule ids, id prefixes (``PG1``) or names to run; empty means all."""
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    per_file_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    fail_on: Severity = Severity.LOW
    min_confidence: Confidence = Confidence.MEDIUM
    """Findings below this are held back (counted, not listed). Low confidence marks a value
    whose origin the audit could not see, such as a parameter of a function nobody in the
    project calls: worth a look, too often wrong to list by default (CodeQL's default suite
    leaves its low-precision queries out for the same reason)."""
    settings_modules: tuple[str, ...] = ()
    baseline: Path | None = None
    env: Mapping[str, str] = field(default_factory=dict)
    """The environment profile the settings are evaluated under (empty: production profile)."""
    source: Path | None = None
    """The config file this came from, if any."""
    cache_dir: Path | None = None
    """Where the code audit caches per-file results (None: no cache). The command line
    defaults to ``.ponyguard-cache/`` under the audited root; ``--no-cache`` turns it off."""

    def with_overrides(self, **changes: Any) -> Config:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})

    @property
    def all_excludes(self) -> tuple[str, ...]:
        return self.exclude + self.extend_exclude


FILE_KEYS: dict[str, str] = {
    "select": "select",
    "extend-select": "extend_select",
    "ignore": "ignore",
    "per-file-ignores": "per_file_ignores",
    "exclude": "exclude",
    "extend-exclude": "extend_exclude",
    "fail-on": "fail_on",
    "min-confidence": "min_confidence",
    "settings-module": "settings_modules",
    "baseline": "baseline",
    "env": "env",
    "cache-dir": "cache_dir",
}
SUBTABLES = frozenset({"scan", "deps"})


def find_config_file(start: Path) -> Path | None:
    """The nearest ``ponyguard.toml`` or pyproject.toml with ``[tool.ponyguard]``, upwards."""
    here = start.resolve()
    if here.is_file():
        here = here.parent
    for folder in (here, *here.parents):
        dedicated = folder / "ponyguard.toml"
        if dedicated.is_file():
            return dedicated
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _has_tool_table(pyproject):
            return pyproject
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        return "ponyguard" in _read_toml(pyproject).get("tool", {})
    except ConfigError:
        return True  # report the broken file rather than silently skip it


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            data: dict[str, Any] = tomllib.load(handle)
            return data
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration: {exc}") from exc


def load_config(path: Path | None) -> Config:
    """Read a config file (``None`` gives the defaults)."""
    if path is None:
        return Config()
    data = _read_toml(path)
    table = data if path.name != "pyproject.toml" else data.get("tool", {}).get("ponyguard", {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [tool.ponyguard] must be a table")
    return _from_table(table, path)


def _from_table(table: Mapping[str, Any], path: Path) -> Config:
    values: dict[str, Any] = {}
    for key, raw in table.items():
        if key in SUBTABLES:
            continue
        if key not in FILE_KEYS:
            raise ConfigError(_unknown_key_message(key, path))
        values[FILE_KEYS[key]] = _convert(FILE_KEYS[key], raw, f"{path}: {key}", path.parent)
    return Config(source=path, **values)


def _unknown_key_message(key: str, path: Path) -> str:
    close = difflib.get_close_matches(key, [*FILE_KEYS, *SUBTABLES], n=1, cutoff=0.5)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"{path}: unknown key {key!r} in ponyguard configuration{hint}"


def _convert(name: str, raw: Any, where: str, base: Path) -> Any:
    try:
        if name in {"fail_on"}:
            return Severity.parse(str(raw))
        if name == "min_confidence":
            return Confidence.parse(str(raw))
        if name in ("baseline", "cache_dir"):
            return (base / str(raw)) if raw else None
        if name == "per_file_ignores":
            if not isinstance(raw, Mapping):
                raise ValueError("must be a table of glob = [rule ids]")
            return {str(k): _str_tuple(v) for k, v in raw.items()}
        if name == "env":
            if not isinstance(raw, Mapping):
                raise ValueError("must be a table of NAME = value")
            return {str(k): str(v) for k, v in raw.items()}
        return _str_tuple(raw)
    except ValueError as exc:
        raise ConfigError(f"{where}: {exc}") from None


def _str_tuple(raw: Any) -> tuple[str, ...]:
    if isinstance(raw, str):
        return tuple(part.strip() for part in raw.split(",") if part.strip())
    if isinstance(raw, (list, tuple)) and all(isinstance(x, str) for x in raw):
        return tuple(raw)
    raise ValueError("must be a string or a list of strings")


ENV_KEYS = {
    "PONYGUARD_SELECT": "select",
    "PONYGUARD_IGNORE": "ignore",
    "PONYGUARD_EXCLUDE": "extend_exclude",
    "PONYGUARD_FAIL_ON": "fail_on",
    "PONYGUARD_MIN_CONFIDENCE": "min_confidence",
    "PONYGUARD_SETTINGS_MODULE": "settings_modules",
    "PONYGUARD_CACHE_DIR": "cache_dir",
}


def apply_environment(config: Config, environ: Mapping[str, str] | None = None) -> Config:
    """Overlay ``PONYGUARD_*`` environment variables on a file config."""
    environ = os.environ if environ is None else environ
    changes = {
        name: _convert(name, environ[var], var, Path.cwd())
        for var, name in ENV_KEYS.items()
        if environ.get(var)
    }
    return replace(config, **changes)


def field_names() -> list[str]:
    return [f.name for f in fields(Config)]
