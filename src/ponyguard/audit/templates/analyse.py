"""The template audit: find the templates, lex each once, run the ``"template"`` rules.

Rules register with ``@rule.on("template")`` and receive a :class:`TemplateFile`::

    @rule.on("template")
    def check(template: TemplateFile) -> Iterator[Finding]: ...

A template that cannot be read is a PG002 note; one that does not lex or would not compile is a
PG008 note, and whatever was lexed is still audited.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ...core.config import Config
from ...core.finding import Finding, Location
from ...core.pipeline import rule_selected
from ...core.registry import REGISTRY
from ...core.rule import Rule
from ..code.work import record, to_finding
from ..discovery import Project
from .cache import Key, Outline, Placed, TemplateCache
from .files import (
    TemplateFile,
    Unreadable,
    loader_dir,
    loader_name,
    read_text,
    template_paths,
    text_digest,
)
from .model import HtmlContext

TARGET = "template"


class _Linked(Protocol):
    """What :func:`link_contexts` needs of a template."""

    @property
    def name(self) -> str: ...
    @property
    def extends(self) -> str | None: ...
    @property
    def includes(self) -> Sequence[str]: ...
    context_taint: Mapping[str, str] | None
"""Block name → the raw-text context a parent template places it in, and a description."""


@dataclass
class TemplateOutcome:
    """What the template audit found, and the templates it read (for suppressions)."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Relative paths of the templates that were lexed and audited."""
    texts: dict[str, str] = field(default_factory=dict)
    stats: dict[str, int] = field(default_factory=dict)
    """How many templates were lexed, audited, and taken from the cache."""

    def text_of(self, rel: str) -> str | None:
        """The decoded text of an audited template (suppression comments are read from it)."""
        return self.texts.get(rel)


@dataclass(eq=False)
class _Entry:
    """One readable template of this run: its text, and its tokens only when needed."""

    rel: str
    text: str
    digest: str
    loader_dir: str | None
    outline: Outline
    lexed: TemplateFile | None = None
    """The template as lexed, when this run lexed it."""
    context_taint: Mapping[str, str] | None = None

    @property
    def key(self) -> Key:
        return (self.rel, self.digest)

    @property
    def name(self) -> str:
        return loader_name(self.rel, self.loader_dir)

    @property
    def extends(self) -> str | None:
        return self.outline.extends

    @property
    def includes(self) -> tuple[str, ...]:
        return self.outline.includes


def audit_templates(
    project: Project,
    config: Config,
    *,
    rendered: Mapping[str, Mapping[str, str]] | None = None,
    template_dirs: Iterable[str] = (),
) -> TemplateOutcome:
    """Run every selected template rule over every template of ``project``.

    ``rendered`` maps a template's loader name (``shop/search.html``) to the variables of its
    context that the views fill with request data, and where from (see
    :attr:`TemplateFile.context_taint`; :func:`link_contexts` spreads them to the templates it
    extends and includes); None when the code was not linked. ``template_dirs`` are extra
    folders (relative to the root, from ``TEMPLATES[...]["DIRS"]``) whose files are templates.
    With ``config.cache_dir`` set, unchanged templates are neither lexed nor audited again
    (:mod:`.cache`).
    """
    rules = [rule for rule in REGISTRY.with_target(TARGET) if rule_selected(rule, config)]
    outcome = TemplateOutcome()
    if not rules:
        return outcome  # nothing would look at the templates: do not read them
    cache = TemplateCache(config.cache_dir)
    entries = _read(project, tuple(template_dirs), cache, outcome)
    if rendered is not None:
        link_contexts(entries, rendered)
    placements = _place(entries, cache)
    rule_ids = ",".join(sorted(rule.id for rule in rules))
    for entry in entries:
        outcome.findings.extend(
            _audit_entry(entry, rules, rule_ids, placements.get(entry.rel), cache))
    outcome.stats.update(
        templates=len(entries), lexed=sum(1 for e in entries if e.lexed is not None),
        placed=len(placements))
    cache.save()
    return outcome


def _read(project: Project, template_dirs: tuple[str, ...], cache: TemplateCache,
          outcome: TemplateOutcome) -> list[_Entry]:
    entries = []
    for rel, path in template_paths(project, template_dirs):
        text = read_text(path, rel)
        if isinstance(text, Unreadable):
            outcome.findings.append(_unreadable(text))
            continue
        digest = text_digest(text)
        outline = cache.outline((rel, digest))
        entry = _Entry(rel, text, digest, loader_dir(rel, template_dirs),
                       outline or Outline(None, (), (), ()))
        if outline is None:
            entry.outline = outline_of(_lex(entry, cache))
        entries.append(entry)
        outcome.files.append(rel)
        outcome.texts[rel] = text
    return entries


def _lex(entry: _Entry, cache: TemplateCache) -> TemplateFile:
    """The entry's template with its tokens as lexed (once per run; placing works on a copy)."""
    if entry.lexed is None:
        entry.lexed = TemplateFile.parse(entry.text, entry.rel)
        entry.lexed.loader_dir = entry.loader_dir
        cache.put_outline(entry.key, outline_of(entry.lexed))
    lexed = entry.lexed
    return TemplateFile(lexed.rel, lexed.engine, lexed.text, lexed.tokens, lexed.problems,
                        lexed.digest, entry.context_taint, entry.loader_dir)


def outline_of(template: TemplateFile) -> Outline:
    return Outline(template.extends, tuple(template.includes),
                   _sorted(template.raw_text_blocks()), _sorted(template.raw_text_includes()))


def _sorted(placed: Mapping[str, tuple[HtmlContext, str]]) -> Placed:
    return tuple(sorted(((name, context, where) for name, (context, where) in placed.items()),
                        key=lambda item: (item[0], item[2])))


@dataclass(frozen=True, slots=True)
class _Placement:
    """Where a template's blocks and body start, when not in plain HTML."""

    parents: dict[str, tuple[HtmlContext, str]]
    """Blocks that its parent templates open inside raw text."""
    included: tuple[HtmlContext, str] | None = None
    """The raw-text context a template including it puts it in."""

    def signature(self) -> str:
        text = repr((sorted(self.parents.items(), key=lambda item: item[0]), self.included))
        return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=12).hexdigest()


def _place(entries: list[_Entry], cache: TemplateCache) -> dict[str, _Placement]:
    """Where each template's raw-text blocks and includes place other templates' content.

    ``base.html`` with ``<script>{% block js %}{% endblock %}</script>`` makes the contents of
    ``{% block js %}`` in every template that ``{% extends "base.html" %}`` JavaScript; parents
    are found by loader name and a chain is followed upwards. Likewise a template that is
    ``{% include %}``d inside a ``<script>`` is JavaScript. Only templates whose parents place
    something need their tokens (what placing gave is cached by the parents' placements).
    Returns the placement of every template that has one.
    """
    by_name: dict[str, list[_Entry]] = {}
    for entry in entries:
        by_name.setdefault(entry.name, []).append(entry)
    outgoing: dict[str, dict[str, tuple[HtmlContext, str]]] = {}
    raw_includes: dict[str, Placed] = {}
    found: dict[str, _Placement] = {}

    def place(entry: _Entry, visiting: frozenset[str]) -> dict[str, tuple[HtmlContext, str]]:
        """The raw-text blocks of ``entry`` and its ancestors, placing its own first."""
        if entry.rel in outgoing or entry.rel in visiting:
            return outgoing.get(entry.rel, {})
        parents: dict[str, tuple[HtmlContext, str]] = {}
        for parent in by_name.get(entry.extends or "", []):
            for name, placed in place(parent, visiting | {entry.rel}).items():
                parents.setdefault(name, placed)
        blocks, includes = entry.outline.raw_blocks, entry.outline.raw_includes
        if parents:
            found[entry.rel] = placement = _Placement(parents)
            blocks, includes = _placed(entry, placement, cache)
        raw_includes[entry.rel] = includes
        outgoing[entry.rel] = {**parents, **{name: (c, w) for name, c, w in blocks}}
        return outgoing[entry.rel]

    for entry in entries:
        place(entry, frozenset())
    included: dict[str, tuple[HtmlContext, str]] = {}
    for entry in entries:
        for name, context, where in raw_includes[entry.rel]:
            included.setdefault(name, (context, where))
    for name, placed in included.items():
        for target in by_name.get(name, []):
            if target.extends is None:
                found[target.rel] = _Placement({}, placed)
    return found


def _placed(entry: _Entry, placement: _Placement, cache: TemplateCache) -> tuple[Placed, Placed]:
    """The raw-text blocks and includes of ``entry`` once its parents placed its blocks."""
    key = (entry.rel, entry.digest, placement.signature())
    known = cache.placed(key)
    if known is None:
        template = _placed_template(entry, placement, cache)
        known = (_sorted(template.raw_text_blocks()), _sorted(template.raw_text_includes()))
        cache.put_placed(key, known)
    return known


def _placed_template(entry: _Entry, placement: _Placement | None,
                     cache: TemplateCache) -> TemplateFile:
    """The entry's template with its tokens in the contexts ``placement`` gives them."""
    template = _lex(entry, cache)
    if placement is not None:
        template.place_blocks(placement.parents)
        if placement.included is not None:
            template.place_in(*placement.included)
    return template


def _audit_entry(entry: _Entry, rules: list[Rule], rule_ids: str,
                 placement: _Placement | None, cache: TemplateCache) -> list[Finding]:
    taint = "\n".join(f"{k}={v}" for k, v in sorted((entry.context_taint or {}).items()))
    placed = placement.signature() if placement is not None else ""
    key = (entry.rel, entry.digest, f"{placed}\n{taint}", rule_ids)
    records = cache.findings(key)
    if records is None:
        template = _placed_template(entry, placement, cache)
        found = list(audit_template(template, rules))
        cache.put_findings(key, tuple(record(f) for f in found))
        return found
    return [f for f in (to_finding(entry.rel, item) for item in records) if f is not None]


def link_contexts(templates: Iterable[_Linked],
                  rendered: Mapping[str, Mapping[str, str]]) -> None:
    """Set each template's :attr:`~TemplateFile.context_taint` from the views' renders.

    A template sees the context it is rendered with, and so do the templates it extends (the
    parent renders the child's context) and the ones it includes. Names are loader names, so
    a name shared by two apps' templates links both (the loader would pick one; which one
    depends on ``INSTALLED_APPS`` order).
    """
    templates = list(templates)
    contexts: dict[str, dict[str, str]] = {
        name: dict(sorted(variables.items())) for name, variables in rendered.items()}
    changed = True
    while changed:
        changed = False
        for template in templates:
            mine = contexts.get(template.name)
            if not mine:
                continue
            for other in (template.extends, *template.includes):
                if other is None:
                    continue
                theirs = contexts.setdefault(other, {})
                for variable, origin in mine.items():
                    if variable not in theirs:
                        theirs[variable] = origin
                        changed = True
    for template in templates:
        template.context_taint = contexts.get(template.name, {})


def audit_template(template: TemplateFile,
                   rules: Iterable[Rule] | None = None) -> Iterator[Finding]:
    """The findings of ``rules`` (all template rules by default) on one lexed template."""
    if rules is None:
        rules = REGISTRY.with_target(TARGET)
    yield from _problems(template)
    for rule in rules:
        yield from rule.run(TARGET, template)


def _problems(template: TemplateFile) -> Iterator[Finding]:
    rule = REGISTRY.get("PG008")
    assert rule is not None
    for problem in template.problems:
        where = Location(path=template.rel, line=problem.line, column=problem.column)
        yield rule.finding(f"{template.rel}: {template.engine} template: {problem.message}",
                           where, key=f"template:{problem.message}")


def _unreadable(template: Unreadable) -> Finding:
    rule = REGISTRY.get("PG002")
    assert rule is not None
    return rule.finding(f"{template.rel}: {template.reason}", Location(path=template.rel),
                        key=f"template:{template.reason}")
