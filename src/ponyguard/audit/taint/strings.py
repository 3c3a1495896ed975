"""Strings built from pieces: f-strings, ``+`` chains, ``%`` and ``str.format``.

The value of a built string is the join of its pieces' values, with one refinement for
URLs: a piece placed after a literal ``?`` or ``#`` is in the query or fragment, and a piece
placed after a literal start that fixes the host (``/account/``, ``https://example.com/``)
or after a safe call result (``reverse(...)``) is in the path: neither can choose where a
redirect goes or which host a server-side request reaches, so those pieces are marked safe
for the ``redirect`` and ``url`` sink classes. Everything else about them (SQL, HTML,
shell…) is unchanged.
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Callable, Sequence

from .values import Value, data, join, sanitized

Piece = str | tuple[ast.expr, Value]
Evaluate = Callable[[ast.expr], Value]

FIXED_START = re.compile(r"^((https?:)?//[^/?#\\]+[/?#]|/[^/\\]|[\w.~-]+/)")
"""A literal start that already decides a URL's scheme and host."""
_PERCENT = re.compile(r"%(?:\((?P<key>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
                      r"(?P<kind>[diouxXeEfFgGcrsa%])")
REDIRECT = ("redirect", "url")


def build(pieces: Sequence[Piece]) -> Value:
    """The value of a string made of ``pieces`` (literal text or evaluated expressions)."""
    fixed = False
    values = []
    for index, piece in enumerate(pieces):
        if isinstance(piece, str):
            if (index == 0 and FIXED_START.match(piece)) or "?" in piece or "#" in piece:
                fixed = True
            continue
        node, value = piece
        values.append(sanitized(value, REDIRECT) if fixed and value.origins else data(value))
        if index == 0 and not value.origins and isinstance(node, ast.Call):
            fixed = True
    return join(*values)


def joined(node: ast.JoinedStr, evaluate: Evaluate) -> Value:
    pieces: list[Piece] = []
    for part in node.values:
        if isinstance(part, ast.FormattedValue):
            pieces.append((part.value, evaluate(part.value)))
        elif isinstance(part, ast.Constant) and isinstance(part.value, str):
            pieces.append(part.value)
    return build(pieces)


def concatenation(node: ast.BinOp, evaluate: Evaluate) -> Value:
    """``a + "?" + b`` as pieces, left to right."""
    operands: list[ast.expr] = []
    pending: list[ast.expr] = [node]
    while pending:
        current = pending.pop()
        if isinstance(current, ast.BinOp) and isinstance(current.op, ast.Add):
            pending.extend((current.right, current.left))
        else:
            operands.append(current)
    return build([_piece(o, evaluate) for o in operands])


def percent(fmt: str, right: ast.expr, evaluate: Evaluate) -> Value:
    """``"%s?%s" % (a, b)`` and ``"%(a)s" % {"a": a}`` as pieces."""
    if isinstance(right, ast.Tuple):
        items: list[ast.expr] = list(right.elts)
    elif isinstance(right, ast.Dict):
        items = []
    else:
        items = [right]
    keyed = {k.value: v for k, v in zip(right.keys, right.values, strict=True)
             if isinstance(k, ast.Constant)} if isinstance(right, ast.Dict) else {}
    pieces: list[Piece] = []
    position = used = 0
    for match in _PERCENT.finditer(fmt):
        pieces.append(fmt[position:match.start()])
        position = match.end()
        if match.group("kind") == "%":
            continue
        key = match.group("key")
        target = keyed.get(key) if key is not None else (
            items[used] if used < len(items) else None)
        used += key is None
        if target is not None:
            pieces.append((target, evaluate(target)))
    pieces.append(fmt[position:])
    covered = set(map(id, (p[0] for p in pieces if not isinstance(p, str))))
    rest = [evaluate(e) for e in (*items, *keyed.values()) if id(e) not in covered]
    if isinstance(right, ast.Dict) and not keyed:
        rest.append(evaluate(right))
    return join(build(pieces), *(data(v) for v in rest))


def formatted(fmt: str, args: list[ast.expr], kwargs: dict[str, ast.expr],
              evaluate: Evaluate) -> Value:
    """``"{}?{}".format(a, b)`` as pieces (unknown fields fall back to every argument)."""
    pieces: list[Piece] = []
    auto = 0
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return join(*(data(evaluate(e)) for e in (*args, *kwargs.values())))
    for literal, field, _, _ in parsed:
        pieces.append(literal)
        if field is None:
            continue
        name = re.split(r"[.\[]", field, maxsplit=1)[0]
        if name == "":
            target = args[auto] if auto < len(args) else None
            auto += 1
        elif name.isdigit():
            target = args[int(name)] if int(name) < len(args) else None
        else:
            target = kwargs.get(name)
        if target is not None:
            pieces.append((target, evaluate(target)))
    return build(pieces)


def _piece(node: ast.expr, evaluate: Evaluate) -> Piece:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return (node, evaluate(node))
