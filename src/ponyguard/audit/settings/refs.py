"""What evaluated settings data can hold besides plain values, and primitives on that data.

:class:`Ref` stands for a name bound to something other than data (a module, a function, a bound
method); :class:`FunctionDefinition` is the project helper a Ref can carry. The CSP constants are
names whose strings are known (``django.utils.csp.CSP.SELF``). The helpers (:func:`opaque`,
:func:`as_item`, :func:`truth`, :func:`bind_target`) and the size limits are shared by
:mod:`.evaluator`, its call handlers in :mod:`.calls`, and :mod:`.functions`.
"""

from __future__ import annotations

import ast
from collections.abc import MutableMapping
from dataclasses import dataclass
from typing import Any

from .environment import EnvReader
from .values import UNKNOWN, Value, is_unknown

MAX_SEQUENCE = 10_000
"""Larger computed strings or lists are treated as unknown (a guard against `"x" * 10**9`)."""
MAX_COMPREHENSION = 1_000
"""Comprehensions over more items than this are not unrolled."""

CSP_NONCE = "<CSP_NONCE_SENTINEL>"
"""What ``django.utils.csp.CSP.NONCE`` is; django-csp's ``csp.constants.NONCE`` maps to it too."""
CSP_CONSTANTS = {
    "SELF": "'self'", "NONE": "'none'", "UNSAFE_INLINE": "'unsafe-inline'",
    "UNSAFE_EVAL": "'unsafe-eval'", "UNSAFE_HASHES": "'unsafe-hashes'",
    "STRICT_DYNAMIC": "'strict-dynamic'", "WASM_UNSAFE_EVAL": "'wasm-unsafe-eval'",
    "REPORT_SAMPLE": "'report-sample'", "UNSAFE_ALLOW_REDIRECTS": "'unsafe-allow-redirects'",
    "NONCE": CSP_NONCE,
}
CONSTANT_MODULES = ("django.utils.csp.CSP", "csp.constants")
"""Modules whose constants settings use inside values: their strings are known."""


def known_constant(path: str) -> str | None:
    """The string a constant such as ``django.utils.csp.CSP.SELF`` stands for, if known."""
    module, _, name = path.rpartition(".")
    return CSP_CONSTANTS.get(name) if module in CONSTANT_MODULES else None


@dataclass(frozen=True)
class Ref:
    """A name bound to something other than data: a module, a function, a bound method."""

    path: str
    bound: Any = None


@dataclass(frozen=True, eq=False)
class FunctionDefinition:
    """A project function whose calls :mod:`.functions` interprets; the ``bound`` of its Ref."""

    path: str
    node: ast.FunctionDef
    scope: MutableMapping[str, Value]
    """The namespace of the module that defines it (its globals, looked up at call time)."""
    rel: str
    defaults: tuple[Value, ...] = ()
    kw_defaults: tuple[Value | None, ...] = ()


def opaque(data: Any) -> bool:
    """Data no operation can use: unknown, or a module/function reference."""
    return is_unknown(data) or isinstance(data, (Ref, EnvReader))


def as_item(data: Any) -> Any:
    """What a container holds for ``data``: references other than types become unknown."""
    if isinstance(data, Ref) and data.path.startswith("builtins."):
        return data  # a cast in a django-environ scheme: Env(DEBUG=(bool, False))
    return UNKNOWN if isinstance(data, (Ref, EnvReader)) else data


def bind_target(target: ast.expr, value: Value, scope: MutableMapping[str, Value]) -> bool:
    """Bind a loop or comprehension target (a name or nested tuple of names) in ``scope``."""
    if isinstance(target, ast.Name):
        scope[target.id] = value
        return True
    if isinstance(target, (ast.Tuple, ast.List)):
        data = value.data
        if not isinstance(data, (list, tuple)) or len(data) != len(target.elts):
            return False
        return all(bind_target(element, value.with_data(item), scope)
                   for element, item in zip(target.elts, data, strict=True))
    return False


def truth(data: Any) -> bool | None:
    """Python truthiness of evaluated data, or None when it cannot be known."""
    if is_unknown(data) or isinstance(data, Ref):
        return None
    if isinstance(data, (list, tuple, set)) and any(is_unknown(x) for x in data):
        return True if any(not is_unknown(x) for x in data) else None
    try:
        return bool(data)
    except TypeError:
        return None
