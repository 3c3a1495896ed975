"""What the template audit keeps between runs (``templates.bin``, beside the code cache).

Per template, by path and content digest:

* its **outline** — what linking and block placement need to know about it (the template it
  extends, the ones it includes, whether it opens blocks or includes inside raw text);
* what its raw-text blocks and includes become once a given parent placement is applied;
* its **findings** for a given placement, context taint and rule selection.

A warm run then reads and hashes every template but lexes and audits only the changed ones
(and those whose placement or context changed). Tokens are not kept: unpickling them costs
about as much as lexing again. The file
is authenticated like the code cache (:class:`~ponyguard.audit.code.cache.CodeCache`) and tied
to the engine.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..code.cache import CodeCache, engine_fingerprint
from ..code.work import FindingRecord
from .model import HtmlContext

CACHE_FILE = "templates.bin"
Key = tuple[str, str]
"""(relative path, content digest)."""
Placed = tuple[tuple[str, HtmlContext, str], ...]
"""(block or template name, the raw-text context it is placed in, a description), sorted."""
FindingsKey = tuple[str, str, str, str]
"""(path, digest, signature of placement and context taint, rule ids)."""


@dataclass(frozen=True, slots=True)
class Outline:
    """What linking and placement need of a template, without its tokens."""

    extends: str | None
    includes: tuple[str, ...]
    raw_blocks: Placed
    """The blocks it opens inside ``<script>``/``<style>`` raw text, as lexed."""
    raw_includes: Placed
    """The templates it includes inside raw text, as lexed."""


@dataclass
class StoredTemplates:
    engine: str = ""
    outlines: dict[Key, Outline] = field(default_factory=dict)
    placed: dict[tuple[str, str, str], tuple[Placed, Placed]] = field(default_factory=dict)
    """(path, digest, signature of the parents' placements) → its raw-text blocks and
    includes once placed there."""
    findings: dict[FindingsKey, tuple[FindingRecord, ...]] = field(default_factory=dict)


class TemplateCache:
    """Loaded once at the start of the template audit, saved once at the end if it changed.

    Only entries used in this run are kept, so the file does not grow with old versions.
    """

    def __init__(self, directory: Path | None) -> None:
        self.file = CodeCache.open(directory, CACHE_FILE)
        loaded = self.file.load_payload() if self.file is not None else None
        self.before = StoredTemplates()
        if isinstance(loaded, StoredTemplates) and loaded.engine == engine_fingerprint():
            self.before = loaded
        self.now = StoredTemplates(engine_fingerprint())
        self.changed = False

    def outline(self, key: Key) -> Outline | None:
        found = self.before.outlines.get(key)
        if found is not None:
            self.now.outlines[key] = found
        return found

    def put_outline(self, key: Key, outline: Outline) -> None:
        self.now.outlines[key] = outline
        self.changed = True

    def placed(self, key: tuple[str, str, str]) -> tuple[Placed, Placed] | None:
        found = self.before.placed.get(key)
        if found is not None:
            self.now.placed[key] = found
        return found

    def put_placed(self, key: tuple[str, str, str], value: tuple[Placed, Placed]) -> None:
        self.now.placed[key] = value
        self.changed = True

    def findings(self, key: FindingsKey) -> tuple[FindingRecord, ...] | None:
        found = self.before.findings.get(key)
        if found is not None:
            self.now.findings[key] = found
        return found

    def put_findings(self, key: FindingsKey,
                     records: tuple[FindingRecord, ...]) -> None:
        self.now.findings[key] = records
        self.changed = True

    def save(self) -> None:
        dropped = (self.now.outlines.keys() != self.before.outlines.keys()
                   or self.now.placed.keys() != self.before.placed.keys()
                   or self.now.findings.keys() != self.before.findings.keys())
        if self.file is not None and (self.changed or dropped):
            self.file.save_payload(self.now)
