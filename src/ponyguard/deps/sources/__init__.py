"""Readers of dependency files, one module per format, and the choice of reader by file name."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .interface import Reader

_PYLOCK = re.compile(r"^pylock\.([^.]+\.)?toml$")
_REQUIREMENTS = re.compile(r"^requirements([-_.][^/]*)?\.txt$", re.IGNORECASE)
LOCK_NAMES = ("poetry.lock", "uv.lock", "Pipfile.lock", "pdm.lock")


def reader_for(rel: str) -> Reader | None:
    """The reader for the dependency file at ``rel`` (a relative path), or None."""
    if not rel.endswith((".toml", ".lock", ".txt")):
        return None  # most of a tree: decided without building a path
    from . import lockfiles, pipfile_lock, pyproject, requirements

    path = PurePosixPath(rel)
    name = path.name
    if name == "pyproject.toml":
        return pyproject.read
    if name == "poetry.lock":
        return lockfiles.read_poetry
    if name == "uv.lock":
        return lockfiles.read_uv
    if name == "pdm.lock":
        return lockfiles.read_pdm
    if _PYLOCK.match(name):
        return lockfiles.read_pylock
    if name == "Pipfile.lock":
        return pipfile_lock.read
    if _REQUIREMENTS.match(name) or (path.parent.name == "requirements" and name.endswith(".txt")):
        return requirements.read
    return None


def is_dependency_file(rel: str) -> bool:
    return reader_for(rel) is not None
