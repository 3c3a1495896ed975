"""`eval()`, `exec()` or `compile()` runs Python code built from request data.

## Why it matters
`eval(request.GET["expr"])` runs whatever Python the visitor sends, with the web server's
permissions: `__import__("os").system("...")` opens a shell, `open(settings.…)` or
`django.conf.settings.SECRET_KEY` reads secrets, and the database is one import away. It
does not matter that the code looks like a calculator or a filter: restricting
`__builtins__` (`eval(x, {"__builtins__": {}})`) is bypassed through object attributes
(`().__class__.__mro__[1].__subclasses__()`). `exec()` and `compile()` are the same with
statements.

A finding is high confidence when the code provably comes from the request; medium when a
non-literal is formatted into the code, low for other values of unknown origin. Literal
code is silent, and so is `ast.literal_eval()`, which only accepts Python literals.

## Insecure example
```python
def calculate(request):
    expression = request.GET.get("expr", "0")
    return JsonResponse({"result": eval(expression)})

def run_rule(request):
    exec(f"result = {request.POST['rule']}", namespace)
```

## Fix
Do not run request data as code: parse literals with `ast.literal_eval()` or `json.loads()`,
map names to functions through a fixed dict (`OPERATIONS[name](a, b)`), or use a small
expression evaluator that has no access to Python objects.

## References
- https://docs.python.org/3/library/functions.html#eval
- https://docs.python.org/3/library/ast.html#ast.literal_eval
- https://owasp.org/www-community/attacks/Code_Injection
- https://cwe.mitre.org/data/definitions/95.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import CODE
from ._support import argument, report

rule = Rule("PG211", "code-injection", "Python code built from request data",
            Severity.CRITICAL, Confidence.HIGH, cwe=(95, 94), doc_text=__doc__, runtime=False)

CODE_SINKS = {
    name: keyword
    for base, keyword in (("eval", "source"), ("exec", "source"), ("compile", "source"))
    for name in (base, f"builtins.{base}", f"__builtin__.{base}")
}
"""Callees and the keyword name of their code argument (``eval``/``exec`` are positional)."""
NAMES = frozenset({"eval", "exec", "compile"})
COMPILE = frozenset({"compile", "builtins.compile", "__builtin__.compile"})
FIX = ("Do not run request data as code: parse literals with ast.literal_eval() or "
       "json.loads(), or map names to functions through a fixed dict.")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    func = node.func
    if isinstance(func, ast.Attribute) and func.attr not in NAMES:
        return
    callee = ctx.qualname(func)
    if callee not in CODE_SINKS:
        return
    code = argument(node, 0, CODE_SINKS[callee])
    if code is None or isinstance(code, ast.Constant) or _compiled(code, ctx):
        return
    flow = ctx.flow(code, CODE)
    if flow.safe:
        return
    name = callee.rsplit(".", 1)[-1]
    yield report(rule, ctx, node, code, flow, f"the code run by {name}()", fix=FIX,
                 severity=None if flow.tainted else Severity.HIGH,
                 confidence=None if not flow.tainted else Confidence.HIGH)


def _compiled(code: ast.expr, ctx: FileContext) -> bool:
    """``exec(compile(src, ...))``: the ``compile()`` call is the one reported."""
    if isinstance(code, ast.Name):
        bound = ctx.assigned_value(code)
        code = bound if bound is not None else code
    return isinstance(code, ast.Call) and ctx.qualname(code.func) in COMPILE
