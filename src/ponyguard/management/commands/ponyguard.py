"""``manage.py ponyguard``: the command-line face inside a Django project.

Subcommands mirror the ``ponyguard`` CLI and share its code (:mod:`ponyguard.runner`):

* ``audit [PATH]``: the static audit of the project's source tree. PATH defaults to the
  ``BASE_DIR`` setting, else the folder of manage.py, else the current directory. The settings
  module audited defaults to the one running (``DJANGO_SETTINGS_MODULE``) when it lies in that
  tree and neither ``--settings-module`` nor the configuration names one.
* ``explain RULE``: a rule's documentation.

Exit codes as in the CLI, through ``CommandError(returncode=…)``: 1 findings at or above
``--fail-on``; 2 a usage error, bad configuration, or a run that could not complete.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from ...checks import base_dir_of, module_file
from ...core.errors import PonyguardError
from ...core.registry import load_rules
from ...runner import (
    CONFIDENCES,
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
    write_report,
)

SUBCOMMANDS = ("audit", "explain")


class _SubcommandParser(CommandParser):  # type: ignore[misc]  # Django ships no type hints
    """A subcommand's parser: usage errors exit 2, also under ``call_command``."""

    def error(self, message: str) -> Any:
        if self.called_from_command_line:
            return super().error(message)  # argparse prints the usage and exits 2
        raise CommandError(f"Error: {message}", returncode=EXIT_ERROR)


class Command(BaseCommand):  # type: ignore[misc]  # Django ships no type hints
    help = ("ponyguard's security checkup of this project. `audit` audits its source tree; "
            "`explain RULE` documents a rule. The settings rules also run on the live settings "
            "in `manage.py check --deploy`.")
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: Any) -> None:
        subparsers = parser.add_subparsers(dest="subcommand", metavar="{audit,explain}",
                                           parser_class=_SubcommandParser)
        audit = subparsers.add_parser(
            "audit", allow_abbrev=False, help="Audit the project's source tree.",
            description="Audit a Django project's source tree (never imports or runs it).")
        audit.add_argument("path", nargs="?", metavar="PATH",
                           help="Project root [default: BASE_DIR, else manage.py's folder].")
        audit.add_argument("--format", choices=FORMATS,
                           help="Report format [default: $PONYGUARD_FORMAT, else text].")
        audit.add_argument("-o", "--output", metavar="FILE",
                           help="Write the report to FILE instead of standard output.")
        audit.add_argument("--fail-on", choices=SEVERITIES, type=str.lower,
                           help="Fail (exit 1) on findings at or above this severity "
                                "[default: low].")
        audit.add_argument("--exit-zero", action="store_true",
                           help="Do not fail because of findings.")
        audit.add_argument("--min-confidence", choices=CONFIDENCES, type=str.lower,
                           help="List findings at or above this confidence; count the rest "
                                "[default: medium].")
        audit.add_argument("--select", action="append", default=[],
                           help="Only these rule ids, prefixes or names.")
        audit.add_argument("--ignore", action="append", default=[],
                           help="Skip these rule ids, prefixes or names.")
        audit.add_argument("--exclude", action="append", default=[],
                           help="Skip paths matching these globs.")
        audit.add_argument("--settings-module", action="append", default=[],
                           help="Audit this settings module (dotted) [default: the running "
                                "DJANGO_SETTINGS_MODULE when it is in the audited tree].")
        audit.add_argument("--env", dest="env_pairs", action="append", default=[],
                           metavar="NAME=VALUE",
                           help="Evaluate settings with this environment variable set.")
        audit.add_argument("--env-file", action="append", default=[], metavar="FILE",
                           help="Evaluate settings with the variables of this .env file.")
        audit.add_argument("--baseline", metavar="FILE", help="Report only new findings.")
        audit.add_argument("--config", dest="config_file", metavar="FILE",
                           help="Read configuration from FILE instead of the nearest "
                                "pyproject.toml.")
        audit.add_argument("--isolated", action="store_true",
                           help="Ignore configuration files.")
        audit.add_argument("--no-cache", action="store_true",
                           help="Analyse every file again instead of reusing the code "
                                "audit's cache.")
        audit.add_argument("--cache-dir", metavar="DIR",
                           help="Keep the code audit's cache in DIR "
                                "[default: PATH/.ponyguard-cache].")
        explain = subparsers.add_parser(
            "explain", allow_abbrev=False, help="Print a rule's documentation.",
            description="Print a rule's documentation: why, insecure example, fix, references.")
        explain.add_argument("rule", metavar="RULE", help="A rule id (PG101) or name.")
        for sub in (audit, explain):
            _add_django_options(sub)

    def handle(self, *args: Any, **options: Any) -> None:
        subcommand = options.get("subcommand")
        if subcommand == "audit":
            self.audit(options)
        elif subcommand == "explain":
            self.explain(options["rule"])
        else:
            raise CommandError("give a subcommand: audit or explain "
                               "(see `manage.py ponyguard --help`)", returncode=EXIT_ERROR)

    def audit(self, options: dict[str, Any]) -> None:
        from ...audit import audit_project

        root = Path(options["path"]) if options.get("path") else default_root()
        fmt = options.get("format") or os.environ.get("PONYGUARD_FORMAT") or "text"
        try:
            if fmt not in FORMATS:
                raise UsageError(f"{fmt!r} is not one of {', '.join(FORMATS)}", "--format")
            config = audit_config(
                root, config_file=options.get("config_file"),
                isolated=bool(options.get("isolated")), select=options.get("select") or (),
                ignore=options.get("ignore") or (), exclude=options.get("exclude") or (),
                settings_modules=options.get("settings_module") or (),
                fail_on=options.get("fail_on"), min_confidence=options.get("min_confidence"),
                baseline=options.get("baseline"), env_pairs=options.get("env_pairs") or (),
                env_files=options.get("env_file") or (),
                cache=not options.get("no_cache"), cache_dir=options.get("cache_dir"),
            )
            if not config.settings_modules and (running := running_settings_module(root)):
                config = dataclasses.replace(config, settings_modules=(running,))
            result = audit_project(root, config)
        except UsageError as exc:
            raise CommandError(f"{exc.option}: {exc}", returncode=EXIT_ERROR) from None
        except (PonyguardError, ValueError) as exc:
            raise CommandError(str(exc), returncode=EXIT_ERROR) from None

        output = output_path(fmt, options.get("output"))
        rendered = render(result, fmt, self._color(options, output))
        if output is None:
            self.stdout.write(rendered, ending="" if rendered.endswith("\n") else "\n")
        else:
            try:
                write_report(rendered, output)
            except OSError as exc:
                raise CommandError(f"cannot write {output}: {exc.strerror or exc}",
                                   returncode=EXIT_ERROR) from None
            self.stderr.write(f"ponyguard: report written to {output}", style_func=_plain)

        code = exit_code(result, config.fail_on, bool(options.get("exit_zero")))
        if code == EXIT_ERROR:
            errors = "; ".join(result.errors) or "see the report"
            raise CommandError(f"the audit could not complete: {errors}", returncode=code)
        if code == EXIT_FINDINGS:
            count = len(result.at_or_above(config.fail_on))
            raise CommandError(f"{count} finding(s) at or above {config.fail_on} severity",
                               returncode=code)

    def explain(self, rule_id: str) -> None:
        rule = load_rules().get(rule_id)
        if rule is None:
            raise CommandError(f"no rule {rule_id!r} (see `ponyguard rules`)",
                               returncode=EXIT_ERROR)
        self.stdout.write(explain_text(rule), ending="")

    def _color(self, options: dict[str, Any], output: str | None) -> bool | None:
        """Text colour: never into a file; Django's --force-color/--no-color; else automatic."""
        if output is not None:
            return False
        if options.get("force_color"):
            return True
        if options.get("no_color") or not self.stdout.isatty():
            return False
        return None


def _plain(text: str) -> str:
    return text


def _add_django_options(parser: argparse.ArgumentParser) -> None:
    """Django's common options, also accepted after the subcommand (``audit --no-color``).

    Their default is SUPPRESS so they do not reset a value given before the subcommand.
    ``--settings`` and ``--pythonpath`` are applied by manage.py before the command runs.
    """
    quiet: dict[str, Any] = {"default": argparse.SUPPRESS, "help": argparse.SUPPRESS}
    parser.add_argument("-v", "--verbosity", type=int, choices=[0, 1, 2, 3], **quiet)
    parser.add_argument("--settings", **quiet)
    parser.add_argument("--pythonpath", **quiet)
    parser.add_argument("--traceback", action="store_true", **quiet)
    parser.add_argument("--no-color", action="store_true", **quiet)
    parser.add_argument("--force-color", action="store_true", **quiet)


def default_root() -> Path:
    """The project to audit by default: BASE_DIR, else manage.py's folder, else the cwd."""
    from django.conf import settings

    base = base_dir_of(getattr(settings, "BASE_DIR", None))
    if base is not None:
        return base
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "manage.py" and script.is_file():
        return script.resolve().parent
    return Path.cwd()


def running_settings_module(root: Path) -> str | None:
    """The running settings module, if the audit of ``root`` can find it by that name.

    The audit looks modules up under the root, ``src/`` and manage.py's folders; a module
    elsewhere (an installed package, another tree) is left to the audit's own discovery.
    """
    from django.conf import settings

    module = (getattr(settings, "SETTINGS_MODULE", None)
              or os.environ.get("DJANGO_SETTINGS_MODULE"))
    if not isinstance(module, str) or not module:
        return None
    path = module_file(module)
    if path is None:
        return None
    depth = module.count(".") + (1 if path.name == "__init__.py" else 0)
    try:
        path = path.resolve()
        base = path.parents[depth]
        rel = base.relative_to(root.resolve()).as_posix()
    except (IndexError, ValueError, OSError):
        return None
    if rel in (".", "src") or (base / "manage.py").is_file():
        return module
    return None


__all__ = ["Command", "default_root", "running_settings_module"]
