"""Rules: identity, metadata, documentation and the callbacks that find problems.

A rule module looks like this::

    \"\"\"DEBUG is enabled.

    ## Why it matters
    ...
    ## Insecure example
    ...
    ## Fix
    ...
    ## References
    - https://docs.djangoproject.com/...
    \"\"\"
    rule = Rule("PG101", "debug-enabled", "DEBUG is enabled", Severity.CRITICAL,
                Confidence.HIGH, cwe=(489,), doc=__doc__, mirrors="security.W018")

    @rule.on("settings")
    def check(view): ...
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from .errors import RuleError
from .finding import Finding, Location
from .severity import Confidence, Severity

RULE_ID = re.compile(r"^PG\d{3}$")
RULE_NAME = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
PROJECT_URL = "https://github.com/ponyguard/ponyguard"
DOC_SECTIONS = ("Why it matters", "Insecure example", "Fix", "References")

Callback = Callable[..., Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """A rule's documentation, parsed from its module docstring's ``## `` sections."""

    summary: str
    why: str
    example: str
    fix: str
    references: tuple[str, ...]

    @property
    def fix_summary(self) -> str:
        """The first paragraph of the Fix section, on one line."""
        first = self.fix.strip().split("\n\n", 1)[0]
        return " ".join(first.split())

    @classmethod
    def parse(cls, rule_id: str, text: str | None) -> RuleDoc:
        if not text:
            raise RuleError(f"{rule_id}: the rule module has no docstring")
        head, *chunks = re.split(r"^## +", text.strip(), flags=re.MULTILINE)
        sections: dict[str, str] = {}
        for chunk in chunks:
            title, _, body = chunk.partition("\n")
            sections[title.strip()] = body.strip()
        missing = [name for name in DOC_SECTIONS if not sections.get(name)]
        if missing:
            raise RuleError(f"{rule_id}: docstring lacks section(s) {', '.join(missing)}")
        references = tuple(
            line.lstrip("-* ").strip()
            for line in sections["References"].splitlines()
            if line.strip()
        )
        return cls(
            summary=" ".join(head.split()),
            why=sections["Why it matters"],
            example=sections["Insecure example"],
            fix=sections["Fix"],
            references=references,
        )

    def markdown(self) -> str:
        refs = "\n".join(f"- {ref}" for ref in self.references)
        return (
            f"{self.summary}\n\n## Why it matters\n\n{self.why}\n\n"
            f"## Insecure example\n\n{self.example}\n\n## Fix\n\n{self.fix}\n\n"
            f"## References\n\n{refs}\n"
        )


@dataclass(frozen=True, eq=False)
class Rule:
    """One check. Immutable apart from the callbacks registered with :meth:`on`."""

    id: str
    name: str
    title: str
    severity: Severity
    confidence: Confidence
    cwe: tuple[int, ...]
    doc_text: str | None = field(repr=False, default=None)
    mirrors: str | None = None
    """The Django system-check id this rule mirrors (``security.W018``), if any."""
    runtime: bool = True
    """Whether the rule can run on live Django settings (the ``check --deploy`` face)."""
    doc: RuleDoc = field(init=False, repr=False)
    callbacks: dict[object, list[Callback]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if not RULE_ID.match(self.id):
            raise RuleError(f"rule id {self.id!r} is not of the form PGnnn")
        if not RULE_NAME.match(self.name):
            raise RuleError(f"{self.id}: name {self.name!r} is not kebab-case")
        if not self.title or not self.cwe:
            raise RuleError(f"{self.id}: a rule needs a title and at least one CWE id")
        object.__setattr__(self, "doc", RuleDoc.parse(self.id, self.doc_text))
        object.__setattr__(self, "callbacks", {})

    def on(self, target: object) -> Callable[[Callback], Callback]:
        """Register a callback for ``target`` (``"settings"``, ``"urls"``, an AST type…)."""

        def register(func: Callback) -> Callback:
            self.callbacks.setdefault(target, []).append(func)
            return func

        return register

    def run(self, target: object, *args: Any) -> Iterator[Finding]:
        for callback in self.callbacks.get(target, ()):
            yield from callback(*args)

    def finding(
        self,
        message: str,
        location: Location,
        *,
        key: str,
        severity: Severity | None = None,
        confidence: Confidence | None = None,
        evidence: str | None = None,
        fix: str | None = None,
        scopes: tuple[str, ...] = (),
    ) -> Finding:
        """Build a finding of this rule, with the rule's severity and confidence by default."""
        return Finding(
            rule=self,
            message=message,
            location=location,
            severity=severity or self.severity,
            confidence=confidence or self.confidence,
            key=key,
            evidence=evidence,
            fix=fix,
            scopes=scopes,
        )

    @property
    def help_uri(self) -> str:
        from .. import __version__

        return f"{PROJECT_URL}/blob/v{__version__}/docs/rules/{self.id}.md"

    def __hash__(self) -> int:
        return hash(self.id)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Rule) and other.id == self.id
