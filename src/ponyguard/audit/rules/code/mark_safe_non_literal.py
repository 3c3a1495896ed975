"""`mark_safe()` (or `SafeString`, or `format_html`'s format string) gets a non-literal value.

## Why it matters
Django escapes every value a template prints, unless the value is marked safe. `mark_safe(x)`
tells Django that `x` is already trusted HTML; when `x` contains request data (a search term,
a name, a comment) a visitor can put `<script>` into the page: stored or reflected
cross-site scripting, which steals sessions, performs actions as the victim and rewrites the
page. `format_html()` only escapes its *arguments*: a format string built with an f-string
or `%` is marked safe as it is.

A finding is high confidence when the value provably comes from the request; medium when a
non-literal is formatted into the markup, low for other values of unknown origin.
Literals, `format_html()` with a literal format string, `escape()`d values,
`render_to_string()` output and strings escaped with `str.translate()` and a module-level
table that replaces `<`, `>` and `&` (as Django's `escapejs` does) are safe; so is
`obj.as_html()` on an object of unknown class when every project method of that name returns
escaped HTML. So are a form's bound fields as text (`str(form[name])`, `str(bf.errors)`, the
fields of `form.visible_fields()`; not `bf.value()` or `bf.data`), the output of template nodes
(`node.render_annotated(context)`), `super().method()` as the base class defines it, and
`getattr(self, "render_" + kind)()` when every method of the class whose name starts with that
literal prefix returns escaped HTML.
A value re-marked safe only when the input it is computed from was already safe
(`if isinstance(value, SafeData): result = mark_safe(result)`, as Django's own filters do) is
not reported unless it provably holds request data; nor is `mark_safe()` in the branch where
the rendering template's autoescaping is off (`if context.autoescape: ... else:`), nor a
value escaped on every path where the function's `autoescape` parameter (a filter registered
with `needs_autoescape=True`) is true: `if autoescape: value = escape(value)` then
`mark_safe(value)`; with autoescape on, input checked with `isinstance(value, SafeData)` counts
as escaped.

## Insecure example
```python
def greeting(request):
    name = request.GET.get("name", "")
    return HttpResponse(mark_safe(f"<p>Hello {name}</p>"))

def badge(user):
    return format_html(f"<b>{user.nickname}</b>")
```

## Fix
Build HTML with `format_html()` and a literal format string; it escapes the arguments:
`format_html("<p>Hello {}</p>", name)`. Use `escape()` or `conditional_escape()` for pieces,
`format_html_join()` for lists, and keep `mark_safe()` for literals you wrote yourself.

## References
- https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.safestring.mark_safe
- https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html
- https://owasp.org/www-community/attacks/xss/
- https://cwe.mitre.org/data/definitions/79.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import HTML
from ._safe_input import escaped_when_autoescaping, in_autoescape_off_branch, remarks_safe_input
from ._support import argument, report

rule = Rule("PG301", "mark-safe-non-literal", "Non-literal value marked safe as HTML",
            Severity.HIGH, Confidence.HIGH, cwe=(79,), doc_text=__doc__, runtime=False)

MARK_SAFE = frozenset({
    "django.utils.safestring.mark_safe", "django.utils.html.mark_safe",
    "django.utils.safestring.SafeString", "django.utils.safestring.SafeText",
    "django.utils.safestring.SafeBytes",
})
FORMAT_HTML = frozenset({"django.utils.html.format_html"})
FIX = ("Build the HTML with format_html() and a literal format string (it escapes the "
       "arguments); keep mark_safe() for literals.")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.qualname(node.func)
    if callee in MARK_SAFE:
        value = argument(node, 0, "s")
        what = f"the HTML marked safe by {callee.rsplit('.', 1)[-1]}()"
    elif callee in FORMAT_HTML:
        value = argument(node, 0, "format_string")
        what = "the format string of format_html()"
    else:
        return
    if value is None or isinstance(value, ast.Constant):
        return
    flow = ctx.flow(value, HTML)
    if flow.safe or not flow.tainted and callee in MARK_SAFE and (
            remarks_safe_input(node, value, ctx) or in_autoescape_off_branch(node, ctx)
            or escaped_when_autoescaping(node, value, ctx)):
        return
    yield report(rule, ctx, node, value, flow, what, fix=FIX)
