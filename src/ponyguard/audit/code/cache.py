"""The content-hash cache of the code audit: unchanged files are not analysed twice.

Where: ``cache-dir`` in the configuration, ``--cache-dir DIR``, or by default (command line)
``.ponyguard-cache/`` under the audited root; ``--no-cache`` turns it off. The library's
:func:`~ponyguard.audit.audit_project` caches only when ``Config.cache_dir`` is set.

What: ``code.bin``, holding per module its facts (keyed by the file's digest, its
module name and the project's package names) and per file its findings (keyed by the
digest and the selected code rules, valid while every project fact the analysis consulted
still has the same answer — see :class:`~ponyguard.audit.code.index.ProjectIndex`). The
whole file is tied to the engine: ponyguard's version and its own source files.
``templates.bin`` holds the lexed templates by content (:mod:`ponyguard.audit.templates.cache`).

Safety: the cache lives in the audited tree, which may be untrusted (a pull request). It is
pickled, so it is authenticated with HMAC-SHA256 under a random key kept outside the tree
(``$XDG_CACHE_HOME/ponyguard/cache-key``, or ``PONYGUARD_CACHE_KEY_FILE``); a planted or
tampered file is ignored, never unpickled. Any failure to read or write means no cache.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ... import __version__
from .store import FactsHead
from .work import FileResult

CACHE_FILE = "code.bin"
MAGIC = b"PGCACHE1"
DEFAULT_DIR = ".ponyguard-cache"
KEY_ENV = "PONYGUARD_CACHE_KEY_FILE"
_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
        "# This directory is a cache created by ponyguard; see https://bford.info/cachedir/\n")


@dataclass
class Stored:
    """The cache's content: facts by file and results by file."""

    engine: str = ""
    facts: dict[str, tuple[str, FactsHead, bytes]] = field(default_factory=dict)
    """rel → (facts key, head, pickled facts)."""
    results: dict[str, tuple[str, FileResult]] = field(default_factory=dict)
    """rel → (results key, result)."""


class CodeCache:
    """One cache directory, authenticated with the user's key."""

    def __init__(self, directory: Path, key: bytes, name: str = CACHE_FILE) -> None:
        self.directory = directory
        self.key = key
        self.path = directory / name

    @classmethod
    def open(cls, directory: Path | None, name: str = CACHE_FILE) -> CodeCache | None:
        """The cache file ``name`` in ``directory``, or None when caching is off or
        impossible."""
        if directory is None:
            return None
        key = user_key()
        return cls(directory, key, name) if key is not None else None

    def load(self) -> Stored:
        stored = self.load_payload()
        if not isinstance(stored, Stored) or stored.engine != engine_fingerprint():
            return Stored(engine=engine_fingerprint())
        return stored

    def save(self, stored: Stored) -> None:
        self.save_payload(stored)

    def load_payload(self) -> object | None:
        """The authenticated, unpickled content of :attr:`path`, or None."""
        try:
            raw = self.path.read_bytes()
        except OSError:
            return None
        head, mac, payload = raw[:8], raw[8:40], raw[40:]
        expected = hmac.new(self.key, payload, hashlib.sha256).digest()
        if head != MAGIC or not hmac.compare_digest(mac, expected):
            return None
        try:
            content: object = pickle.loads(payload)
        except Exception:  # noqa: BLE001 - authenticated but from an incompatible version
            return None
        return content

    def save_payload(self, content: object) -> None:
        """Write ``content`` to :attr:`path` atomically, authenticated; failures are ignored."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._mark()
            payload = pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)
            mac = hmac.new(self.key, payload, hashlib.sha256).digest()
            handle, temp = tempfile.mkstemp(dir=self.directory, prefix=".code-", suffix=".tmp")
            try:
                with os.fdopen(handle, "wb") as out:
                    out.write(MAGIC + mac + payload)
                os.replace(temp, self.path)
            except BaseException:
                Path(temp).unlink(missing_ok=True)
                raise
        except OSError:
            return

    def _mark(self) -> None:
        ignore = self.directory / ".gitignore"
        if not ignore.exists():
            ignore.write_text("# created by ponyguard\n*\n", encoding="utf-8")
        tag = self.directory / "CACHEDIR.TAG"
        if not tag.exists():
            tag.write_text(_TAG, encoding="utf-8")


def user_cache_dir() -> Path:
    """The per-user cache folder (XDG on Linux, ~/Library/Caches, %LOCALAPPDATA%)."""
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA") or str(Path.home() / "AppData" / "Local")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Caches")
    else:
        base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "ponyguard"


def user_key() -> bytes | None:
    """The secret that authenticates cache files, created on first use (mode 0600)."""
    path = Path(os.environ[KEY_ENV]) if os.environ.get(KEY_ENV) else user_cache_dir() / "cache-key"
    for _ in range(2):
        try:
            key = path.read_bytes()
            return key if len(key) >= 32 else None
        except FileNotFoundError:
            pass
        except OSError:
            return None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            continue
        except OSError:
            return None
        fresh = secrets.token_bytes(32)
        with os.fdopen(handle, "wb") as out:
            out.write(fresh)
        return fresh
    return None


@cache
def engine_fingerprint() -> str:
    """ponyguard's version plus the size and mtime of each of its source files."""
    package = Path(__file__).resolve().parents[2]
    entries = []
    for folder, _, files in os.walk(package):
        for name in files:
            if name.endswith(".py"):
                stat = os.stat(os.path.join(folder, name))
                entries.append(f"{folder}/{name}:{stat.st_size}:{stat.st_mtime_ns}")
    digest = hashlib.sha256("\n".join(sorted(entries)).encode()).hexdigest()[:16]
    return f"{__version__}:{digest}"
