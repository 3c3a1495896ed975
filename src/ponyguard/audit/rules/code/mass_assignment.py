"""Request data decides which model fields are written: `create(**request.POST.dict())`.

## Why it matters
`Invoice.objects.create(**request.POST.dict())`, `Profile(**request.data)`,
`obj.__dict__.update(request.POST)` or `setattr(obj, key, value)` over the submitted items
let the *client* choose the field names. Besides the fields your form shows, an attacker
sends `is_staff=1`, `owner_id=7`, `price=0`, `paid=True` or `user_id` of another account,
and the ORM saves them (mass assignment). Nothing fails: Django ignores no keyword, and
every later model field is exposed too.

A finding is high confidence when the field names provably come from the request (query
string, form body, JSON body, `request.data`); low when they come from a dictionary of
unknown origin. Literal keyword names with request values
(`create(title=request.POST["title"])`), `form.cleaned_data` and `serializer.validated_data`
(their keys are the declared fields) and keys checked against an allowlist are safe, and so
is a dictionary a helper receives when every caller builds it with literal keys
(`record(Invoice, {"invoice": invoice})`), whatever its values.

## Insecure example
```python
def update_profile(request):
    Profile.objects.filter(user=request.user).update(**request.POST.dict())

def create_invoice(request):
    data = json.loads(request.body)
    invoice = Invoice(**data)
    invoice.save()
```

## Fix
Name the fields users may set: `Profile.objects.filter(user=request.user).update(
bio=form.cleaned_data["bio"])`, or validate with a `ModelForm`/serializer that lists its fields
and save `form.cleaned_data`; when copying keys, keep those in an allowlist
(`{k: v for k, v in data.items() if k in EDITABLE}`).

## References
- https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html
- https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use
- https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/
- https://cwe.mitre.org/data/definitions/915.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.flow import SAFE_FLOW, Flow
from ...taint.sinks import ORM_KWARGS
from ._orm import is_manager_chain
from ._shapes import project_bases, statements
from ._support import report

rule = Rule("PG405", "mass-assignment", "Request data chooses the model fields written",
            Severity.HIGH, Confidence.HIGH, cwe=(915,), doc_text=__doc__, runtime=False)

WRITES = frozenset({"create", "update", "get_or_create", "update_or_create"})
DEFAULTS = frozenset({"defaults", "create_defaults"})
QUERYSET_METHODS = frozenset({"all", "filter", "exclude", "using", "select_related",
                              "prefetch_related", "select_for_update", "get_queryset", "none"})
DJANGO_MODELS = frozenset({"django.contrib.auth.models.User", "django.contrib.auth.models.Group",
                           "django.contrib.auth.models.Permission",
                           "django.contrib.auth.get_user_model()"})
MODEL_BASES = ("django.db.models.Model", "django.db.models.base.Model")
SAFE_PARAMS = frozenset({"validated_data", "cleaned_data"})
"""Parameters DRF and Django fill with validated data: their keys are declared fields."""
FIX = ("Name the fields users may set (create(title=data['title'])) or save a ModelForm's/"
       "serializer's cleaned data with an explicit fields list; filter copied keys with an "
       "allowlist.")
MAX_DEPTH = 5


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    func = node.func
    spread = any(k.arg is None or k.arg in DEFAULTS for k in node.keywords)
    if not spread and not (isinstance(func, ast.Attribute) and func.attr == "update"
                           and node.args) and not (isinstance(func, ast.Name)
                                                   and func.id == "setattr"):
        return  # cheap test first: only these calls can write request-chosen fields
    if isinstance(func, ast.Name) and func.id == "setattr" and ctx.qualname(func) == "setattr":
        yield from _setattr(node, ctx)
        return
    candidates: list[ast.expr] = []
    instance_dict = isinstance(func, ast.Attribute) and func.attr == "update" \
        and _is_instance_dict(func.value, ctx)
    if instance_dict:
        candidates = [*node.args[:1], *(k.value for k in node.keywords if k.arg is None)]
        what = f"{ctx.snippet(func, 50)}()"
    elif isinstance(func, ast.Attribute) and func.attr in WRITES and _is_manager(func.value, ctx):
        candidates = [k.value for k in node.keywords
                      if k.arg is None or k.arg in DEFAULTS and func.attr != "update"]
        what = f"{ctx.snippet(func, 50)}()"
    elif _is_model_class(func, ctx):
        candidates = [k.value for k in node.keywords if k.arg is None]
        what = f"{ctx.snippet(func, 50)}()"
    if not candidates:
        return
    flow = _worst(_keys(c, ctx, 0) for c in candidates)
    if flow.safe or flow.unknown and instance_dict:
        return  # obj.__dict__.update(state) of unknown origin: __setstate__, copying
    yield report(rule, ctx, node, candidates[0], flow, f"the list of fields {what} writes",
                 fix=FIX, confidence=Confidence.HIGH if flow.tainted else Confidence.LOW,
                 severity=None if flow.tainted else Severity.MEDIUM)


def _setattr(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    """``setattr(obj, key, value)`` with a request-chosen ``key`` (a variable key of unknown
    origin is an ordinary Python idiom: only proven request data is reported)."""
    if len(node.args) < 3 or isinstance(node.args[1], ast.Constant):
        return
    flow = ctx.flow(node.args[1], ORM_KWARGS)
    if flow.tainted:
        target = ctx.snippet(node.args[0], 30)
        yield report(rule, ctx, node, node.args[1], flow,
                     f"the attribute name setattr({target}, ...) sets", fix=FIX,
                     confidence=Confidence.HIGH)


# --- which keys a dictionary has ----------------------------------------------------------

def _keys(expr: ast.expr, ctx: FileContext, depth: int) -> Flow:
    """Where the *keys* of a dictionary expression come from."""
    if depth > MAX_DEPTH:
        return ctx.flow(expr, ORM_KWARGS)
    if isinstance(expr, ast.Dict):
        return _worst(
            _keys(value, ctx, depth + 1) if key is None else _computed_key(key, ctx)
            for key, value in zip(expr.keys, expr.values, strict=True))
    if isinstance(expr, ast.DictComp):
        return _comprehension_keys(expr, ctx, depth)
    if isinstance(expr, ast.Call):
        callee = ctx.qualname(expr.func)
        if callee == "dict":
            return _worst([*(_keys(a, ctx, depth + 1) for a in expr.args[:1]),
                           *(_keys(k.value, ctx, depth + 1) for k in expr.keywords
                             if k.arg is None)])
        if isinstance(expr.func, ast.Attribute) and expr.func.attr in ("dict", "copy", "items",
                                                                        "keys"):
            return _keys(expr.func.value, ctx, depth + 1)
    if isinstance(expr, ast.Name):
        return _name_keys(expr, ctx, depth)
    return ctx.flow(expr, ORM_KWARGS)


def _computed_key(key: ast.expr, ctx: FileContext) -> Flow:
    """A key written in a dict literal: only request data counts. ``{Model.USERNAME_FIELD:
    name}`` or ``{self.field.name: pk}`` name fields from the code's own metadata."""
    if isinstance(key, ast.Constant):
        return SAFE_FLOW
    flow = ctx.flow(key, ORM_KWARGS)
    return flow if flow.tainted else SAFE_FLOW


def _name_keys(name: ast.Name, ctx: FileContext, depth: int) -> Flow:
    function = ctx.enclosing_function(name)
    if function is None:
        return ctx.flow(name, ORM_KWARGS)
    args = function.args
    if args.kwarg is not None and args.kwarg.arg == name.id:
        return SAFE_FLOW  # **kwargs: the keyword names written at the call sites
    if name.id in SAFE_PARAMS:
        return SAFE_FLOW
    values = _assigned(name.id, function)
    if values is None:
        return ctx.flow(name, ORM_KWARGS)
    flows = [_keys(v, ctx, depth + 1) for v in values]
    flows += list(_mutations(name.id, function, ctx, depth))
    if not values:
        flows.append(ctx.flow(name, ORM_KWARGS))
    return _worst(flows)


def _assigned(name: str, function: ast.AST) -> list[ast.expr] | None:
    """Every value a local name is bound to; None when it is also bound another way (loop
    target, unpacking, ``with``…), where only the engine's view of the value is known."""
    found: list[ast.expr] = []
    for statement in statements(function.body):  # type: ignore[attr-defined]
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Name) and target.id == name:
                    found.append(statement.value)
                elif _binds(target, name):
                    return None
        elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
            if isinstance(statement.target, ast.Name) and statement.target.id == name \
                    and statement.value is not None:
                found.append(statement.value)
        elif _rebinds(statement, name):
            return None
    return found


def _rebinds(statement: ast.stmt, name: str) -> bool:
    """A ``for`` or ``with`` statement that binds ``name``."""
    if isinstance(statement, (ast.For, ast.AsyncFor)):
        return _binds(statement.target, name)
    if isinstance(statement, (ast.With, ast.AsyncWith)):
        return any(i.optional_vars is not None and _binds(i.optional_vars, name)
                   for i in statement.items)
    return False


def _binds(target: ast.expr, name: str) -> bool:
    """Whether an assignment target (re)binds ``name`` (not ``name[k] = …``)."""
    if isinstance(target, ast.Name):
        return target.id == name
    if isinstance(target, ast.Starred):
        return _binds(target.value, name)
    if isinstance(target, (ast.Tuple, ast.List)):
        return any(_binds(e, name) for e in target.elts)
    return False


def _mutations(name: str, function: ast.AST, ctx: FileContext, depth: int) -> Iterator[Flow]:
    """Keys added later: ``d[key] = v``, ``d.update(other)``, ``d.setdefault(key, v)``."""
    for statement in statements(function.body):  # type: ignore[attr-defined]
        if isinstance(statement, ast.Assign):
            for target in statement.targets:
                if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) \
                        and target.value.id == name and not isinstance(target.slice,
                                                                        ast.Constant):
                    yield _computed_key(target.slice, ctx)
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == name:
                if node.func.attr == "update":
                    for source in [*node.args[:1],
                                   *(k.value for k in node.keywords if k.arg is None)]:
                        yield _keys(source, ctx, depth + 1)
                elif node.func.attr == "setdefault" and node.args \
                        and not isinstance(node.args[0], ast.Constant):
                    yield _computed_key(node.args[0], ctx)


def _comprehension_keys(expr: ast.DictComp, ctx: FileContext, depth: int) -> Flow:
    """``{k: v for k, v in data.items() if k in ALLOWED}``: the key variable's iterable,
    unless a condition checks it against an allowlist."""
    key = expr.key
    if isinstance(key, ast.Constant):
        return SAFE_FLOW
    used = {n.id for n in ast.walk(key) if isinstance(n, ast.Name)}
    for generator in expr.generators:
        bound = {n.id for n in ast.walk(generator.target) if isinstance(n, ast.Name)}
        if not used & bound:
            continue
        if any(_allowlisted(condition, used & bound, ctx) for condition in generator.ifs):
            return SAFE_FLOW
        flow = _keys(generator.iter, ctx, depth + 1)
        # {f.name: ... for f in fields}: names read from the elements, not the elements
        return flow if isinstance(key, ast.Name) or flow.tainted else SAFE_FLOW
    return ctx.flow(key, ORM_KWARGS)


def _allowlisted(condition: ast.expr, names: set[str], ctx: FileContext) -> bool:
    if isinstance(condition, ast.BoolOp) and isinstance(condition.op, ast.And):
        return any(_allowlisted(v, names, ctx) for v in condition.values)
    return isinstance(condition, ast.Compare) and len(condition.ops) == 1 \
        and isinstance(condition.ops[0], ast.In) and isinstance(condition.left, ast.Name) \
        and condition.left.id in names \
        and not ctx.flow(condition.comparators[0], ORM_KWARGS).tainted


def _worst(flows: Iterable[Flow]) -> Flow:
    found = SAFE_FLOW
    for flow in flows:
        if flow.tainted:
            return flow
        if flow.unknown and found.safe:
            found = flow
    return found


# --- which calls write models -------------------------------------------------------------

def _is_manager(receiver: ast.expr, ctx: FileContext) -> bool:
    """``Model.objects``, ``Model._default_manager``, ``obj.items_set``, a queryset chain."""
    return is_manager_chain(receiver, ctx, QUERYSET_METHODS, related=True)


def _is_instance_dict(receiver: ast.expr, ctx: FileContext) -> bool:
    """``obj.__dict__`` or ``vars(obj)``."""
    if isinstance(receiver, ast.Attribute):
        return receiver.attr == "__dict__"
    return isinstance(receiver, ast.Call) and len(receiver.args) == 1 \
        and ctx.qualname(receiver.func) == "vars"


def _is_model_class(func: ast.expr, ctx: FileContext) -> bool:
    name = ctx.qualname(func)
    if name is None:
        return False
    if name in DJANGO_MODELS:
        return True
    return any(base in MODEL_BASES or base.startswith("django.contrib.auth.models.Abstract")
               for base in project_bases(name, ctx))
