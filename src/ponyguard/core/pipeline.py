"""From raw findings to a :class:`RunResult`: select, suppress, baseline, fingerprint.

Every face (audit, scan, deps) collects findings its own way, then hands them here.
"""

from __future__ import annotations

import fnmatch
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace

from .. import __version__
from .baseline import apply_baseline, read_baseline
from .config import Config
from .finding import Finding, Location
from .fingerprint import with_fingerprints
from .registry import REGISTRY
from .result import RunResult
from .rule import Rule
from .suppress import Suppression, parse_suppressions

TextSource = Callable[[str], "str | None"]


def rule_selected(rule: Rule, config: Config) -> bool:
    """Whether ``config`` runs ``rule`` (select/extend-select, then ignore)."""
    chosen = config.select + config.extend_select
    if chosen and not any(_matches(rule, pattern) for pattern in chosen):
        return False
    return not any(_matches(rule, pattern) for pattern in config.ignore)


def _matches(rule: Rule, pattern: str) -> bool:
    pattern = pattern.strip()
    return rule.id.startswith(pattern.upper()) or rule.name == pattern.lower()


def _ignored_for_file(finding: Finding, config: Config) -> bool:
    path = finding.location.path
    if path is None:
        return False
    for glob, patterns in config.per_file_ignores.items():
        if fnmatch.fnmatch(path, glob) and any(_matches(finding.rule, p) for p in patterns):
            return True
    return False


@dataclass
class Collected:
    """What a collector hands to :func:`finish`."""

    kind: str
    target: str
    findings: list[Finding]
    scopes: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)
    files_audited: int = 0
    errors: list[str] = field(default_factory=list)
    incomplete: bool = False
    started: float = field(default_factory=time.perf_counter)


def finish(
    collected: Collected,
    config: Config,
    text_of: TextSource | None = None,
    suppression_files: Iterable[str] = (),
) -> RunResult:
    """Filter, suppress and baseline the collected findings into the final result.

    ``suppression_files`` are files whose ignore comments are checked for use even when
    they have no finding (every file the run audited).
    """
    findings = merge_scopes(collected.findings)
    findings = [
        f for f in findings
        if rule_selected(f.rule, config) and not _ignored_for_file(f, config)
    ]
    # Suppressions first, so an ignore comment on a held-back finding still counts as used.
    findings, suppressed = _apply_suppressions(findings, text_of, config, suppression_files)
    listed = [f for f in findings if f.confidence >= config.min_confidence]
    held_back = len(findings) - len(listed)
    findings = with_fingerprints(listed)
    baselined = fixed = 0
    if config.baseline is not None:
        outcome = apply_baseline(findings, read_baseline(config.baseline))
        findings, baselined, fixed = outcome.new, outcome.baselined, outcome.unmatched
    return RunResult(
        kind=collected.kind,
        target=collected.target,
        findings=tuple(findings),
        scopes=collected.scopes,
        notes=tuple(dict.fromkeys(collected.notes)),
        files_audited=collected.files_audited,
        suppressed=suppressed,
        held_back=held_back,
        min_confidence=config.min_confidence.value,
        baselined=baselined,
        baseline_fixed=fixed,
        incomplete=collected.incomplete,
        errors=tuple(collected.errors),
        duration=time.perf_counter() - collected.started,
        tool_version=__version__,
    )


def merge_scopes(findings: Iterable[Finding]) -> list[Finding]:
    """One finding per (rule, place, message); the settings modules it holds for combined."""
    merged: dict[tuple[str, Location, str], Finding] = {}
    for finding in findings:
        key = (finding.rule.id, finding.location, finding.message)
        if key in merged:
            earlier = merged[key]
            scopes = tuple(dict.fromkeys(earlier.scopes + finding.scopes))
            merged[key] = replace(earlier, scopes=scopes,
                                  confidence=max(earlier.confidence, finding.confidence))
        else:
            merged[key] = finding
    return list(merged.values())


def _apply_suppressions(
    findings: list[Finding], text_of: TextSource | None, config: Config,
    suppression_files: Iterable[str],
) -> tuple[list[Finding], int]:
    if text_of is None:
        return findings, 0
    by_path: dict[str, list[Suppression]] = {}
    for path in suppression_files:
        text = text_of(path)
        by_path[path] = parse_suppressions(text, path) if text else []
    kept: list[Finding] = []
    suppressed = 0
    for finding in findings:
        if finding.location.path is None:
            kept.append(finding)
            continue
        path = finding.location.path
        if path not in by_path:
            text = text_of(path)
            by_path[path] = parse_suppressions(text, path) if text else []
        used = _first_match(finding, by_path[path])
        if used is None:
            kept.append(finding)
        else:
            suppressed += 1
    kept.extend(f for f in _suppression_notes(by_path) if rule_selected(f.rule, config))
    return kept, suppressed


def _first_match(finding: Finding, suppressions: list[Suppression]) -> Suppression | None:
    for suppression in suppressions:
        given = suppression.matches(finding)
        if given is not None:
            suppression.used.add(given)
            return suppression
    return None


def _suppression_notes(by_path: dict[str, list[Suppression]]) -> Iterable[Finding]:
    unused_rule, blanket_rule = REGISTRY.get("PG005"), REGISTRY.get("PG006")
    assert unused_rule is not None and blanket_rule is not None
    for path, suppressions in by_path.items():
        for s in suppressions:
            where = Location(path=path, line=s.line, column=s.column)
            if not s.ids:
                yield blanket_rule.finding(
                    "`ponyguard: ignore` without rule ids suppresses nothing; name the rules",
                    where, key="blanket")
                continue
            for given in s.ids:
                if given not in s.used:
                    yield unused_rule.finding(
                        f"suppression of {given} matches no finding", where,
                        key=f"unused:{given}", fix=f"Remove {given} from the ignore comment.")
