"""A Jinja2 environment that renders HTML does not autoescape, or `Markup()` wraps request data.

## Why it matters
Unlike Django's template language, a plain `jinja2.Environment()` does **not** escape
variables: its `autoescape` argument defaults to `False`. Django's Jinja2 backend passes
`autoescape=True` to the environment it builds (unless `TEMPLATES` `OPTIONS` say otherwise), but
only if the environment factory named by `OPTIONS["environment"]` hands those options on.
A factory that builds `Environment(loader=..., extensions=...)` without `**options`, or with
`autoescape=False`, renders every `{{ comment.body }}` as raw HTML: each value that contains
user input is cross-site scripting, which runs the attacker's script as the visitor.
`markupsafe.Markup(x)` is Jinja2's `mark_safe()`: wrapping request data in it switches
escaping off for that value.

A finding is high confidence for the Django environment factory (a function that takes
Django's `**options`, or is named in a settings module) and for `Markup()` on request data;
medium for other environments in modules that render `.html` templates or markup; low when
nothing says what the environment renders or `Markup()` gets a value of unknown origin.
Environments whose templates are plain text (`.txt`, `.sql`, `.csv`…) are not reported.
`Markup()` in the branch where the rendering template's autoescaping is off
(`if eval_ctx.autoescape: return escape(v)` / `else: return Markup(v)`) is not reported unless
it provably wraps request data: the template would print that value unescaped anyway.

## Insecure example
```python
# myproject/jinja2.py, named in TEMPLATES OPTIONS "environment"
from jinja2 import Environment, FileSystemLoader, Markup

def environment(**options):
    env = Environment(loader=FileSystemLoader("templates"))   # autoescape is off
    env.globals["greeting"] = lambda request: Markup(f"Hi {request.GET['name']}")
    return env
```

## Fix
Build the environment from Django's options, `Environment(**options)`, which carry
`autoescape=True`; outside Django pass `autoescape=select_autoescape()` (or `True`) for HTML.
Keep `Markup()` for literals and escape data with `markupsafe.escape()` or
`Markup("<b>{}</b>").format(value)`.

## References
- https://docs.djangoproject.com/en/stable/topics/templates/#django.template.backends.jinja2.Jinja2
- https://jinja.palletsprojects.com/en/stable/api/#autoescaping
- https://jinja.palletsprojects.com/en/stable/api/#jinja2.select_autoescape
- https://markupsafe.palletsprojects.com/en/stable/escaping/
- https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/79.html
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import HTML
from ._safe_input import in_autoescape_off_branch
from ._shapes import last_name, statements
from ._support import argument, keyword, report

rule = Rule("PG307", "jinja2-autoescape-disabled",
            "Jinja2 autoescaping off, or request data wrapped in Markup()", Severity.HIGH,
            Confidence.HIGH, cwe=(79, 116), doc_text=__doc__, runtime=False)

ENVIRONMENTS = frozenset({
    "jinja2.Environment", "jinja2.environment.Environment",
    "jinja2.sandbox.SandboxedEnvironment", "jinja2.sandbox.ImmutableSandboxedEnvironment",
})
MARKUP = frozenset({
    "markupsafe.Markup", "jinja2.Markup", "jinja2.utils.Markup", "jinja2.utils.markupsafe.Markup",
})
NAMES = frozenset(name.rsplit(".", 1)[-1] for name in ENVIRONMENTS | MARKUP)
HTML_NAME = re.compile(r"\.(html?|xhtml|svg)$|<[a-zA-Z][\w-]*(\s[^<>]*)?/?>", re.IGNORECASE)
TEXT_NAME = re.compile(
    r"\.(txt|text|sql|csv|tsv|md|rst|ya?ml|ini|cfg|conf|toml|json|py|sh|tex|eml|css|js)$",
    re.IGNORECASE)
FIX = ("Build the environment from Django's options (Environment(**options), which carry "
       "autoescape=True) or pass autoescape=select_autoescape(); wrap only literals in Markup() "
       "and escape data with markupsafe.escape().")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    if last_name(node.func, ctx) not in NAMES:
        return
    callee = ctx.qualname(node.func)
    if callee in ENVIRONMENTS:
        yield from _environment(node, callee, ctx)
    elif callee in MARKUP:
        value = argument(node, 0, "object")
        if value is None or isinstance(value, ast.Constant):
            return
        flow = ctx.flow(value, HTML)
        if flow.safe or not flow.tainted and in_autoescape_off_branch(node, ctx):
            return
        yield report(rule, ctx, node, value, flow, "the HTML wrapped in Markup()", fix=FIX,
                     confidence=Confidence.HIGH if flow.tainted else Confidence.LOW)


@rule.on(ast.Assign)
def check_assignment(node: ast.Assign, ctx: FileContext) -> Iterator[Finding]:
    """``env.autoescape = False`` on an environment built in the same function."""
    for target in node.targets:
        if isinstance(target, ast.Attribute) and target.attr == "autoescape" \
                and isinstance(target.value, ast.Name) and _falsy(node.value, ctx):
            callee = (ctx.qualname(target.value) or "").removesuffix("()")
            built = ctx.assigned_value(target.value)
            if callee in ENVIRONMENTS and isinstance(built, ast.Call):
                yield from _environment(node, callee, ctx, built,
                                        "is switched to autoescape=False")


def _environment(node: ast.Call | ast.Assign, callee: str, ctx: FileContext,
                 built: ast.Call | None = None, state: str | None = None) -> Iterator[Finding]:
    built = built if built is not None else node if isinstance(node, ast.Call) else None
    if built is None:
        return
    if state is None:
        state = _autoescape(built, ctx)
    if state is None:
        return
    name = callee.rsplit(".", 1)[-1]
    function = ctx.enclosing_function(node)
    if function is not None and _is_django_factory(function, built, ctx):
        confidence = Confidence.HIGH
        where = (f"`{function.name}()` builds Django's Jinja2 environment but its {name}() "
                 f"{state}, dropping Django's autoescape=True")
    else:
        evidence = (_evidence(function) if function is not None else None) \
            or _evidence(ctx.tree)
        if evidence == "text":
            return
        confidence = Confidence.MEDIUM if evidence == "html" else Confidence.LOW
        renders = "this module renders HTML templates or markup" if evidence == "html" \
            else "nothing says it renders only plain text"
        where = f"{name}() {state} and {renders}"
    yield rule.finding(
        f"{where}: every {{{{ variable }}}} is output without HTML escaping",
        ctx.location(node), key=f"{_owner(node, ctx)}:{name}:{state}", confidence=confidence,
        evidence=ctx.evidence(node), fix=FIX)


def _owner(node: ast.AST, ctx: FileContext) -> str:
    function = ctx.enclosing_function(node)
    return ctx.function_qualname(function) if function is not None else ctx.scope.module


def _autoescape(call: ast.Call, ctx: FileContext) -> str | None:
    """How the call leaves autoescaping off (text for the message), or None when it is on or
    cannot be known."""
    value = keyword(call, "autoescape")
    if value is not None:
        return "sets autoescape=False" if _falsy(value, ctx) else None
    spreads = [k.value for k in call.keywords if k.arg is None]
    if not spreads:
        return "has no autoescape argument (Jinja2's default is False)"
    for spread in spreads:
        state = _options_autoescape(spread, ctx)
        if state != "absent":
            return state
    return "has no autoescape argument (Jinja2's default is False)"


def _options_autoescape(spread: ast.expr, ctx: FileContext) -> str | None:
    """What ``**spread`` does to autoescape: ``"absent"``, a message, or None (on/unknown)."""
    if isinstance(spread, ast.Dict):
        for key, item in zip(spread.keys, spread.values, strict=True):
            if key is None:
                inner = _options_autoescape(item, ctx)
                if inner != "absent":
                    return inner
            elif isinstance(key, ast.Constant) and key.value == "autoescape":
                return "sets autoescape=False" if _falsy(item, ctx) else None
        return "absent"
    if not isinstance(spread, ast.Name):
        return None
    function = ctx.enclosing_function(spread)
    if function is None:
        return None
    changed = _options_changed(spread.id, function)
    if changed is not None:
        return changed
    if function.args.kwarg is not None and function.args.kwarg.arg == spread.id:
        return None
    bound = ctx.assigned_value(spread)
    if isinstance(bound, ast.Dict):
        return _options_autoescape(bound, ctx)
    if isinstance(bound, ast.Call) and ctx.qualname(bound.func) == "dict" and not bound.args:
        return "sets autoescape=False" if _falsy(keyword(bound, "autoescape"), ctx) else (
            None if keyword(bound, "autoescape") is not None else "absent")
    return None


def _options_changed(name: str, function: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """``options["autoescape"] = False``, ``options.pop("autoescape")``, ``del options[...]``,
    ``options.update(autoescape=False)`` in the function."""
    for statement in statements(function.body):
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if _is_key(target, name) and _is_false(statement.value):
                    return f"sets {name}['autoescape'] = False"
        elif isinstance(statement, ast.Delete) and any(_is_key(t, name)
                                                        for t in statement.targets):
            return f"deletes {name}['autoescape'] (Jinja2's default is False)"
        for node in ast.walk(statement):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == name):
                continue
            method = node.func.attr
            first = node.args[0] if node.args else None
            if method == "pop" and isinstance(first, ast.Constant) \
                    and first.value == "autoescape":
                return f"pops {name}['autoescape'] (Jinja2's default is False)"
            if method == "update" and (_is_false(keyword(node, "autoescape")) or (
                    isinstance(first, ast.Dict) and any(
                        isinstance(k, ast.Constant) and k.value == "autoescape" and _is_false(v)
                        for k, v in zip(first.keys, first.values, strict=True)))):
                return f"sets {name}['autoescape'] = False"
    return None


def _is_key(target: ast.expr, name: str) -> bool:
    return isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
        and target.value.id == name and isinstance(target.slice, ast.Constant) \
        and target.slice.value == "autoescape"


def _is_false(value: ast.expr | None) -> bool:
    return isinstance(value, ast.Constant) and value.value in (False, None, 0, "") \
        and value.value is not True


def _falsy(value: ast.expr | None, ctx: FileContext) -> bool:
    if isinstance(value, ast.Name):
        bound = ctx.assigned_value(value)
        return _is_false(bound) if bound is not None else False
    return _is_false(value)


def _is_django_factory(function: ast.FunctionDef | ast.AsyncFunctionDef, call: ast.Call,
                       ctx: FileContext) -> bool:
    """The function Django's Jinja2 backend calls with ``**options``: a settings module names
    it, or it takes ``**kwargs`` (or the ``autoescape``/``loader`` keywords) and returns the
    environment it builds."""
    if ctx.enclosing_class(function) is not None:
        return False
    if _named_in_settings(ctx.function_qualname(function), ctx):
        return True
    args = function.args
    names = {a.arg for a in (*args.args, *args.kwonlyargs)}
    if args.kwarg is None and not {"autoescape", "loader"} <= names:
        return False
    bound = {t.id for s in statements(function.body) if isinstance(s, ast.Assign)
             and s.value is call for t in s.targets if isinstance(t, ast.Name)}
    return any(isinstance(s, ast.Return) and s.value is not None and (
        s.value is call or isinstance(s.value, ast.Name) and s.value.id in bound)
        for s in statements(function.body))


def _named_in_settings(qualname: str, ctx: FileContext) -> bool:
    project = ctx.project
    if project is None:
        return False
    for module in project.settings_candidates():
        rel = project.module_file(module)
        if rel is None or ctx.index.facts(rel) is None:  # facts(): records the dependency
            continue
        ctx.index.note_source(rel)
        text = project.source(rel).text or ""
        if f'"{qualname}"' in text or f"'{qualname}'" in text:
            return True
    return False


def _evidence(scope: ast.AST) -> str | None:
    """``"html"`` when the function (or module) names HTML templates or holds markup,
    ``"text"`` when it names only plain-text templates, None when it says nothing."""
    text = False
    for node in ast.walk(scope):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and len(node.value) < 2000:
            value = node.value.strip()
            if HTML_NAME.search(value):
                return "html"
            if TEXT_NAME.search(value):
                text = True
    return "text" if text else None
