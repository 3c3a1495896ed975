"""A DRF `ModelSerializer` lets clients write all fields, or privilege and ownership fields.

## Why it matters
A Django REST framework `ModelSerializer` accepts a value for every field in `Meta.fields`
that is not read-only. With `fields = "__all__"` (or `exclude`), every model field — and every
field added to the model later — is writable through the API. With an explicit list that
names `is_staff`, `is_superuser`, `user_permissions`, `role`, `owner` or `user` without making
them read-only, a client sends `{"is_staff": true}` in a `PATCH` to its own profile, or
`{"owner": 42}` to move an object into another account (mass assignment). A `password`
field that is not `write_only` is returned in responses (its hash) and, unless `create()`
hashes it, stored as sent.

A finding is high severity for writable privilege fields (high confidence) and ownership
fields and passwords (medium confidence: a view may still override them with
`serializer.save(owner=request.user)`); medium severity for `"__all__"` and `exclude`,
high on the user model. Fields listed in `read_only_fields`, marked `read_only` in
`extra_kwargs`, declared read-only (`ReadOnlyField`, `SerializerMethodField`, `HiddenField`,
`read_only=True`), or checked by a `validate_<field>()` method are not reported.

## Insecure example
```python
class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "is_staff", "password"]

class ProjectSerializer(serializers.ModelSerializer):
    class Meta:
        model = Project
        fields = "__all__"
```

## Fix
List the fields explicitly and make privileged ones read-only:
`fields = ["id", "username", "email", "is_staff"]`, `read_only_fields = ["is_staff"]`,
`extra_kwargs = {"password": {"write_only": True}}`; set ownership in the view with
`serializer.save(owner=self.request.user)` and keep `owner` read-only.

## References
- https://www.django-rest-framework.org/api-guide/serializers/#specifying-which-fields-to-include
- https://www.django-rest-framework.org/api-guide/serializers/#specifying-read-only-fields
- https://www.django-rest-framework.org/api-guide/serializers/#additional-keyword-arguments
- https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html
- https://owasp.org/API-Security/editions/2023/en/0xa3-broken-object-property-level-authorization/
- https://cwe.mitre.org/data/definitions/915.html
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ._shapes import (
    class_assignment,
    class_bases,
    inner_class,
    is_all_fields,
    is_user_model,
    model_label,
    string_items,
)

rule = Rule("PG404", "serializer-writable-sensitive-fields",
            "Serializer lets clients write sensitive fields", Severity.HIGH, Confidence.HIGH,
            cwe=(915,), doc_text=__doc__, runtime=False)

SERIALIZERS = frozenset({
    "rest_framework.serializers.ModelSerializer",
    "rest_framework.serializers.HyperlinkedModelSerializer",
})
PRIVILEGE = frozenset({"is_staff", "is_superuser", "user_permissions", "is_admin", "role",
                       "roles", "permissions"})
USER_PRIVILEGE = frozenset({"is_active", "groups"})
"""Sensitive on user-like models only (``Product.is_active`` is ordinary data)."""
OWNERSHIP = frozenset({"owner", "user", "created_by", "owner_id", "user_id", "author"})
USERISH = re.compile(r"user|account|member|profile|staff|person", re.IGNORECASE)
READ_ONLY_CLASSES = frozenset({"ReadOnlyField", "SerializerMethodField", "HiddenField",
                               "HyperlinkedIdentityField"})
FIX = ("List the fields explicitly and make privileged ones read-only (read_only_fields = "
       '["is_staff", "owner"], extra_kwargs = {"password": {"write_only": True}}); set the '
       "owner in the view with serializer.save(owner=request.user).")


@rule.on(ast.ClassDef)
def check(node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
    meta = inner_class(node, "Meta")
    if meta is None:
        return  # cheap test first: most classes have no Meta
    bases = class_bases(node, ctx)
    if not any(b in SERIALIZERS or b.rsplit(".", 1)[-1].endswith("ModelSerializer")
               for b in bases):
        return
    model_assign = class_assignment(meta.body, "model")
    model = model_assign.value if model_assign is not None else None
    fields = class_assignment(meta.body, "fields")
    exclude = class_assignment(meta.body, "exclude")
    user = is_user_model(model, ctx)
    protected = _protected(node, meta, ctx)
    if protected is None:
        return
    label = f"ModelSerializer `{node.name}`"
    if fields is not None and is_all_fields(fields.value, ctx) \
            or fields is None and exclude is not None:
        yield _all_fields(node, fields or exclude, label, model, user, protected, ctx)
        return
    items = string_items(fields.value, ctx) if fields is not None else None
    if items is None:
        return
    yield from _listed(node, items, label, model, user, protected, ctx)


def _all_fields(node: ast.ClassDef, where: ast.Assign | ast.AnnAssign | None, label: str,
                model: ast.expr | None, user: bool, protected: set[str],
                ctx: FileContext) -> Finding:
    assert where is not None
    how = "exclude" if isinstance(where, ast.Assign) and any(
        isinstance(t, ast.Name) and t.id == "exclude" for t in where.targets) \
        else 'fields = "__all__"'
    excluded = {n for n, _ in string_items(where.value, ctx) or ()} if how == "exclude" \
        else set()
    exposed = [f for f in ("is_staff", "is_superuser", "user_permissions", "groups", "password")
               if f not in protected and f not in excluded] if user else []
    message = (f"{label} uses {how}: every field of {model_label(model)}"
               f"{' that is not excluded' if how == 'exclude' else ''}, including fields added "
               "to the model later, is writable through the API")
    if exposed:
        message += f" (on the user model: {', '.join(exposed)})"
    return _finding(node, where, message, Severity.HIGH if exposed else Severity.MEDIUM,
                    Confidence.HIGH, ctx)


def _listed(node: ast.ClassDef, items: list[tuple[str, ast.expr]], label: str,
            model: ast.expr | None, user: bool, protected: set[str],
            ctx: FileContext) -> Iterator[Finding]:
    userish = user or USERISH.search(model_label(model)) is not None
    privilege, ownership, password = [], [], []
    first: ast.expr | None = None
    for name, element in items:
        if name in protected:
            continue
        if name in PRIVILEGE or name in USER_PRIVILEGE and userish:
            privilege.append(name)
        elif name in OWNERSHIP:
            ownership.append(name)
        elif name == "password" and name not in _write_only(node, ctx):
            password.append(name)
        else:
            continue
        first = first or element
    if first is None:
        return
    parts = []
    if privilege:
        parts.append(f"{', '.join(privilege)} (a client can grant itself privileges)")
    if ownership:
        parts.append(f"{', '.join(ownership)} (a client can assign objects to other users, "
                     "unless every view sets it with serializer.save())")
    if password:
        parts.append("password without write_only (its hash is returned in responses)")
    confidence = Confidence.HIGH if privilege or password and user else Confidence.MEDIUM
    message = (f"{label} lets clients write {'; '.join(parts)}: the fields are not in "
               "read_only_fields")
    yield _finding(node, first, message, Severity.HIGH, confidence, ctx)


def _protected(node: ast.ClassDef, meta: ast.ClassDef, ctx: FileContext) -> set[str] | None:
    """Fields that are read-only or validated; None when ``read_only_fields`` is not a
    literal (it may cover anything)."""
    found: set[str] = set()
    read_only = class_assignment(meta.body, "read_only_fields")
    if read_only is not None:
        items = string_items(read_only.value, ctx)
        if items is None:
            return None
        found.update(name for name, _ in items)
    for name, options in _extra_kwargs(meta, ctx).items():
        if options.get("read_only") is True:
            found.add(name)
    for statement in node.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call):
            call = statement.value
            kind = (ctx.qualname(call.func) or ast.unparse(call.func)).rsplit(".", 1)[-1]
            read_only_kw = any(k.arg == "read_only" and isinstance(k.value, ast.Constant)
                               and k.value.value is True for k in call.keywords)
            if kind in READ_ONLY_CLASSES or read_only_kw or kind.endswith("Serializer"):
                found.update(t.id for t in statement.targets if isinstance(t, ast.Name))
        elif isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and statement.name.startswith("validate_"):
            found.add(statement.name[len("validate_"):])
    return found


def _write_only(node: ast.ClassDef, ctx: FileContext) -> set[str]:
    found: set[str] = set()
    meta = inner_class(node, "Meta")
    if meta is not None:
        found.update(n for n, o in _extra_kwargs(meta, ctx).items() if o.get("write_only"))
    for statement in node.body:
        if isinstance(statement, ast.Assign) and isinstance(statement.value, ast.Call) \
                and any(k.arg == "write_only" and isinstance(k.value, ast.Constant)
                        and k.value.value is True for k in statement.value.keywords):
            found.update(t.id for t in statement.targets if isinstance(t, ast.Name))
    return found


def _extra_kwargs(meta: ast.ClassDef, ctx: FileContext) -> dict[str, dict[str, object]]:
    assign = class_assignment(meta.body, "extra_kwargs")
    found: dict[str, dict[str, object]] = {}
    if assign is None or not isinstance(assign.value, ast.Dict):
        return found
    for key, value in zip(assign.value.keys, assign.value.values, strict=True):
        if isinstance(key, ast.Constant) and isinstance(key.value, str) \
                and isinstance(value, ast.Dict):
            found[key.value] = {
                k.value: v.value for k, v in zip(value.keys, value.values, strict=True)
                if isinstance(k, ast.Constant) and isinstance(k.value, str)
                and isinstance(v, ast.Constant)}
    return found


def _finding(node: ast.ClassDef, where: ast.AST, message: str, severity: Severity,
             confidence: Confidence, ctx: FileContext) -> Finding:
    return rule.finding(message, ctx.location(where),
                        key=f"{ctx.function_qualname(node)}:fields", severity=severity,
                        confidence=confidence, evidence=ctx.evidence(where), fix=FIX)
