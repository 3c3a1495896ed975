"""XML from the request (a body, an upload) is parsed by a parser that expands entities.

## Why it matters
XML documents can declare entities in their DTD. An *external* entity
(`<!ENTITY x SYSTEM "file:///srv/app/.env">`) makes the parser read a file or fetch a URL
and put its content into the document, so an uploaded invoice, SAML message or sitemap that
your view echoes back or stores leaks server files (XXE), and can make the server fetch
internal URLs. Nested *internal* entities ("billion laughs") expand a few hundred bytes into
gigabytes and take the worker down.

How exposed you are depends on the parser:

* **lxml** before 5.0 resolves external entities by default (its `resolve_entities=True`);
  lxml 5.0 changed the default to internal entities only. A parser built with
  `resolve_entities=True` resolves them on every version. lxml's libxml2 limits entity
  amplification.
* **The standard library** (`xml.etree.ElementTree`, `minidom`, `sax`, `pulldom`) never
  resolves external entities by default (SAX and pulldom since Python 3.7.1), but with an
  Expat older than 2.4.1 it expands internal entities without limit: billion laughs and
  quadratic blowup, a denial of service. Check `pyexpat.EXPAT_VERSION`.
* **defusedxml** refuses DTD entities altogether; its functions are safe look-alikes, and
  Django's own XML deserializer already uses it.

So a finding is high severity for lxml (high confidence with `resolve_entities=True`, medium
with the default parser, whose behaviour depends on the lxml version) and low severity for
the standard library (medium confidence: it depends on the Expat version). It is reported
only for request data (`request.body`, `request.FILES[...]`, `.read()`, the request object
read as a file), except that lxml with a resolving parser on a value of unknown origin is
reported at low confidence.

## Insecure example
```python
from lxml import etree

def import_invoice(request):
    tree = etree.fromstring(request.FILES["invoice"].read())
    return JsonResponse({"total": tree.findtext("total")})

def sitemap_ping(request):
    parser = etree.XMLParser(resolve_entities=True)
    root = etree.fromstring(request.body, parser)
```

## Fix
Parse untrusted XML with `defusedxml` (`defusedxml.ElementTree.fromstring(data)`), or give
lxml a parser that does not resolve entities: `etree.fromstring(data,
etree.XMLParser(resolve_entities=False, no_network=True))`.

Upgrading to lxml 5 or later, and to a Python whose Expat is 2.4.1 or later, closes the
default cases; an explicit `resolve_entities=True` stays vulnerable.

## References
- https://owasp.org/www-community/vulnerabilities/XML_External_Entity_(XXE)_Processing
- https://cheatsheetseries.owasp.org/cheatsheets/XML_External_Entity_Prevention_Cheat_Sheet.html
- https://docs.python.org/3/library/xml.html#xml-vulnerabilities
- https://lxml.de/FAQ.html#how-do-i-use-lxml-safely-as-a-web-service-endpoint
- https://github.com/tiran/defusedxml
- https://cwe.mitre.org/data/definitions/611.html
- https://cwe.mitre.org/data/definitions/776.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import XML
from ._inputs import bound_value, request_flow
from ._support import argument, keyword, report

rule = Rule("PG215", "xxe", "XML from the request parsed with entity expansion", Severity.HIGH,
            Confidence.HIGH, cwe=(611, 776), doc_text=__doc__, runtime=False)

LXML = {
    # function → (name of the data argument, index of the parser argument)
    "lxml.etree.fromstring": ("text", 1), "lxml.etree.XML": ("text", 1),
    "lxml.etree.parse": ("source", 1), "lxml.etree.fromstringlist": ("strings", 1),
    "lxml.etree.XMLID": ("text", 1), "lxml.etree.iterparse": ("source", -1),
    "lxml.objectify.fromstring": ("xml", 1), "lxml.objectify.XML": ("xml", 1),
    "lxml.objectify.parse": ("fileobject", 1),
}
LXML_PARSERS = frozenset({
    "lxml.etree.XMLParser", "lxml.etree.XMLPullParser", "lxml.etree.ETCompatXMLParser",
    "lxml.objectify.makeparser",
})
SAFE_PARSERS = frozenset({"lxml.etree.HTMLParser", "lxml.html.HTMLParser"})
STDLIB_MODULES = ("xml.etree.ElementTree.", "xml.etree.cElementTree.", "xml.dom.minidom.",
                  "xml.dom.pulldom.", "xml.sax.")
STDLIB_FUNCTIONS = frozenset({"fromstring", "XML", "parse", "iterparse", "fromstringlist",
                              "parseString", "XMLID"})
UNSAFE, DEFAULT, SAFE, UNKNOWN = "unsafe", "default", "safe", "unknown"
FIX = ("Parse with defusedxml (defusedxml.ElementTree.fromstring(data)) or pass "
       "etree.XMLParser(resolve_entities=False, no_network=True) to lxml.")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.qualname(node.func)
    if callee is None:
        return
    if callee in LXML:
        name, parser_index = LXML[callee]
        data = argument(node, 0, name)
        if parser_index < 0:
            state = _entities(keyword(node, "resolve_entities"))
        else:
            state = _parser(argument(node, parser_index, "parser"), ctx, 0)
        yield from _lxml(node, data, state, ctx, callee)
    elif callee.startswith(STDLIB_MODULES) and callee.rsplit(".", 1)[-1] in STDLIB_FUNCTIONS:
        data = argument(node, 0, "source")
        if data is None:
            return
        flow = request_flow(data, ctx) or ctx.flow(data, XML)
        if flow.tainted:
            yield report(rule, ctx, node, data, flow,
                         f"the XML parsed by {callee}() (entity expansion with Expat < 2.4.1)",
                         fix=FIX, severity=Severity.LOW, confidence=Confidence.MEDIUM)


def _lxml(node: ast.Call, data: ast.expr | None, state: str, ctx: FileContext,
          callee: str) -> Iterator[Finding]:
    if data is None or state == SAFE or isinstance(data, ast.Constant):
        return
    flow = request_flow(data, ctx) or ctx.flow(data, XML)
    if flow.safe:
        return
    if flow.tainted:
        confidence = {UNSAFE: Confidence.HIGH, DEFAULT: Confidence.MEDIUM}.get(
            state, Confidence.LOW)
        what = {UNSAFE: "with resolve_entities=True",
                DEFAULT: "with lxml's default parser (external entities before lxml 5.0)"}.get(
            state, "with a parser ponyguard cannot see")
        yield report(rule, ctx, node, data, flow, f"the XML parsed by {callee}() {what}",
                     fix=FIX, confidence=confidence)
    elif state in (UNSAFE, DEFAULT):
        yield report(rule, ctx, node, data, flow, f"the XML parsed by {callee}()", fix=FIX,
                     confidence=Confidence.LOW, severity=Severity.MEDIUM)


def _parser(parser: ast.expr | None, ctx: FileContext, depth: int) -> str:
    """Whether an lxml parser argument resolves entities."""
    if parser is None or (isinstance(parser, ast.Constant) and parser.value is None):
        return DEFAULT
    if depth > 4:
        return UNKNOWN
    if isinstance(parser, ast.Call):
        callee = ctx.qualname(parser.func) or ""
        if callee in LXML_PARSERS:
            return _entities(keyword(parser, "resolve_entities"))
        if callee in SAFE_PARSERS or callee.startswith("defusedxml."):
            return SAFE
        return UNKNOWN
    bound = bound_value(parser, ctx)
    return _parser(bound, ctx, depth + 1) if bound is not None else UNKNOWN


def _entities(value: ast.expr | None) -> str:
    """``resolve_entities=``: absent is lxml's default; ``False``/``"internal"`` are safe."""
    if value is None:
        return DEFAULT
    if isinstance(value, ast.Constant):
        return UNSAFE if value.value is True else SAFE
    return UNKNOWN
