"""Helpers shared by the template rules: what a rendered value can hold, confidence, wording.

A variable the template reads from the request (``request.GET.q``), or one whose root the
view↔template link (:mod:`ponyguard.audit.code.renders`) saw a view fill with request data,
makes the finding high confidence and names where the data comes from. Otherwise the origin is
not known, so the rules report at their (medium) default confidence and say so.
"""

from __future__ import annotations

from ....core.finding import Finding
from ....core.redact import redact_text
from ....core.rule import Rule
from ....core.severity import Confidence
from ...templates.files import TemplateFile
from ...templates.model import Expression, Token

SAFE_MARKERS = frozenset({"safe", "safeseq"})
HTML_ESCAPING = frozenset({"escape", "force_escape", "e", "escapejs", "json_script", "tojson",
                           "urlencode"})
"""Filters whose output holds no HTML metacharacters (``striptags`` and ``iriencode`` may)."""
NON_TEXT = frozenset({
    "length", "count", "wordcount", "int", "float", "floatformat", "filesizeformat", "yesno",
    "divisibleby", "length_is", "urlencode", "slugify", "date", "time", "timesince", "timeuntil",
    "naturaltime", "naturalday", "intcomma", "intword", "ordinal", "pluralize", "abs", "round",
    "sum", "get_digit", "unlocalize",
})
"""Filters whose output is a number, a date or a slug: no characters that can break out of an
attribute value or a JavaScript expression."""
SAFE_ROOTS = frozenset({"csrf_token", "forloop", "loop", "STATIC_URL", "MEDIA_URL",
                        "LANGUAGE_CODE", "LANGUAGE_BIDI"})
"""Context variables Django or Jinja2 fill with tokens, counters or settings, not user data."""
TRUSTED_BASES = frozenset({"block.super", "super()"})
"""The parent template's block content: template text, not data."""
ID_NAMES = frozenset({"id", "pk", "uuid", "counter", "counter0", "revcounter", "revcounter0",
                      "index", "index0"})
"""Attributes holding numbers or UUIDs (``object.pk``, ``forloop.counter``); a bare ``id``
variable is often an HTML id string and does not count."""


def last_filter(expression: Expression) -> str | None:
    """The filter that decides what is output, ignoring trailing ``|safe`` markers."""
    names = [name for name in expression.filter_names if name not in SAFE_MARKERS]
    return names[-1] if names else None


def non_text(expression: Expression) -> bool:
    """Whether the value cannot hold text that breaks out of its context (numbers, ids…)."""
    if expression.literal or expression.root in SAFE_ROOTS or expression.base in TRUSTED_BASES:
        return True
    transform = last_filter(expression)
    if transform is not None:
        return transform in NON_TEXT
    if expression.base == "pk":
        return True
    owner, _, last = expression.base.rpartition(".")
    return last.endswith("_id") or (bool(owner) and last in ID_NAMES)


def escaped(expression: Expression) -> bool:
    """Whether the output holds no HTML metacharacters, autoescaping or not."""
    return non_text(expression) or last_filter(expression) in HTML_ESCAPING


def origin_note(template: TemplateFile, expression: Expression | None) -> tuple[Confidence, str]:
    """High confidence and the origin when linking saw request data reach the variable;
    otherwise medium, and the message says the origin was not established."""
    origin = template.taint_of(expression)
    if origin is not None:
        return Confidence.HIGH, f"; it holds request data ({origin})"
    return Confidence.MEDIUM, ("; where the value comes from was not traced, so check whether it "
                               "can hold user input")


def report(rule: Rule, template: TemplateFile, token: Token, message: str, *,
           expression: Expression | None = None, confidence: Confidence | None = None,
           fix: str | None = None) -> Finding:
    """A finding at ``token`` with the origin note; ``confidence`` caps the untraced case."""
    traced, note = origin_note(template, expression or token.expression)
    if confidence is not None and traced is not Confidence.HIGH:
        traced = min(traced, confidence)
    evidence = redact_text(template.line(token.line).strip())
    if len(evidence) > 200:
        evidence = evidence[:199] + "…"
    return rule.finding(message + note, template.location(token), key=snippet(token),
                        confidence=traced, evidence=evidence, fix=fix)


def snippet(token: Token) -> str:
    """The token's source with whitespace normalised (a line-independent identity)."""
    return " ".join(token.source.split())
