"""What the two command-line faces share: building a run's configuration, rendering, exit codes.

``ponyguard`` (:mod:`ponyguard.cli`, click) and ``manage.py ponyguard``
(:mod:`ponyguard.management.commands.ponyguard`, argparse) parse their arguments their own way
and report usage errors their own way; everything after that lives here so the two cannot drift.
Nothing here touches Django settings.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage error,
bad configuration, or a run that could not complete.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from .core.config import Config, apply_environment, find_config_file, load_config
from .core.result import RunResult
from .core.rule import Rule
from .core.severity import Confidence, Severity

if TYPE_CHECKING:
    from .report import Reporter

FORMATS = ("text", "json", "sarif", "html")
SEVERITIES = [s.value for s in Severity]
CONFIDENCES = [c.value for c in Confidence]
EXIT_CLEAN, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2
DEFAULT_HTML_OUTPUT = "ponyguard-report.html"
DEFAULT_CACHE_DIR = ".ponyguard-cache"
"""The code audit's cache, under the audited root, when neither flag nor file names one."""
"""HTML always goes to a file; this one when no ``-o`` is given."""


class UsageError(ValueError):
    """A bad option value; ``option`` names the option (``--env``) for the face's message."""

    def __init__(self, message: str, option: str) -> None:
        super().__init__(message)
        self.option = option


def split_list(values: Iterable[str]) -> tuple[str, ...]:
    """Repeated and comma-separated option values as one tuple: ``("PG1,PG2", "PG3")``."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def parse_env(pairs: Iterable[str], env_files: Iterable[str] = ()) -> dict[str, str]:
    """``--env-file`` files, then ``--env NAME=VALUE`` pairs, as one environment profile."""
    from dotenv import dotenv_values

    env: dict[str, str] = {}
    for env_file in env_files:
        if not Path(env_file).is_file():
            raise UsageError(f"{env_file} is not a file", "--env-file")
        env.update({k: v or "" for k, v in dotenv_values(env_file).items()})
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise UsageError(f"{pair!r} is not NAME=VALUE", "--env")
        env[name] = value
    return env


def config_for(root: Path, config_file: str | None = None, isolated: bool = False) -> Config:
    """The file configuration (explicit, else the nearest one above ``root``) plus the env.

    Raises :class:`UsageError` for a missing ``--config`` file and
    :class:`~ponyguard.core.errors.ConfigError` for a bad one.
    """
    if isolated:
        return Config()
    if config_file and not Path(config_file).is_file():
        raise UsageError(f"{config_file} does not exist", "--config")
    path = Path(config_file) if config_file else find_config_file(root)
    return apply_environment(load_config(path))


def audit_config(
    root: Path,
    *,
    config_file: str | None = None,
    isolated: bool = False,
    select: Iterable[str] = (),
    extend_select: Iterable[str] = (),
    ignore: Iterable[str] = (),
    exclude: Iterable[str] = (),
    settings_modules: Iterable[str] = (),
    fail_on: str | None = None,
    min_confidence: str | None = None,
    baseline: str | None = None,
    env_pairs: Iterable[str] = (),
    env_files: Iterable[str] = (),
    cache: bool = True,
    cache_dir: str | None = None,
) -> Config:
    """The configuration of an ``audit`` run: flags over ``PONYGUARD_*`` variables over the file.

    ``--ignore`` and ``--exclude`` add to the file's lists; the other flags replace. The code
    audit's cache goes to ``--cache-dir``, else ``cache-dir``, else ``.ponyguard-cache/``
    under ``root``; ``cache=False`` (``--no-cache``) turns it off.
    """
    config = config_for(root, config_file, isolated)
    env = {**config.env, **parse_env(env_pairs, env_files)}
    ignored, excluded = split_list(ignore), split_list(exclude)
    config = config.with_overrides(
        select=split_list(select) or None,
        extend_select=split_list(extend_select) or None,
        ignore=(config.ignore + ignored) if ignored else None,
        extend_exclude=(config.extend_exclude + excluded) if excluded else None,
        settings_modules=split_list(settings_modules) or None,
        fail_on=Severity.parse(fail_on) if fail_on else None,
        min_confidence=Confidence.parse(min_confidence) if min_confidence else None,
        baseline=Path(baseline) if baseline else None,
        env=env,
    )
    if not cache:
        return replace(config, cache_dir=None)
    chosen = Path(cache_dir) if cache_dir else config.cache_dir or root / DEFAULT_CACHE_DIR
    return replace(config, cache_dir=chosen)


def reporter(fmt: str, color: bool | None = None) -> Reporter:
    """The reporter for ``--format``; ``color`` only matters for text (None: automatic)."""
    # One module per format, imported on demand: rich (text) and jinja2 (html) are not cheap.
    if fmt == "json":
        from .report.json import JsonReporter

        return JsonReporter()
    if fmt == "sarif":
        from .report.sarif import SarifReporter

        return SarifReporter()
    if fmt == "html":
        from .report.html import HtmlReporter

        return HtmlReporter()
    if fmt == "text":
        from .report.text import TextReporter

        return TextReporter(color=color)
    raise UsageError(f"unknown format {fmt!r} (one of: {', '.join(FORMATS)})", "--format")


def output_path(fmt: str, output: str | None) -> str | None:
    """Where the report goes: ``output``, the default HTML file, or None for standard output."""
    if fmt == "html" and output is None:
        return DEFAULT_HTML_OUTPUT
    return output


def render(result: RunResult, fmt: str, color: bool | None = None) -> str:
    return reporter(fmt, color).render(result)


def write_report(rendered: str, output: str) -> None:
    Path(output).write_text(rendered, encoding="utf-8")


def exit_code(result: RunResult, fail_on: Severity, exit_zero: bool = False) -> int:
    """2 for an incomplete run (even with findings), else 1 for findings at/above ``fail_on``."""
    if result.incomplete:
        return EXIT_ERROR
    if exit_zero:
        return EXIT_CLEAN
    return EXIT_FINDINGS if result.at_or_above(fail_on) else EXIT_CLEAN


def explain_text(rule: Rule) -> str:
    """A rule's full documentation as Markdown, with a header of its metadata."""
    mirrors = f"\nMirrors Django's `{rule.mirrors}`." if rule.mirrors else ""
    cwe = ", ".join(f"CWE-{n}" for n in rule.cwe)
    header = (f"# {rule.id} {rule.name}: {rule.title}\n\n"
              f"Severity: {rule.severity} · confidence: {rule.confidence} · {cwe}{mirrors}\n\n")
    return header + rule.doc.markdown()
