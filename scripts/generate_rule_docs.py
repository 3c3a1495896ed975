"""Write docs/rules/PGnnn.md and docs/rules/index.md from the rules' own documentation.

Usage: python scripts/generate_rule_docs.py [--check]

With --check, exit 1 if the committed docs differ from what the rules say (CI runs this
through tests/test_rule_docs.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ponyguard.core.registry import load_rules
from ponyguard.core.rule import Rule

DOCS = Path(__file__).resolve().parent.parent / "docs" / "rules"


def rule_page(rule: Rule) -> str:
    cwe = ", ".join(f"[CWE-{n}](https://cwe.mitre.org/data/definitions/{n}.html)" for n in rule.cwe)
    lines = [
        f"# {rule.id} {rule.name}",
        "",
        f"**{rule.title}**",
        "",
        f"* Severity: {rule.severity} · default confidence: {rule.confidence}",
        f"* {cwe}",
    ]
    if rule.mirrors:
        lines.append(f"* Mirrors Django's `{rule.mirrors}`")
    if not rule.runtime:
        lines.append("* Static audit only (not run by `manage.py check --deploy`)")
    return "\n".join(lines) + "\n\n" + rule.doc.markdown()


def index_page(rules: list[Rule]) -> str:
    rows = [f"| [{r.id}]({r.id}.md) | {r.name} | {r.severity} | {r.title} |" for r in rules]
    return "# Rules\n\n| id | name | severity | title |\n|---|---|---|---|\n" + "\n".join(rows) + "\n"


def expected() -> dict[str, str]:
    rules = list(load_rules())
    pages = {f"{rule.id}.md": rule_page(rule) for rule in rules}
    pages["index.md"] = index_page(rules)
    return pages


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    pages = expected()
    stale = [name for name, text in pages.items()
             if not (DOCS / name).is_file() or (DOCS / name).read_text() != text]
    extra = [p.name for p in DOCS.glob("*.md") if p.name not in pages]
    if args.check:
        for name in stale + extra:
            print(f"docs/rules/{name} is out of date", file=sys.stderr)
        return 1 if stale or extra else 0
    DOCS.mkdir(parents=True, exist_ok=True)
    for name in extra:
        (DOCS / name).unlink()
    for name, text in pages.items():
        (DOCS / name).write_text(text)
    print(f"wrote {len(pages)} pages to {DOCS}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
