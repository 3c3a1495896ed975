"""The template audit: find the templates, lex each once, run the ``"template"`` rules.

Rules register with ``@rule.on("template")`` and receive a :class:`TemplateFile`::

    @rule.on("template")
    def check(template: TemplateFile) -> Iterator[Finding]: ...

A template that cannot be read is a PG002 note; one that does not lex or would not compile is a
PG008 note, and whatever was lexed is still audited.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from ...core.config import Config
from ...core.finding import Finding, Location
from ...core.pipeline import rule_selected
from ...core.registry import REGISTRY
from ...core.rule import Rule
from ..discovery import Project
from .files import TemplateFile, Unreadable, loader_dir, read_template, template_paths
from .model import HtmlContext

TARGET = "template"
Placed = dict[str, tuple[HtmlContext, str]]
"""Block name → the raw-text context a parent template places it in, and a description."""


@dataclass
class TemplateOutcome:
    """What the template audit found, and the templates it read (for suppressions)."""

    findings: list[Finding] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    """Relative paths of the templates that were lexed and audited."""
    templates: dict[str, TemplateFile] = field(default_factory=dict)

    def text_of(self, rel: str) -> str | None:
        """The decoded text of an audited template (suppression comments are read from it)."""
        template = self.templates.get(rel)
        return template.text if template is not None else None


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
    """
    rules = [rule for rule in REGISTRY.with_target(TARGET) if rule_selected(rule, config)]
    outcome = TemplateOutcome()
    if not rules:
        return outcome  # nothing would look at the templates: do not read them
    template_dirs = tuple(template_dirs)
    for rel, path in template_paths(project, template_dirs):
        template = read_template(path, rel)
        if isinstance(template, Unreadable):
            outcome.findings.append(_unreadable(template))
            continue
        template.loader_dir = loader_dir(rel, template_dirs)
        outcome.files.append(rel)
        outcome.templates[rel] = template
    if rendered is not None:
        link_contexts(outcome.templates.values(), rendered)
    place_child_blocks(outcome.templates.values())
    for template in outcome.templates.values():
        outcome.findings.extend(audit_template(template, rules))
    return outcome


def link_contexts(templates: Iterable[TemplateFile],
                  rendered: Mapping[str, Mapping[str, str]]) -> None:
    """Set each template's :attr:`~TemplateFile.context_taint` from the views' renders.

    A template sees the context it is rendered with, and so do the templates it extends (the
    parent renders the child's context) and the ones it includes. Names are loader names, so
    a name shared by two apps' templates links both (the loader would pick one; which one
    depends on ``INSTALLED_APPS`` order).
    """
    templates = list(templates)
    by_name: dict[str, list[TemplateFile]] = {}
    for template in templates:
        by_name.setdefault(template.name, []).append(template)
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


def place_child_blocks(templates: Iterable[TemplateFile]) -> None:
    """Give child templates' blocks the raw-text context their parents put them in.

    ``base.html`` with ``<script>{% block js %}{% endblock %}</script>`` makes the contents of
    ``{% block js %}`` in every template that ``{% extends "base.html" %}`` JavaScript. Parents
    are found by loader name (the path below ``templates/``); a chain is followed upwards.
    Likewise a template that is ``{% include %}``d inside a ``<script>`` is JavaScript.
    """
    templates = list(templates)
    by_name: dict[str, list[TemplateFile]] = {}
    for template in templates:
        by_name.setdefault(template.name, []).append(template)
    placements: dict[str, Placed] = {}

    def place(template: TemplateFile, visiting: frozenset[str]) -> Placed:
        """The raw-text blocks of ``template`` and its ancestors, placing its own first."""
        if template.rel in placements or template.rel in visiting:
            return placements.get(template.rel, {})
        parents: Placed = {}
        for parent in by_name.get(template.extends or "", []):
            for name, placed in place(parent, visiting | {template.rel}).items():
                parents.setdefault(name, placed)
        template.place_blocks(parents)
        placements[template.rel] = {**parents, **template.raw_text_blocks()}
        return placements[template.rel]

    for template in templates:
        place(template, frozenset())
    included: Placed = {}
    for template in templates:
        for name, placed in template.raw_text_includes().items():
            included.setdefault(name, placed)
    for name, (context, where) in included.items():
        for template in by_name.get(name, []):
            if template.extends is None:
                template.place_in(context, where)


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
