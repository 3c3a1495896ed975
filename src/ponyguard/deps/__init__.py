"""Outdated, end-of-life and vulnerable Django (and the packages beside it), offline by default.

The library API::

    from ponyguard.deps import audit_deps, audit_versions

    result = audit_deps("path/to/project")          # lockfiles and requirements under it
    result = audit_deps(environment=True)           # the running interpreter's distributions
    result = audit_versions({"django": ["4.2.7"]})  # a version known another way

``audit_versions`` is how a version learned elsewhere (``ponyguard scan``'s fingerprint, a
deployment inventory) gets the same PG6xx findings; pass ``location`` to anchor them (the
scanned URL) and ``confidence`` to say how sure that version is.
:func:`version_findings` returns the bare findings for merging into another run.

Data comes from the package (``ponyguard/deps/data``, built by ``scripts/build_deps_data.py``)
plus the user's OSV cache, which only :func:`update` (``ponyguard deps --update``) touches
the network to refresh.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import date
from pathlib import Path

from packaging.utils import canonicalize_name

from ..core.config import Config
from ..core.errors import InputError
from ..core.finding import Finding, Location
from ..core.pipeline import Collected, finish
from ..core.result import RunResult
from ..core.severity import Confidence
from .advisories.cache import OsvCache
from .advisories.osv import ECOSYSTEM_PACKAGES, OsvError, UpdateOutcome, update_cache
from .collect import check, current_date, data_date_note, database_for, read_files
from .model import Dependency, PinKind
from .sources import is_dependency_file
from .sources.environment import read_environment
from .sources.interface import Problem, ReadResult
from .versions import parse_version

__all__ = ["OsvError", "audit_deps", "audit_versions", "data_note", "find_dependency_files",
           "update", "version_findings"]


def find_dependency_files(root: Path, config: Config | None = None) -> list[str]:
    """Dependency files under ``root`` (relative paths), skipping virtualenvs and excludes."""
    from ..audit.discovery import discover

    project = discover(root, (config or Config()).all_excludes)
    return sorted(rel for rel in project.other_files if is_dependency_file(rel))


def audit_deps(
    path: Path | str = ".",
    config: Config | None = None,
    *,
    environment: bool = False,
    today: date | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> RunResult:
    """Check the dependency files at ``path`` (a folder or one file), or the environment.

    Never touches the network. ``cache_dir`` overrides where OSV records from :func:`update`
    are read (default: see :mod:`ponyguard.deps.advisories.cache`); ``use_cache=False`` uses
    the bundled data alone.
    """
    config = config or Config()
    root = Path(path)
    if environment:
        read, target = read_environment(), "environment"
        scopes: tuple[str, ...] = ("installed distributions",)
    else:
        root, rels = _inputs(root, config)
        read, target = read_files(root, rels), str(root.resolve())
        scopes = tuple(read.files)
    collected = Collected(kind="deps", target=target, findings=[], scopes=scopes)
    if not environment and not read.files:
        collected.errors.append(f"no dependency files found under {root} (requirements*.txt, "
                                "pyproject.toml, poetry.lock, uv.lock, Pipfile.lock, pdm.lock, "
                                "pylock.toml)")
        collected.incomplete = True
    database = database_for(use_cache=use_cache, cache_dir=cache_dir)
    outcome = check(read, database, today)
    collected.findings.extend(outcome.findings)
    collected.notes.extend(outcome.notes)
    collected.files_audited = len(outcome.files)
    return finish(collected, config)


def _inputs(path: Path, config: Config) -> tuple[Path, list[str]]:
    if not path.exists():
        raise InputError(f"{path} does not exist")
    if path.is_file():
        if not is_dependency_file(path.name):
            raise InputError(f"{path} is not a dependency file ponyguard reads")
        return path.parent, [path.name]
    return path, find_dependency_files(path, config)


def version_findings(
    versions: Mapping[str, Iterable[str]],
    *,
    location: Location | None = None,
    confidence: Confidence = Confidence.HIGH,
    today: date | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> list[Finding]:
    """PG6xx findings for exact versions known another way: ``{"django": ["4.2.7"]}``.

    Unparsable versions become PG020 findings. :func:`data_note` gives the data's date.
    """
    where = location or Location()
    read = ReadResult()
    for package, items in versions.items():
        for text in items:
            version = parse_version(text)
            if version is None:
                read.problems.append(Problem(where.path or "", where.line,
                                             f"{package}: {text!r} is not a version"))
                continue
            name = "Django" if canonicalize_name(package) == "django" else package
            read.dependencies.append(Dependency(name, PinKind.EXACT, where, "given",
                                                version=version, detail=f"{name} {text}"))
    outcome = check(read, database_for(use_cache=use_cache, cache_dir=cache_dir), today)
    if confidence is Confidence.HIGH:
        return outcome.findings
    return [replace(f, confidence=min(f.confidence, confidence)) for f in outcome.findings]


def data_note(*, today: date | None = None, cache_dir: Path | None = None,
              use_cache: bool = True) -> str:
    """The line every report shows about the data's date (put it in ``RunResult.notes``)."""
    return data_date_note(database_for(use_cache=use_cache, cache_dir=cache_dir),
                          today or current_date())


def audit_versions(
    versions: Mapping[str, Iterable[str]],
    config: Config | None = None,
    *,
    target: str = "given versions",
    location: Location | None = None,
    confidence: Confidence = Confidence.HIGH,
    today: date | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
) -> RunResult:
    """A whole ``deps`` run over :func:`version_findings` (``ponyguard deps --django-version``)."""
    findings = version_findings(versions, location=location, confidence=confidence, today=today,
                                cache_dir=cache_dir, use_cache=use_cache)
    scopes = tuple(f"{package} {', '.join(items)}" for package, items in versions.items())
    collected = Collected(kind="deps", target=target, findings=findings, scopes=scopes)
    collected.notes.append(data_note(today=today, cache_dir=cache_dir, use_cache=use_cache))
    return finish(collected, config or Config())


def update(
    packages: Iterable[str] = (),
    *,
    cache_dir: Path | None = None,
    osv_url: str | None = None,
) -> UpdateOutcome:
    """Refresh the OSV cache for Django, its usual companions and ``packages`` (network).

    Raises :class:`OsvError` when OSV cannot be queried at all.
    """
    names = {*ECOSYSTEM_PACKAGES, *packages}
    return update_cache(names, OsvCache(cache_dir), base_url=osv_url)


def dependencies_in(path: Path | str, config: Config | None = None) -> list[Dependency]:
    """The packages the dependency files at ``path`` name (for ``--update`` to refresh)."""
    root, rels = _inputs(Path(path), config or Config())
    return read_files(root, rels).dependencies


