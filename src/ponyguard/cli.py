"""The ``ponyguard`` command: parse arguments, call the library, render, set the exit code.

Exit codes: 0 nothing at or above ``--fail-on``; 1 findings at or above it; 2 usage error,
bad configuration, or a run that could not complete.
"""

from __future__ import annotations

import dataclasses
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import click

from . import __version__
from .core.config import Config
from .core.errors import PonyguardError
from .core.finding import Finding
from .core.registry import load_rules
from .core.result import RunResult
from .runner import (
    CONFIDENCES,
    EXIT_CLEAN,
    EXIT_ERROR,
    EXIT_FINDINGS,
    FORMATS,
    SEVERITIES,
    UsageError,
    audit_config,
    exit_code,
    explain_text,
    output_path,
    render,
    split_list,
    write_report,
)


def _fatal(message: str) -> NoReturn:
    click.echo(f"ponyguard: error: {message}", err=True)
    sys.exit(EXIT_ERROR)


def _emit(result: RunResult, fmt: str, output: str | None, color: str) -> None:
    output = output_path(fmt, output)
    if output is not None and fmt == "text" and color == "auto":
        color = "never"
    rendered = render(result, fmt, {"always": True, "never": False}.get(color))
    if output is None:
        click.echo(rendered, nl=not rendered.endswith("\n"))
        return
    write_report(rendered, output)
    click.echo(f"ponyguard: report written to {output}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="ponyguard")
def cli() -> None:
    """ponyguard: is this Django site safe to put in front of the internet?"""


def common_output_options(func: Any) -> Any:
    options = [
        click.option("--format", "fmt", type=click.Choice(FORMATS), envvar="PONYGUARD_FORMAT",
                     default="text", show_default=True, help="Report format."),
        click.option("-o", "--output", type=click.Path(dir_okay=False),
                     help="Write the report to FILE instead of standard output."),
        click.option("--color", type=click.Choice(["auto", "always", "never"]), default="auto",
                     help="Colour in text output (NO_COLOR and FORCE_COLOR are honoured)."),
        click.option("--fail-on", type=click.Choice(SEVERITIES, case_sensitive=False),
                     help="Exit 1 when a finding is at or above this severity [default: low]."),
        click.option("--exit-zero", is_flag=True, help="Exit 0 even when findings are reported."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.command()
@click.argument("path", default=".", type=click.Path(file_okay=False))
@common_output_options
@click.option("--min-confidence", type=click.Choice(CONFIDENCES, case_sensitive=False),
              help="List findings at or above this confidence; count the rest [default: medium].")
@click.option("--select", multiple=True, help="Only these rule ids, prefixes or names.")
@click.option("--extend-select", multiple=True, help="Add rules to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rule ids, prefixes or names.")
@click.option("--exclude", multiple=True, help="Skip paths matching these globs.")
@click.option("--settings-module", multiple=True, help="Audit this settings module (dotted).")
@click.option("--env", "env_pairs", multiple=True, metavar="NAME=VALUE",
              help="Evaluate settings with this environment variable set.")
@click.option("--env-file", multiple=True, type=click.Path(dir_okay=False),
              help="Evaluate settings with the variables of this .env file.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only new findings.")
@click.option("--write-baseline", type=click.Path(dir_okay=False),
              help="Record today's findings in FILE and exit 0.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Read configuration from FILE instead of the nearest pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.option("--no-cache", is_flag=True,
              help="Analyse every file again instead of reusing the code audit's cache.")
@click.option("--cache-dir", type=click.Path(file_okay=False),
              help="Keep the code audit's cache in DIR [default: PATH/.ponyguard-cache].")
@click.option("--where", metavar="QUERY",
              help="Report only findings matching QUERY, e.g. "
                   "'severity >= high and rule ~ \"PG2\"' (see docs/query.md).")
def audit(path: str, fmt: str, output: str | None, color: str, fail_on: str | None,
          exit_zero: bool, min_confidence: str | None, select: tuple[str, ...],
          extend_select: tuple[str, ...], ignore: tuple[str, ...], exclude: tuple[str, ...],
          settings_module: tuple[str, ...], env_pairs: tuple[str, ...],
          env_file: tuple[str, ...], baseline: str | None, write_baseline: str | None,
          config_file: str | None, isolated: bool, no_cache: bool,
          cache_dir: str | None, where: str | None) -> None:
    """Audit a Django project's source tree: settings, code and templates."""
    from .audit import audit_project
    from .core.baseline import write_baseline as write_baseline_file

    keep = _where_filter(where)
    root = Path(path)
    try:
        config = audit_config(
            root, config_file=config_file, isolated=isolated, select=select,
            extend_select=extend_select, ignore=ignore, exclude=exclude,
            settings_modules=settings_module, fail_on=fail_on, min_confidence=min_confidence,
            baseline=baseline, env_pairs=env_pairs, env_files=env_file,
            cache=not no_cache, cache_dir=cache_dir,
        )
        if write_baseline:
            config = dataclasses.replace(config, baseline=None)
        result = audit_project(root, config)
    except UsageError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    except PonyguardError as exc:
        _fatal(str(exc))
    if write_baseline:
        count = write_baseline_file(Path(write_baseline), result.findings, __version__)
        click.echo(f"ponyguard: wrote {count} finding(s) to baseline {write_baseline}", err=True)
        sys.exit(EXIT_ERROR if result.incomplete else EXIT_CLEAN)
    if keep is not None:
        result = dataclasses.replace(result, findings=tuple(filter(keep, result.findings)))
    _emit(result, fmt, output, color)
    sys.exit(exit_code(result, config.fail_on, exit_zero))


def _where_filter(where: str | None) -> Callable[[Finding], bool] | None:
    """``--where`` as a predicate on findings, checked before the run starts."""
    if where is None:
        return None
    from .query import QueryError
    from .query.findings import findings_filter

    try:
        return findings_filter(where)
    except QueryError as exc:
        raise click.BadParameter(f"{exc.describe()}\n{exc.pointer(where)}",
                                 param_hint="--where") from None


@cli.command()
@click.argument("path", default=".", type=click.Path())
@common_output_options
@click.option("--env", "environment", is_flag=True,
              help="Check the running interpreter's installed distributions instead of files.")
@click.option("--django-version", multiple=True, metavar="VERSION",
              help="Check this Django version (known another way) instead of files.")
@click.option("--update", is_flag=True,
              help="First refresh the advisories from OSV into the user cache (network).")
@click.option("--offline", is_flag=True, help="Forbid any network access (the default).")
@click.option("--osv-url", envvar="PONYGUARD_OSV_URL",
              help="OSV API base URL for --update [default: https://api.osv.dev].")
@click.option("--min-confidence", type=click.Choice(CONFIDENCES, case_sensitive=False),
              help="List findings at or above this confidence; count the rest [default: medium].")
@click.option("--select", multiple=True, help="Only these rule ids, prefixes or names.")
@click.option("--ignore", multiple=True, help="Skip these rule ids, prefixes or names.")
@click.option("--exclude", multiple=True, help="Skip paths matching these globs.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only new findings.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Read configuration from FILE instead of the nearest pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def deps(path: str, fmt: str, output: str | None, color: str, fail_on: str | None,
         exit_zero: bool, environment: bool, django_version: tuple[str, ...], update: bool,
         offline: bool, osv_url: str | None, min_confidence: str | None,
         select: tuple[str, ...], ignore: tuple[str, ...], exclude: tuple[str, ...],
         baseline: str | None, config_file: str | None, isolated: bool) -> None:
    """Check Django (and the packages beside it) for vulnerable, end-of-life and outdated
    versions: lockfiles and requirements under PATH, the environment, or a given version."""
    from . import deps as deps_api

    if update and offline:
        raise click.UsageError("--update needs the network; --offline forbids it")
    root = Path(path)
    try:
        config = audit_config(
            root if root.is_dir() else root.parent, config_file=config_file,
            isolated=isolated, select=select, ignore=ignore, exclude=exclude,
            fail_on=fail_on, min_confidence=min_confidence, baseline=baseline)
        problems = _update_osv(deps_api, root, config, osv_url) if update else []
        if django_version:
            result = deps_api.audit_versions({"django": django_version}, config)
        else:
            result = deps_api.audit_deps(root, config, environment=environment)
    except UsageError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    except PonyguardError as exc:
        _fatal(str(exc))
    if problems:
        result = dataclasses.replace(result, incomplete=True,
                                     errors=result.errors + tuple(problems))
    _emit(result, fmt, output, color)
    sys.exit(exit_code(result, config.fail_on, exit_zero))


def _update_osv(deps_api: Any, root: Path, config: Config, osv_url: str | None) -> list[str]:
    """Refresh the OSV cache; what went wrong, one line each (the run goes on regardless)."""
    packages: list[str] = []
    if root.exists():
        try:
            packages = [d.key for d in deps_api.dependencies_in(root, config)]
        except PonyguardError:
            packages = []
    try:
        outcome = deps_api.update(packages, osv_url=osv_url)
    except deps_api.OsvError as exc:
        return [f"--update failed, using the data already available: {exc}"]
    click.echo(f"ponyguard: OSV data refreshed for {outcome.packages} package(s), "
               f"{outcome.records_changed} record(s) new or changed", err=True)
    return [f"--update: {error}" for error in outcome.errors]


@cli.command()
@click.argument("urls", nargs=-1)
@common_output_options
@click.option("--from-file", type=click.Path(dir_okay=False, allow_dash=True),
              help="Also scan the URLs in FILE (one per line, # comments; - for stdin).")
@click.option("--concurrency", type=click.IntRange(1, 64), default=8, show_default=True,
              help="Sites scanned at the same time.")
@click.option("--min-grade", help="Exit 1 when the grade is worse than this (A+, A, B-, …).")
@click.option("--min-confidence", type=click.Choice(CONFIDENCES, case_sensitive=False),
              help="List findings at or above this confidence; count the rest [default: medium].")
@click.option("--select", multiple=True, help="Only these rule ids, prefixes or names.")
@click.option("--ignore", multiple=True, help="Skip these rule ids, prefixes or names.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Report only new findings.")
@click.option("--timeout", type=float, help="Seconds per request [default: 5].")
@click.option("--deadline", type=float, help="Seconds for the whole scan of one site "
              "[default: 30].")
@click.option("--no-ports", is_flag=True, help="Do not probe the host's service ports (PG9xx).")
@click.option("--http-port", type=click.IntRange(1, 65535),
              help="Where the site listens for plain HTTP, for the redirect checks [default: 80].")
@click.option("--ca-bundle", type=click.Path(dir_okay=False),
              help="Verify certificates against this PEM bundle instead of the system store.")
@click.option("--header", "headers", multiple=True, metavar="'NAME: VALUE'",
              help="Send this header to the scanned host (a WAF token, an API key).")
@click.option("--cookie", "cookies", multiple=True, metavar="NAME=VALUE",
              help="Send this cookie to the scanned host (a session behind a login wall).")
@click.option("--auth", metavar="USER:PASS", help="HTTP basic auth for the scanned host "
              "(never printed).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False),
              help="Read configuration from FILE instead of the nearest pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
def scan(urls: tuple[str, ...], fmt: str, output: str | None, color: str,
         fail_on: str | None, exit_zero: bool, from_file: str | None, concurrency: int,
         min_grade: str | None, min_confidence: str | None, select: tuple[str, ...],
         ignore: tuple[str, ...], baseline: str | None, timeout: float | None,
         deadline: float | None, no_ports: bool, http_port: int | None, ca_bundle: str | None,
         headers: tuple[str, ...], cookies: tuple[str, ...], auth: str | None,
         config_file: str | None, isolated: bool) -> None:
    """Scan live sites: HTTPS, TLS, headers, cookies, DEBUG, admin, exposed files, ports."""
    import time

    from .scan import combine, scan_sites
    from .scan import grade as scan_grade
    from .scan.options import read_url_file, scan_options

    started = time.perf_counter()
    try:
        targets = list(urls) + (read_url_file(from_file) if from_file else [])
        if not targets:
            raise UsageError("give at least one URL (or --from-file)", "URLS")
        if min_grade is not None:
            try:
                scan_grade.rank(min_grade)
            except ValueError as exc:
                raise UsageError(str(exc), "--min-grade") from None
        config = audit_config(Path.cwd(), config_file=config_file, isolated=isolated,
                              select=select, ignore=ignore, fail_on=fail_on,
                              min_confidence=min_confidence, baseline=baseline, cache=False)
        options = scan_options(timeout=timeout, deadline=deadline, ports=not no_ports,
                               http_port=http_port, ca_bundle=ca_bundle, headers=headers,
                               cookies=cookies, auth=auth)
        results = scan_sites(targets, options, config, concurrency=concurrency)
    except UsageError as exc:
        raise click.BadParameter(str(exc), param_hint=exc.option) from None
    except PonyguardError as exc:
        _fatal(str(exc))
    result = dataclasses.replace(combine(results), duration=time.perf_counter() - started)
    _emit(result, fmt, output, color)
    code = exit_code(result, config.fail_on, exit_zero)
    if code == EXIT_CLEAN and not exit_zero and min_grade and result.grade \
            and scan_grade.worse(result.grade, min_grade):
        code = EXIT_FINDINGS
    sys.exit(code)


@cli.command()
@click.option("--select", multiple=True, help="Only rules matching these ids, prefixes or names.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules(select: tuple[str, ...], fmt: str) -> None:
    """List every rule with its id, severity, confidence and title."""
    from .core.pipeline import rule_selected

    config = Config(select=split_list(select))
    chosen = [rule for rule in load_rules() if rule_selected(rule, config)]
    if fmt == "json":
        import json

        click.echo(json.dumps([{
            "id": r.id, "name": r.name, "title": r.title, "severity": r.severity.value,
            "confidence": r.confidence.value, "cwe": list(r.cwe), "mirrors": r.mirrors,
        } for r in chosen], indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table("id", "name", "severity", "confidence", "title", "mirrors", box=None)
    for r in chosen:
        table.add_row(r.id, r.name, r.severity.value, r.confidence.value, r.title,
                      r.mirrors or "")
    Console(width=160 if not sys.stdout.isatty() else None).print(table)


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """Print a rule's full documentation: why, insecure example, fix, references."""
    rule = load_rules().get(rule_id)
    if rule is None:
        _fatal(f"no rule {rule_id!r} (see `ponyguard rules`)")
    text = explain_text(rule)
    if sys.stdout.isatty():
        from rich.console import Console
        from rich.markdown import Markdown

        Console().print(Markdown(text))
    else:
        click.echo(text)


def main() -> None:
    """Console-script entry point."""
    try:
        cli(standalone_mode=True)
    except PonyguardError as exc:  # pragma: no cover - commands handle their own
        _fatal(str(exc))
