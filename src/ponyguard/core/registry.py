"""The rule registry: every rule ponyguard knows, found by walking the rule packages."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable, Iterator
from types import ModuleType

from .errors import RuleError
from .rule import Rule

RULE_PACKAGES = ("ponyguard.core.tool_rules", "ponyguard.audit.rules", "ponyguard.deps.rules",
                 "ponyguard.scan.rules")


class Registry:
    """Rules by id, with uniqueness of ids and names enforced at registration."""

    def __init__(self) -> None:
        self._by_id: dict[str, Rule] = {}
        self._by_name: dict[str, Rule] = {}

    def register(self, rule: Rule) -> Rule:
        if rule.id in self._by_id and self._by_id[rule.id] is not rule:
            raise RuleError(f"duplicate rule id {rule.id}")
        if rule.name in self._by_name and self._by_name[rule.name] is not rule:
            raise RuleError(f"duplicate rule name {rule.name}")
        self._by_id[rule.id] = rule
        self._by_name[rule.name] = rule
        return rule

    def get(self, id_or_name: str) -> Rule | None:
        key = id_or_name.strip()
        return self._by_id.get(key.upper()) or self._by_name.get(key.lower())

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._by_id.values(), key=lambda rule: rule.id))

    def __len__(self) -> int:
        return len(self._by_id)

    def with_target(self, target: object) -> list[Rule]:
        return [rule for rule in self if target in rule.callbacks]


REGISTRY = Registry()
STATIC_PACKAGES = ("ponyguard.core.tool_rules", "ponyguard.audit.rules", "ponyguard.deps.rules")
"""What the static audit runs (the live scan's rules pull in its HTTP and TLS stack)."""
_loaded: set[str] = set()


def _walk(package: str) -> Iterable[ModuleType]:
    module = importlib.import_module(package)
    yield module
    path = getattr(module, "__path__", None)
    if path is None:
        return
    for info in pkgutil.walk_packages(path, prefix=package + "."):
        yield importlib.import_module(info.name)


def load_rules(packages: Iterable[str] = RULE_PACKAGES) -> Registry:
    """Import the rule modules of ``packages`` (every rule by default) once each and return
    the registry, which then holds them (and whatever was loaded before)."""
    for package in packages:
        if package in _loaded:
            continue
        for module in _walk(package):
            for value in vars(module).values():
                if isinstance(value, Rule):
                    REGISTRY.register(value)
        _loaded.add(package)
    return REGISTRY
