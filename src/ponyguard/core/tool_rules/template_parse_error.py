"""A template could not be lexed, or would not compile, so it was audited only in part.

## Why it matters
ponyguard reads templates with their own engine's lexer: Django's for Django templates, Jinja2's
for Jinja2 templates. When a template does not lex (an unterminated `{{`, an unexpected
character inside a Jinja2 tag) or has a mistake the engine would refuse when compiling it (a
variable Django cannot parse, a `{% block %}` closed by `{% endif %}`, an unclosed
`{% autoescape off %}`), the part after the problem may not have been audited, and the template
probably fails when rendered. Django templates are recognised by folder (`templates/`) and
Jinja2 ones by extension (`.jinja`, `.jinja2`, `.j2`), by a `jinja2/` folder or by Jinja2-only
syntax, so a Jinja2 template stored as `templates/*.html` may be read as a Django one.

## Insecure example
```html+django
{% autoescape off %}
  {{ comment.body }}
{% endif %}
```

## Fix
Fix the template. If the file is not a Django or Jinja2 template (a client-side template kept
under `templates/`), exclude it with `exclude`, or name it with a `.jinja` extension when it is a
Jinja2 template that was taken for a Django one.

## References
- https://docs.djangoproject.com/en/stable/ref/templates/language/
- https://jinja.palletsprojects.com/en/stable/templates/
"""

from __future__ import annotations

from ..rule import Rule
from ..severity import Confidence, Severity

rule = Rule("PG008", "template-parse-error", "Template could not be lexed or compiled",
            Severity.LOW, Confidence.HIGH, cwe=(1059,), doc_text=__doc__, runtime=False)
