"""A `ModelForm` (or a generic editing view) edits every model field: `"__all__"` or `exclude`.

## Why it matters
A `ModelForm` saves every field its `Meta` lets through. With `fields = "__all__"`, or with
`exclude = [...]` (everything but a few), the set of editable fields is decided by the
model, not by the form: a field added to the model later (`is_verified`, `discount`, `owner`,
`is_staff` on a user model) silently becomes settable by anyone who can submit the form.
The HTML form does not have to show it: an attacker adds `&is_staff=on` to the POST body
(mass assignment, also called over-posting). The same holds for `modelform_factory(...,
fields="__all__")`, the formset factories, and `CreateView`/`UpdateView` with
`fields = "__all__"`. Django's documentation recommends listing the fields explicitly for
exactly this reason.

Forms only the Django admin uses are not reported: the admin is staff-only, and its
`fieldsets` decide what is shown. That is a form defined in `admin.py` (or an `admin/`
package), or a form defined elsewhere (`forms.py`) whose every use in the project is admin
code: `form = PageAdminForm` / `add_form = ...` on a `ModelAdmin` or inline, a `get_form()`
of one, or `admin.site.register(Page, form=PageAdminForm)`. One use anywhere else (a view, a
`form_class`, a factory, a call, a subclass used so, its name in a string for dynamic loading)
and the form is reported. A form with no use in the project is still reported at full
confidence: what makes the pattern risky is the form itself, and a form nobody in the
project imports is typically a library's public form, loaded dynamically, or about to be
used; only evidence of admin-only use lowers the stakes. A form on the user model is reported
at high severity: `"__all__"` there includes `is_staff`, `is_superuser` and
`user_permissions`.

## Insecure example
```python
class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = "__all__"

class AccountForm(forms.ModelForm):
    class Meta:
        model = User
        exclude = ["password"]
```

## Fix
List the fields users may edit: `class Meta: model = Profile; fields = ["display_name",
"bio"]` (the same for `modelform_factory(..., fields=[...])` and editing views). A field added
to the model then stays out of the form until you add it on purpose.

## References
- https://docs.djangoproject.com/en/stable/topics/forms/modelforms/#selecting-the-fields-to-use
- https://docs.djangoproject.com/en/stable/ref/class-based-views/mixins-editing/#django.views.generic.edit.ModelFormMixin.fields
- https://cheatsheetseries.owasp.org/cheatsheets/Mass_Assignment_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/915.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ._form_uses import FormUse, form_use
from ._shapes import (
    class_assignment,
    class_bases,
    inner_class,
    is_admin_module,
    is_all_fields,
    is_user_model,
    last_name,
    model_label,
    string_items,
)
from ._support import keyword

rule = Rule("PG403", "modelform-all-fields", "ModelForm edits all model fields",
            Severity.MEDIUM, Confidence.HIGH, cwe=(915,), doc_text=__doc__, runtime=False)

MODEL_FORMS = frozenset({"django.forms.ModelForm", "django.forms.models.ModelForm",
                         "django.forms.models.BaseModelForm"})
FACTORIES = frozenset({
    f"{package}.{name}" for package in ("django.forms", "django.forms.models")
    for name in ("modelform_factory", "modelformset_factory", "inlineformset_factory")
} | {"django.contrib.contenttypes.forms.generic_inlineformset_factory"})
EDITING_VIEWS = frozenset({"CreateView", "UpdateView", "BaseCreateView", "BaseUpdateView",
                           "ModelFormMixin"})
PRIVILEGED = ("is_staff", "is_superuser", "user_permissions", "groups")
FIX = ('List the fields users may edit: fields = ["name", "bio"] in the form\'s Meta (or in '
       "modelform_factory()/the editing view), never \"__all__\" or exclude.")


@rule.on(ast.ClassDef)
def check_class(node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
    if is_admin_module(ctx.rel):
        return
    meta = inner_class(node, "Meta")
    fields = class_assignment(node.body, "fields")
    if meta is None and fields is None:
        return  # cheap test first: most classes are neither
    bases = class_bases(node, ctx)
    if any(b in MODEL_FORMS or b.rsplit(".", 1)[-1].endswith("ModelForm") for b in bases):
        if meta is not None:
            model = class_assignment(meta.body, "model")
            found = list(_meta(node, meta, model.value if model is not None else None, ctx))
            if found and not _admin_only(node, ctx):
                yield from found
    elif fields is not None and is_all_fields(fields.value, ctx) and any(
            b.startswith("django.views.") and b.rsplit(".", 1)[-1] in EDITING_VIEWS
            for b in bases):
        model = class_assignment(node.body, "model")
        yield _report(fields, f"view `{node.name}`", "fields = \"__all__\"",
                      model.value if model is not None else None, ctx)


def _admin_only(node: ast.ClassDef, ctx: FileContext) -> bool:
    """The form is only used by the Django admin (staff-only, fieldsets decide what shows)."""
    return form_use(ctx, ctx.function_qualname(node)) is FormUse.ADMIN


def _meta(node: ast.ClassDef, meta: ast.ClassDef, model: ast.expr | None,
          ctx: FileContext) -> Iterator[Finding]:
    fields = class_assignment(meta.body, "fields")
    exclude = class_assignment(meta.body, "exclude")
    label = f"ModelForm `{node.name}`"
    if fields is not None and is_all_fields(fields.value, ctx):
        yield _report(fields, label, 'fields = "__all__"', model, ctx)
    elif fields is None and exclude is not None:
        yield _report(exclude, label, "exclude", model, ctx, exclude.value)


@rule.on(ast.Call)
def check_call(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    name = last_name(node.func, ctx)
    if name is None or not name.endswith(("_factory", "as_view")) or is_admin_module(ctx.rel):
        return
    callee = ctx.qualname(node.func)
    if callee in FACTORIES:
        model = node.args[0] if node.args else keyword(node, "model")
        if callee.endswith("inlineformset_factory"):
            model = node.args[1] if len(node.args) > 1 else keyword(node, "model")
        label = f"{callee.rsplit('.', 1)[-1]}()"
    elif callee is not None and callee.endswith(".as_view") and any(
            callee.startswith("django.views.") and callee.split(".")[-2] == name
            for name in EDITING_VIEWS):
        model = keyword(node, "model")
        label = f"{callee.split('.')[-2]}.as_view()"
    else:
        return
    fields, exclude = keyword(node, "fields"), keyword(node, "exclude")
    if fields is not None and is_all_fields(fields, ctx):
        yield _report(node, label, 'fields="__all__"', model, ctx)
    elif fields is None and exclude is not None:
        yield _report(node, label, "exclude=", model, ctx, exclude)


def _report(node: ast.AST, label: str, how: str, model: ast.expr | None, ctx: FileContext,
            excluded: ast.expr | None = None) -> Finding:
    privileged = list(PRIVILEGED) if is_user_model(model, ctx) else []
    if privileged and excluded is not None:
        names = {name for name, _ in string_items(excluded, ctx) or ()}
        privileged = [p for p in privileged if p not in names]
    user = bool(privileged)
    name = model_label(model)
    if how.startswith("exclude"):
        scope = f"every field of {name} that is not excluded"
    else:
        scope = f"every field of {name}"
    message = (f"{label} uses {how}: {scope}, including fields added to the model later, can "
               "be set by whoever submits it")
    if user:
        message += f" (on the user model: {', '.join(privileged)})"
    function = ctx.enclosing_function(node)
    owner = ctx.function_qualname(function) if function is not None else ctx.scope.module
    return rule.finding(message, ctx.location(node), key=f"{owner}:{label}:{how}",
                        severity=Severity.HIGH if user else None, confidence=Confidence.HIGH,
                        evidence=ctx.evidence(node), fix=FIX)
