"""Walk a project tree once: Python files, module names, Django entry points.

The walk follows directory symlinks but never enters a directory twice (symlink loops),
skips virtualenvs, VCS and build folders, and honours the configured excludes.
"""

from __future__ import annotations

import ast
import fnmatch
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .source import SourceFile

SKIPPED_DIRS = frozenset({
    ".git", ".hg", ".svn", ".tox", ".nox", ".venv", "venv", "env", ".env", "node_modules",
    "__pycache__", "site-packages", ".mypy_cache", ".pytest_cache", ".ruff_cache", "build",
    "dist", ".eggs", ".ponyguard-cache", "htmlcov",
})
ENTRY_FILES = ("manage.py", "wsgi.py", "asgi.py")
DEPLOY_FILE = re.compile(
    r"(^|/)(Dockerfile[^/]*|[^/]*\.[Dd]ockerfile|Containerfile|(docker-)?compose[^/]*\.ya?ml"
    r"|Procfile[^/]*|app\.ya?ml|render\.ya?ml|fly\.toml|\.platform\.app\.yaml|[^/]*\.service"
    r"|uwsgi[^/]*\.ini)$")
"""Deployment files that may name the settings module the servers run with."""
DEPLOY_SETTINGS = re.compile(
    r"DJANGO_SETTINGS_MODULE['\"]?\s*[=:]\s*['\"]?(?P<env>[A-Za-z_][\w.]*)"
    r"|--settings[= ](?P<flag>[A-Za-z_][\w.]*)")
MAX_DEPLOY_FILE_BYTES = 1_000_000
SETTINGS_NAME = re.compile(r"(^|_)settings(_|$)")
PRODUCTION_NAME = re.compile(r"(^|[._])(prod|production|deploy|deployment|live)([._]|$)")
DEVELOPMENT_NAME = re.compile(
    r"(^|[._])(dev|devel|development|local|test|tests|testing|ci|debug)([._]|$)")


def looks_like_production(module: str) -> bool:
    return bool(PRODUCTION_NAME.search(module.rsplit(".", 1)[-1]))


def looks_like_development(module: str) -> bool:
    return bool(DEVELOPMENT_NAME.search(module.rsplit(".", 1)[-1]))


@dataclass(frozen=True, slots=True)
class EntryPoint:
    """A file that names the default settings module (``manage.py``, ``wsgi.py``…)."""

    rel: str
    line: int
    settings_module: str


@dataclass
class Project:
    """The files of one audited tree and how to find modules in it."""

    root: Path
    python_files: dict[str, Path] = field(default_factory=dict)
    other_files: dict[str, Path] = field(default_factory=dict)
    problems: list[tuple[str, str]] = field(default_factory=list)
    """(relative path, reason) for things the walk had to skip."""
    module_roots: list[str] = field(default_factory=list)
    _sources: dict[str, SourceFile] = field(default_factory=dict, repr=False)

    def source(self, rel: str) -> SourceFile:
        if rel not in self._sources:
            path = self.python_files.get(rel) or self.other_files.get(rel) or self.root / rel
            self._sources[rel] = SourceFile.read(path, rel)
        return self._sources[rel]

    def module_file(self, dotted: str) -> str | None:
        """The relative path of module ``dotted``, searched under every module root."""
        parts = dotted.split(".")
        for base in self.module_roots:
            prefix = f"{base}/" if base else ""
            for candidate in ("/".join(parts) + ".py", "/".join(parts) + "/__init__.py"):
                if prefix + candidate in self.python_files:
                    return prefix + candidate
        return None

    def module_name(self, rel: str) -> str | None:
        for base in sorted(self.module_roots, key=len, reverse=True):
            prefix = f"{base}/" if base else ""
            if rel.startswith(prefix):
                inner = rel[len(prefix):].removesuffix(".py").removesuffix("/__init__")
                if inner and all(p.isidentifier() for p in inner.split("/")):
                    return inner.replace("/", ".")
        return None

    def is_package(self, rel: str) -> bool:
        return rel.endswith("/__init__.py") or rel == "__init__.py"

    def entry_points(self) -> list[EntryPoint]:
        """Files that name a settings module: manage.py/wsgi.py/asgi.py and deployment files
        (Dockerfile ``ENV``, compose ``environment:``, Procfile ``--settings``, systemd units)."""
        found: list[EntryPoint] = []
        for rel in sorted(self.python_files):
            if rel.rsplit("/", 1)[-1] in ENTRY_FILES:
                tree = self.source(rel).tree
                if tree is not None:
                    defaults = _settings_defaults(tree)
                    found.extend(EntryPoint(rel, line, module) for line, module in defaults)
        for rel in sorted(self.other_files):
            if DEPLOY_FILE.search(rel):
                found.extend(EntryPoint(rel, line, module)
                             for line, module in _deploy_settings(self.other_files[rel]))
        return found

    def settings_candidates(self) -> list[str]:
        """Modules that look like settings by their file name (``settings.py``, ``settings/*``)."""
        names = []
        for rel in sorted(self.python_files):
            parts = rel.removesuffix(".py").split("/")
            in_settings_pkg = "settings" in parts[:-1]
            named = bool(SETTINGS_NAME.search(parts[-1]))
            if (named or in_settings_pkg) and (module := self.module_name(rel)):
                names.append(module)
        return names


def _settings_defaults(tree: ast.Module) -> Iterator[tuple[int, str]]:
    """``os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x")`` and ``environ[...] = "x"``."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and len(node.args) >= 2:
            func = node.func
            key, value = node.args[0], node.args[1]
            if (isinstance(func, ast.Attribute) and func.attr == "setdefault"
                    and _is_str(key, "DJANGO_SETTINGS_MODULE") and _is_str(value)):
                yield node.lineno, value.value  # type: ignore[attr-defined]
        elif isinstance(node, ast.Assign) and _is_str(node.value):
            for target in node.targets:
                if isinstance(target, ast.Subscript) and _is_str(target.slice,
                                                                 "DJANGO_SETTINGS_MODULE"):
                    yield node.lineno, node.value.value  # type: ignore[attr-defined]


def _deploy_settings(path: Path) -> Iterator[tuple[int, str]]:
    try:
        if path.stat().st_size > MAX_DEPLOY_FILE_BYTES:
            return
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    for number, line in enumerate(text.splitlines(), start=1):
        if line.lstrip().startswith("#"):
            continue
        for match in DEPLOY_SETTINGS.finditer(line):
            yield number, (match.group("env") or match.group("flag")).rstrip(".")


def _is_str(node: ast.AST, equals: str | None = None) -> bool:
    return (isinstance(node, ast.Constant) and isinstance(node.value, str)
            and (equals is None or node.value == equals))


def is_excluded(rel: str, patterns: Iterable[str]) -> bool:
    for pattern in patterns:
        pattern = pattern.rstrip("/")
        if fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, pattern + "/*"):
            return True
        if "/" not in pattern and any(fnmatch.fnmatch(part, pattern) for part in rel.split("/")):
            return True
    return False


def discover(root: Path, exclude: Iterable[str] = ()) -> Project:
    """Walk ``root`` and return the project's files; never raises for one bad entry."""
    root = root.resolve()
    excludes = tuple(exclude)
    project = Project(root=root)
    seen_dirs: set[tuple[int, int]] = set()
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True,
                                                onerror=lambda e: _walk_error(project, root, e)):
        here = Path(dirpath)
        rel_dir = here.relative_to(root).as_posix() if here != root else ""
        try:
            stat = here.stat()
        except OSError as exc:
            project.problems.append((rel_dir, f"cannot be read: {exc.strerror}"))
            dirnames[:] = []
            continue
        if (stat.st_dev, stat.st_ino) in seen_dirs:
            project.problems.append((rel_dir, "directory already visited (symlink loop); skipped"))
            dirnames[:] = []
            continue
        seen_dirs.add((stat.st_dev, stat.st_ino))
        dirnames[:] = sorted(
            d for d in dirnames
            if d not in SKIPPED_DIRS and not d.endswith(".egg-info")
            and not is_excluded(_join(rel_dir, d), excludes)
        )
        for name in sorted(filenames):
            rel = _join(rel_dir, name)
            if is_excluded(rel, excludes):
                continue
            path = here / name
            if name.endswith(".py"):
                if not path.exists():
                    project.problems.append((rel, "broken symlink; skipped"))
                    continue
                project.python_files[rel] = path
            else:
                project.other_files[rel] = path
    project.module_roots = _module_roots(project)
    return project


def _walk_error(project: Project, root: Path, exc: OSError) -> None:
    where = Path(exc.filename).relative_to(root).as_posix() if exc.filename else "?"
    project.problems.append((where, f"cannot be read: {exc.strerror or exc}"))


def _join(rel_dir: str, name: str) -> str:
    return f"{rel_dir}/{name}" if rel_dir else name


def _module_roots(project: Project) -> list[str]:
    """Folders that act as ``sys.path`` entries: the root, ``src/``, and manage.py's folder."""
    roots = [""]
    if any(rel.startswith("src/") for rel in project.python_files):
        roots.append("src")
    for rel in project.python_files:
        if rel.endswith("manage.py") and "/" in rel:
            roots.append(rel.rsplit("/", 1)[0])
    return list(dict.fromkeys(roots))
