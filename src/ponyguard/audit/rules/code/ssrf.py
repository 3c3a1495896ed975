"""The server fetches a URL whose host comes from request data (server-side request forgery).

## Why it matters
A "fetch this URL for me" feature (avatar from a link, webhook test, link preview, PDF
import) written as `requests.get(request.POST["url"])` makes your server the attacker's
proxy. Requests come from *inside* your network: `http://169.254.169.254/latest/meta-data/`
returns the cloud instance's credentials, `http://localhost:6379/` or `http://10.0.0.5/admin/`
reach services that trust internal callers, and the response (or its timing) tells the
attacker what is there. `urllib.request.urlopen()` also opens `file:///etc/passwd`.

What counts is who chooses the *host*. A finding is high confidence when request data can
choose the scheme or host; medium when it is appended to a base URL held in a variable
(it chooses the host if the base has no trailing `/`); low when the URL is of unknown
origin. When a literal fixes the scheme and host and request data only fills the path
(`f"https://api.example.com/items/{item_id}"`), the finding is low severity and low
confidence: the visitor cannot leave that host, but `../` segments (which `requests` and
`urllib3` resolve) reach other endpoints of that API with your server's credentials, and
`?` or `#` cut off the rest of the path. Data after a literal `?` or `#`,
`int`/`uuid`/`slug` URL arguments, `url_has_allowed_host_and_scheme()` and an allowlist
check of the parsed host (`if urlparse(url).hostname not in ALLOWED_HOSTS: raise`) are safe.

## Insecure example
```python
def preview(request):
    page = requests.get(request.POST["url"], timeout=5)
    return JsonResponse({"title": extract_title(page.text)})

def product(request, sku):                   # path("p/<str:sku>/", ...)
    return JsonResponse(requests.get(f"https://erp.internal/api/items/{sku}").json())
```

## Fix
Fetch only hosts you expect: parse the URL, require `https`, and check
`urlparse(url).hostname` against an allowlist before the request; when the host is fixed,
pass values as `params=` or convert them (`int()`, a `uuid`/`slug` URL converter) so they
stay one path segment.

```python
parsed = urlparse(url)
if parsed.scheme != "https" or parsed.hostname not in settings.PREVIEW_HOSTS:
    return HttpResponseBadRequest()
page = requests.get(url, timeout=5, allow_redirects=False)
```

Disable redirects (or check every hop), and if any host must be allowed, resolve it and
refuse private, loopback and link-local addresses at connection time (an egress proxy
does this best).

## References
- https://owasp.org/www-community/attacks/Server_Side_Request_Forgery
- https://cheatsheetseries.owasp.org/cheatsheets/Server_Side_Request_Forgery_Prevention_Cheat_Sheet.html
- https://docs.djangoproject.com/en/stable/ref/utils/#django.utils.http.url_has_allowed_host_and_scheme
- https://cwe.mitre.org/data/definitions/918.html
"""

from __future__ import annotations

import ast
import re
import string
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sanitizers import URL_PARSERS
from ...taint.sinks import URL
from ._inputs import bound_value
from ._support import argument, keyword, report

rule = Rule("PG213", "ssrf", "Server-side request to a URL from request data", Severity.HIGH,
            Confidence.HIGH, cwe=(918,), doc_text=__doc__, runtime=False)

HTTP_METHODS = frozenset({"get", "post", "put", "patch", "delete", "head", "options"})
CLIENTS = {
    # receiver → {method: (index of the URL, its keyword name)}
    **dict.fromkeys(("requests", "requests.api", "requests.Session()", "requests.session()",
                     "requests.sessions.Session()", "httpx", "httpx.Client()",
                     "httpx.AsyncClient()"),
                    {**dict.fromkeys(HTTP_METHODS, (0, "url")), "request": (1, "url"),
                     "stream": (1, "url")}),
    **dict.fromkeys(("aiohttp.ClientSession()", "aiohttp.client.ClientSession()"),
                    {**dict.fromkeys(HTTP_METHODS, (0, "url")), "request": (1, "url"),
                     "ws_connect": (0, "url")}),
    **dict.fromkeys(("urllib3", "urllib3.PoolManager()", "urllib3.ProxyManager()",
                     "urllib3.poolmanager.PoolManager()"),
                    dict.fromkeys(("request", "urlopen", "request_encode_url",
                                   "request_encode_body"), (1, "url"))),
}
FUNCTIONS = {
    **dict.fromkeys(("urllib.request.urlopen", "urllib.request.Request",
                     "urllib.request.urlretrieve", "urllib2.urlopen", "urllib2.Request",
                     "six.moves.urllib.request.urlopen"), (0, "url")),
}
BASE_URL_CLIENTS = frozenset({"httpx.Client", "httpx.AsyncClient"})
HOST, AFTER_BASE, PATH, QUERY = "host", "after-base", "path", "query"
FIX = ("Check urlparse(url).hostname against an allowlist (and require https) before "
       "fetching; never let request data choose the host.")
PATH_FIX = ("Keep the value one path segment: convert it (int(), uuid.UUID(), a slug/int URL "
            "converter) or pass it as params= instead of formatting it into the URL.")
_PERCENT = re.compile(
    r"%(?:\([^)]*\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?[diouxXeEfFgGcrsa]")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.qualname(node.func)
    if callee is None:
        return
    target: tuple[int, str] | None = FUNCTIONS.get(callee)
    if target is None and "." in callee:
        receiver, _, method = callee.rpartition(".")
        target = CLIENTS.get(receiver, {}).get(method)
    if target is not None:
        url = argument(node, *target)
        if callee.endswith(("urlopen", "urlretrieve")) and url is not None and (
                ctx.qualname(url) or "").endswith(("request.Request()", "urllib2.Request()")):
            return  # reported where the Request is built
        yield from _check(node, url, ctx, f"{callee.replace('()', '')}()")
    elif callee in BASE_URL_CLIENTS:
        yield from _check(node, keyword(node, "base_url"), ctx, f"{callee}(base_url=...)")


def _check(node: ast.Call, url: ast.expr | None, ctx: FileContext,
           call: str) -> Iterator[Finding]:
    if url is None or isinstance(url, ast.Constant):
        return
    flow = ctx.flow(url, URL)
    pieces = _positions(url, ctx)
    if flow.safe:
        yield from _path_only(node, pieces, ctx, call)
        return
    if _host_checked(node, url, ctx):
        return
    flows = [(e, p, ctx.flow(e, URL)) for e, p in pieces]
    if flow.tainted:
        tainted = [(e, p, f) for e, p, f in flows if f.tainted]
        chosen = next((t for t in tainted if t[1] == HOST), None) or next(
            (t for t in tainted if t[1] == AFTER_BASE), None)
        if tainted and chosen is None:
            yield from _path_only(node, pieces, ctx, call)
            return
        confidence = Confidence.MEDIUM if chosen and chosen[1] == AFTER_BASE \
            else Confidence.HIGH
        if chosen is not None:
            flow = chosen[2]
        yield report(rule, ctx, node, url, flow, f"the URL fetched by {call}", fix=FIX,
                     confidence=confidence)
        return
    if pieces:
        host = next((f for _, p, f in flows if p == HOST and not f.safe), None)
        if host is None:
            return  # only a value appended to a base URL, or in the path: too weak a hint
        flow = host
    yield report(rule, ctx, node, url, flow, f"the URL fetched by {call}", fix=FIX,
                 confidence=Confidence.LOW, severity=Severity.MEDIUM)


def _path_only(node: ast.Call, pieces: list[tuple[ast.expr, str]], ctx: FileContext,
               call: str) -> Iterator[Finding]:
    """Request data in the path of a URL whose scheme and host are literal."""
    for expr, position in pieces:
        if position != PATH:
            continue
        flow = ctx.flow(expr, URL)
        if flow.tainted:
            yield report(rule, ctx, node, expr, flow,
                         f"the path (not the host) of the URL fetched by {call}",
                         fix=PATH_FIX, confidence=Confidence.LOW, severity=Severity.LOW)
            return


# --- where a piece of a URL sits ------------------------------------------------------------

def _positions(url: ast.expr, ctx: FileContext) -> list[tuple[ast.expr, str]]:
    """The non-literal pieces of a URL built here, each with where it sits: ``host`` (it
    can choose the scheme or host), ``after-base`` (right after a non-literal base URL),
    ``path`` (after a literal that ends the host) or ``query``. Empty when the URL is not
    built visibly (a parameter, a call's result)."""
    pieces = _pieces(url, ctx, 0)
    if pieces is None:
        return []
    found: list[tuple[ast.expr, str]] = []
    text = ""
    for piece in pieces:
        if isinstance(piece, str):
            text += piece
        else:
            found.append((piece, _position(text)))
            text += "\0"
    return found


def _position(text: str) -> str:
    """Where a piece placed after ``text`` sits (``\\0`` marks earlier non-literal pieces)."""
    if "?" in text or "#" in text:
        return QUERY
    if "://" in text or text.startswith("//"):
        authority = text.split("//", 1)[1]
        return PATH if "/" in authority or "\\" in authority else HOST
    if text.startswith("\0"):
        return PATH if "/" in text else AFTER_BASE
    return PATH if text.startswith("/") else HOST


def _pieces(node: ast.expr, ctx: FileContext, depth: int) -> list[str | ast.expr] | None:
    """A URL built by an f-string, ``+``, ``%`` or ``str.format()`` as literal strings and
    expressions in order; None when it is not built visibly."""
    if depth > 3:
        return None
    if isinstance(node, ast.Constant):
        return [node.value] if isinstance(node.value, str) else None
    if isinstance(node, ast.JoinedStr):
        return [v.value if isinstance(v, ast.FormattedValue) else str(v.value)  # type: ignore[attr-defined]
                for v in node.values]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return [*(_pieces(node.left, ctx, depth + 1) or [node.left]),
                *(_pieces(node.right, ctx, depth + 1) or [node.right])]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod) \
            and isinstance(node.left, ast.Constant) and isinstance(node.left.value, str):
        items = list(node.right.elts) if isinstance(node.right, ast.Tuple) else [node.right]
        literals = _PERCENT.split(node.left.value.replace("%%", "\x01"))
        return _interleave([t.replace("\x01", "%") for t in literals], items)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
            and node.func.attr == "format" and isinstance(node.func.value, ast.Constant) \
            and isinstance(node.func.value.value, str):
        return _format_pieces(node.func.value.value, node)
    bound = bound_value(node, ctx)
    if isinstance(bound, (ast.JoinedStr, ast.BinOp, ast.Constant, ast.Call)):
        return _pieces(bound, ctx, depth + 1)
    return None


def _interleave(literals: list[str], items: list[ast.expr]) -> list[str | ast.expr]:
    pieces: list[str | ast.expr] = []
    for index, literal in enumerate(literals):
        pieces.append(literal)
        if index < len(literals) - 1:
            pieces.append(items[index] if index < len(items) else ast.Constant(""))
    return pieces


def _format_pieces(fmt: str, call: ast.Call) -> list[str | ast.expr] | None:
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError:
        return None
    keywords = {k.arg: k.value for k in call.keywords if k.arg}
    pieces: list[str | ast.expr] = []
    auto = 0
    for literal, field, _, _ in parsed:
        pieces.append(literal)
        if field is None:
            continue
        name = re.split(r"[.\[]", field, maxsplit=1)[0]
        if name == "":
            target = call.args[auto] if auto < len(call.args) else None
            auto += 1
        elif name.isdigit():
            target = call.args[int(name)] if int(name) < len(call.args) else None
        else:
            target = keywords.get(name)
        if target is None:
            return None
        pieces.append(target)
    return pieces


# --- host allowlists --------------------------------------------------------------------------

def _host_checked(node: ast.Call, url: ast.expr, ctx: FileContext) -> bool:
    """Whether the fetch only happens after the URL's parsed host passed an allowlist:
    ``host = urlparse(url).hostname`` / ``parsed = urlparse(url)`` then
    ``if host not in ALLOWED: return`` (before the call) or ``if parsed.hostname in
    ALLOWED:`` (around it). A denylist (``if host in BLOCKED: return``) is not enough."""
    function = ctx.enclosing_function(node)
    if not isinstance(url, ast.Name) or function is None:
        return False
    for statement in ast.walk(function):
        if isinstance(statement, ast.If):
            inside = _contains(statement.body, node)
            after = node.lineno > (statement.end_lineno or statement.lineno) and \
                _exits(statement.body)
            if not (inside or after):
                continue
            allowed = _allowlist_test(statement.test, url.id, ctx)
            if allowed is not None and allowed == inside:
                return True
        elif isinstance(statement, ast.Assert) and statement.lineno < node.lineno \
                and _allowlist_test(statement.test, url.id, ctx) is True:
            return True
    return False


def _allowlist_test(test: ast.expr, name: str, ctx: FileContext) -> bool | None:
    """True when ``test`` holds only for hosts in an allowlist, False when it holds only for
    hosts outside it, None when it is not a host check of ``name``."""
    negated = False
    while isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        test, negated = test.operand, not negated
    if isinstance(test, ast.BoolOp):
        # ``a and host in ALLOWED`` holds only for allowed hosts; ``a or host not in
        # ALLOWED`` holds for every host outside the list.
        wanted = isinstance(test.op, ast.And)
        results = [_allowlist_test(value, name, ctx) for value in test.values]
        return (wanted != negated) if wanted in results else None
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1
            and _host_of(test.left, name, ctx, 0)):
        return None
    op, right = test.ops[0], test.comparators[0]
    if ctx.flow(right, URL).tainted:
        return None
    if isinstance(op, (ast.In, ast.Eq)):
        return not negated
    if isinstance(op, (ast.NotIn, ast.NotEq)):
        return negated
    return None


def _host_of(expr: ast.expr, name: str, ctx: FileContext, depth: int) -> bool:
    """``urlparse(url).hostname``, ``parsed.netloc`` with ``parsed = urlparse(url)``, or a
    variable bound to one of those."""
    if depth > 3:
        return False
    if isinstance(expr, ast.Name):
        bound = ctx.assigned_value(expr)
        return bound is not None and _host_of(bound, name, ctx, depth + 1)
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr == "lower":
        return _host_of(expr.func.value, name, ctx, depth + 1)
    if not (isinstance(expr, ast.Attribute) and expr.attr in ("hostname", "netloc")):
        return False
    parsed = expr.value
    if isinstance(parsed, ast.Name):
        parsed = ctx.assigned_value(parsed) or parsed
    return isinstance(parsed, ast.Call) and ctx.qualname(parsed.func) in URL_PARSERS \
        and bool(parsed.args) and isinstance(parsed.args[0], ast.Name) \
        and parsed.args[0].id == name


def _contains(body: list[ast.stmt], node: ast.AST) -> bool:
    return any(node in set(ast.walk(statement)) for statement in body)


def _exits(body: list[ast.stmt]) -> bool:
    return bool(body) and isinstance(body[-1], (ast.Return, ast.Raise, ast.Continue,
                                                ast.Break))
