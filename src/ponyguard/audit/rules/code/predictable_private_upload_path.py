"""Private uploads (invoices, passports, medical files…) are stored at guessable public paths.

## Why it matters
Files saved by a `FileField` or `ImageField` with the default storage land under
`MEDIA_ROOT` and are served from `MEDIA_URL` by the web server (nginx, a CDN, WhiteNoise, S3
with public-read), with no Django view in between, so no login check and no ownership check.
Anyone who has or guesses the URL downloads the file. With `upload_to="invoices/%Y/%m/%d/"`
the path is the upload date plus the name the user's browser sent (`invoice.pdf`,
`passport.jpg`, `scan0001.pdf`): a script walks the dates and the usual names and collects
other people's identity documents, medical records or bank statements. URLs also leak
through e-mails, browser history, proxies and `Referer` headers.

ponyguard reports `FileField`/`ImageField` fields whose model, field name or path suggests
private documents (invoice, contract, passport, ID document, medical, payslip, bank statement,
tax return, private, confidential…) and whose `upload_to` is predictable (missing, a constant
path or a date pattern, or a function with no random component), stored with the default
storage. A `storage=` argument and an `upload_to` function that uses `uuid4()`, `secrets` or
`get_random_string()` are not reported. Severity is lower when only the model's name
suggests private data; confidence is lower when the settings choose a default storage other
than the file system (S3 with signed URLs keeps files private).

## Insecure example
```python
class Invoice(models.Model):
    customer = models.ForeignKey(Customer, on_delete=models.CASCADE)
    pdf = models.FileField(upload_to="invoices/%Y/%m/%d/")

class KycCheck(models.Model):
    passport_scan = models.ImageField(upload_to="kyc/")
```

## Fix
Store private files with a private storage outside `MEDIA_ROOT` (`storage=private_storage`,
e.g. a `FileSystemStorage(location=PRIVATE_ROOT)` or S3 with signed URLs) and serve them from a
view that checks the user (`FileResponse`, or `X-Accel-Redirect`/`X-Sendfile`).

At the very least make the path unguessable:

```python
def invoice_path(instance, filename):
    return f"invoices/{uuid.uuid4().hex}/{get_valid_filename(filename)}"

pdf = models.FileField(upload_to=invoice_path, storage=private_storage)
```

## References
- https://docs.djangoproject.com/en/stable/ref/models/fields/#django.db.models.FileField.upload_to
- https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content-security
- https://docs.djangoproject.com/en/stable/howto/static-files/deployment/
- https://owasp.org/www-community/attacks/Forced_browsing
- https://cwe.mitre.org/data/definitions/552.html
- https://cwe.mitre.org/data/definitions/425.html
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ._access import snake
from ._project import django_settings
from ._support import keyword

rule = Rule("PG504", "predictable-private-upload-path",
            "Private uploads are stored at predictable public paths", Severity.MEDIUM,
            Confidence.MEDIUM, cwe=(552, 425), doc_text=__doc__, runtime=False)

FILE_FIELDS = frozenset({"FileField", "ImageField"})
PRIVATE = re.compile(
    r"(^|_)(?P<word>invoices?|contracts?|passports?|id_?documents?|id_?cards?|identity"
    r"|identification|kyc|medical|health_?records?|prescriptions?|diagnos[ie]s|lab_?results?"
    r"|private|confidential|payslips?|pay_?stubs?|payroll|salary|salaries|statements?"
    r"|tax_?returns?|tax_?documents?|receipts?|resumes?|cvs?|ssn|insurance|driver_?licen[cs]es?"
    r"|birth_?certificates?|nda|agreements?|bank_?details)(_|$)")
RANDOM_NAMES = frozenset({"uuid4", "uuid1", "token_hex", "token_urlsafe", "token_bytes",
                          "get_random_string", "urandom", "secrets", "shortuuid", "randbits",
                          "nanoid", "ulid", "new_ulid"})
FIX = ("Store private files with a private storage outside MEDIA_ROOT (storage=...) and serve "
       "them from a view that checks the user; at least add uuid.uuid4().hex to the path in an "
       "upload_to function.")


@rule.on(ast.ClassDef)
def check(node: ast.ClassDef, ctx: FileContext) -> Iterator[Finding]:
    settings = None
    for statement in node.body:
        if not isinstance(statement, (ast.Assign, ast.AnnAssign)) \
                or not isinstance(statement.value, ast.Call):
            continue
        call = statement.value
        callee = ctx.qualname(call.func) or ""
        kind = callee.rsplit(".", 1)[-1]
        if kind not in FILE_FIELDS or not callee.startswith("django.db.models"):
            continue
        target = statement.targets[0] if isinstance(statement, ast.Assign) else statement.target
        if not isinstance(target, ast.Name) or keyword(call, "storage") is not None:
            continue
        upload_to = keyword(call, "upload_to") or (call.args[1] if len(call.args) > 1 else None)
        path = _predictable(upload_to, ctx)
        if path is None:
            continue
        literal = upload_to.value if isinstance(upload_to, ast.Constant) else ""
        word = _private(target.id, str(literal))
        severity = Severity.MEDIUM
        if word is None:
            word = _private(node.name)
            severity = Severity.LOW
        if word is None:
            continue
        if settings is None:
            settings = django_settings(ctx)
        storage = settings.default_storage
        cloud = bool(storage) and "FileSystemStorage" not in (storage or "")
        message = (f"`{node.name}.{target.id}` ({kind}) looks like private data ({word}) but is "
                   f"stored {path}, in the default storage: files under MEDIA_URL are served "
                   "to anyone who has the URL, with no login check, and such paths are easy "
                   "to guess")
        if cloud:
            message += (f" (the settings name {storage} as the default storage: if it signs "
                        "its URLs, the files are not public)")
        yield rule.finding(message, ctx.location(statement),
                           key=f"{ctx.function_qualname(node)}.{target.id}:upload_to",
                           severity=severity, evidence=ctx.evidence(statement), fix=FIX,
                           confidence=Confidence.LOW if cloud else None)


def _private(*texts: str) -> str | None:
    for text in texts:
        match = PRIVATE.search(snake(text))
        if match:
            return match.group("word").replace("_", " ")
    return None


def _predictable(upload_to: ast.expr | None, ctx: FileContext) -> str | None:
    """How the path is predictable (for the message), or None when it has a random part or
    cannot be seen."""
    if upload_to is None:
        return "under MEDIA_ROOT with the uploaded file's own name (no upload_to)"
    if isinstance(upload_to, ast.Constant) and isinstance(upload_to.value, str):
        dated = " plus the upload date" if "%" in upload_to.value else ""
        return f"under the fixed path '{upload_to.value}'{dated} and the uploaded file's name"
    if isinstance(upload_to, ast.Lambda):
        return None if _random(upload_to.body) else "at a path built without a random part"
    if isinstance(upload_to, (ast.Name, ast.Attribute)):
        function = _function(upload_to, ctx)
        if function is None or _random(function):
            return None
        return f"at the path `{function.name}()` builds, which has no random part"
    return None


def _random(node: ast.AST) -> bool:
    for child in ast.walk(node):
        name = child.id if isinstance(child, ast.Name) else \
            child.attr if isinstance(child, ast.Attribute) else None
        if name in RANDOM_NAMES:
            return True
    return False


def _function(ref: ast.expr, ctx: FileContext) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    """The ``upload_to`` function's definition, in this module or another module of the
    project (None when it cannot be seen)."""
    if isinstance(ref, ast.Name):
        for statement in ctx.tree.body:
            if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                    and statement.name == ref.id:
                return statement
    dotted = ctx.qualname(ref)
    summary = ctx.index.function(dotted) if dotted else None
    if summary is None or ctx.project is None:
        return None
    ctx.index.note_source(summary.rel)
    tree = ctx.project.source(summary.rel).tree
    for node in ast.walk(tree) if tree is not None else ():
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) \
                and node.lineno == summary.line:
            return node
    return None
