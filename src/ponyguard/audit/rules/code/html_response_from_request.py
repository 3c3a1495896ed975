"""An `HttpResponse` served as HTML has a body built from request data.

## Why it matters
`HttpResponse(content)` sends `content` as it is, with the content type `text/html` unless
`content_type=` says otherwise. Django's autoescaping only happens in templates: text built
in Python with an f-string, `%`, `+` or `.format()` is not escaped. When a query parameter,
a form field, a header or a URL argument ends up in that body, a link such as
`/search?q=<script>…</script>` runs the attacker's script in your site's origin: reflected
cross-site scripting, which reads the page, acts as the logged-in user and steals what the
session can reach. `response.write()` on such a response is the same sink.

A finding is high confidence when the body provably contains request data (also through
helpers in other modules and class-based views); medium when the content type is not a literal
ponyguard can read; medium or low when the body is built from a value of unknown origin.
Bodies served as `text/plain`, `application/json` (or through `JsonResponse`), escaped values
(`escape()`, `format_html()` arguments) and rendered templates are safe, also when a helper
method renders them: `reporter.get_html()` on an object whose class ponyguard cannot see is
safe when every method of that name in the project returns escaped HTML.

## Insecure example
```python
def search(request):
    q = request.GET.get("q", "")
    return HttpResponse(f"<h1>Results for {q}</h1>")

def echo(request):
    response = HttpResponse()
    response.write(request.POST["message"])
    return response
```

## Fix
Render a template, which escapes every variable: `render(request, "search.html", {"q": q})`;
or escape in Python with `format_html("<h1>Results for {}</h1>", q)`. For data that is not
HTML, say so: `HttpResponse(text, content_type="text/plain")` or `JsonResponse(data)`.

## References
- https://docs.djangoproject.com/en/stable/ref/request-response/#httpresponse-objects
- https://docs.djangoproject.com/en/stable/topics/security/#cross-site-scripting-xss-protection
- https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.html.format_html
- https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html
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
from ._shapes import last_name, literal_string, statements
from ._support import argument, confidence_of, keyword, report

rule = Rule("PG306", "html-response-from-request", "HTML response built from request data",
            Severity.HIGH, Confidence.HIGH, cwe=(79,), doc_text=__doc__, runtime=False)

_RESPONSES = ("HttpResponse", "HttpResponseBadRequest", "HttpResponseNotFound",
              "HttpResponseForbidden", "HttpResponseGone", "HttpResponseServerError",
              "StreamingHttpResponse")
RESPONSES = frozenset(f"{package}.{name}" for package in ("django.http", "django.http.response")
                      for name in _RESPONSES)
NAMES = frozenset({*_RESPONSES, "write"})
HTML_TYPES = ("text/html", "application/xhtml+xml", "image/svg+xml")
"""Content types a browser renders as markup (and runs scripts in)."""
FIX = ('Render a template (render(request, "page.html", {...})) or build the HTML with '
       'format_html(); for other data set content_type="text/plain" or use JsonResponse.')


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    if last_name(node.func, ctx) not in NAMES:
        return
    callee = ctx.qualname(node.func)
    if callee is None:
        return
    if callee in RESPONSES:
        name = callee.rsplit(".", 1)[-1]
        content = argument(node, 0, "streaming_content" if name.startswith("Streaming")
                           else "content")
        kind = content_type(node, _assigned_name(node, ctx), ctx)
        what = f"the body of {name}()"
    elif callee.endswith("().write") and callee[:-len("().write")] in RESPONSES \
            and isinstance(node.func, ast.Attribute) and isinstance(node.func.value, ast.Name):
        receiver = node.func.value
        built = ctx.assigned_value(receiver)
        if not isinstance(built, ast.Call):
            return
        content = argument(node, 0, "content")
        kind = content_type(built, receiver.id, ctx)
        what = f"the body written to {callee.split('.')[-2][:-2]}() by .write()"
    else:
        return
    if content is None or isinstance(content, ast.Constant) or kind is None:
        return
    flow = ctx.flow(content, HTML)
    if flow.safe:
        return
    served = "served as text/html" if kind == "text/html" else (
        f"served as {kind}" if kind != "?" else "with a content type set at run time")
    confidence = confidence_of(flow, content, ctx)
    if kind == "?":
        confidence = Confidence.MEDIUM if flow.tainted else Confidence.LOW
    yield report(rule, ctx, node, content, flow, f"{what} ({served})", fix=FIX,
                 confidence=confidence)


def content_type(call: ast.Call, name: str | None, ctx: FileContext) -> str | None:
    """The HTML content type the response is served with; ``"?"`` when it cannot be read;
    None when it is not HTML."""
    value = argument(call, 1, "content_type")
    if value is None:
        value = _header(keyword(call, "headers"))
    if name is not None:
        value = _header_set_later(name, ctx) or value
    if value is None or isinstance(value, ast.Constant) and value.value is None:
        return "text/html"
    text = literal_string(value, ctx)
    if text is None:
        return "?"
    mime = text.split(";", 1)[0].strip().lower()
    return mime if mime in HTML_TYPES else None


def _header(headers: ast.expr | None) -> ast.expr | None:
    if not isinstance(headers, ast.Dict):
        return None
    for key, value in zip(headers.keys, headers.values, strict=True):
        if isinstance(key, ast.Constant) and isinstance(key.value, str) \
                and key.value.lower() == "content-type":
            return value
    return None


def _assigned_name(call: ast.Call, ctx: FileContext) -> str | None:
    """``response`` in ``response = HttpResponse(...)``."""
    function = ctx.enclosing_function(call)
    body = function.body if function is not None else ctx.tree.body
    for statement in statements(body):
        if isinstance(statement, ast.Assign) and statement.value is call \
                and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name):
            return statement.targets[0].id
    return None


def _header_set_later(name: str, ctx: FileContext) -> ast.expr | None:
    """The value of ``response["Content-Type"] = ...`` (or ``response.headers[...]``)."""
    function = ctx.enclosing_function()
    body = function.body if function is not None else ctx.tree.body
    for statement in statements(body):
        if not isinstance(statement, ast.Assign):
            continue
        for target in statement.targets:
            if not isinstance(target, ast.Subscript):
                continue
            owner = target.value
            if isinstance(owner, ast.Attribute) and owner.attr == "headers":
                owner = owner.value
            key = target.slice
            if isinstance(owner, ast.Name) and owner.id == name \
                    and isinstance(key, ast.Constant) and isinstance(key.value, str) \
                    and key.value.lower() == "content-type":
                return statement.value
    return None

