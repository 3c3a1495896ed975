"""Exceptions raised by ponyguard.

The tree::

    PonyguardError
    ├── ConfigError        bad configuration: unknown key, bad value, unreadable config file
    ├── InputError         the thing to audit cannot be used at all (root missing, bad baseline)
    └── RuleError          a programming error in a rule definition (raised at import)

Problems with *one* input among many (a file that does not parse, a binary file) are not
exceptions: they become PG0xx findings so that the rest of the run completes. Only
``cli.py`` turns these exceptions into exit codes.
"""

from __future__ import annotations


class PonyguardError(Exception):
    """Base class of every error ponyguard raises on purpose."""


class ConfigError(PonyguardError):
    """The configuration (file, environment or flags) is invalid."""


class InputError(PonyguardError):
    """An input the whole run depends on cannot be used."""


class RuleError(PonyguardError):
    """A rule is defined incorrectly (duplicate id, id out of range, missing docs)."""
