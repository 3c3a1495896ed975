"""An API key, token, password or private key is written in the Python source.

## Why it matters
Source code is copied far and wide: every developer's laptop, CI logs, forks, container
images, backups, error trackers, and the repository history keeps a secret long after the
line is removed. A Stripe live key lets whoever finds it refund, charge and read your
customers' payment data; an AWS key can run up a bill or read every S3 bucket; a GitHub token
can push code; a Slack token reads private channels; a private key lets an attacker
impersonate your server or sign as you. Bots scan public repositories for these formats
within minutes of a push.

ponyguard reports string literals in a known key format anywhere (AWS access key ids
`AKIA…`, GitHub `ghp_…`/`github_pat_…`, Stripe `sk_live_…`/`rk_live_…`, Slack `xox…` tokens
and webhook URLs, Google `AIza…`, SendGrid `SG.…`, PEM private keys) and literals assigned to
secret-like names (`API_KEY`, `STRIPE_SECRET_KEY`, `aws_secret_access_key`, `auth_token`,
`client_secret`, `password`…) as variables, attributes, dictionary keys, keyword arguments,
parameter defaults, environment-variable fallbacks and comparisons. The value is never shown:
messages and evidence carry only its length. Placeholders (`"changeme"`, `"xxx"`,
`"<your-key>"`, empty strings), values read from the environment, test files and the settings
already covered by PG103 (`SECRET_KEY`), PG132 (`DATABASES` passwords) and PG133
(`EMAIL_HOST_PASSWORD`) are not reported.

## Insecure example
```python
STRIPE_SECRET_KEY = "sk_live_51H..."            # a real key, in the repository
client = boto3.client("s3", aws_access_key_id="AKIA...",
                      aws_secret_access_key="wJalrXUtnFEMI/K7MDENG...")
HEADERS = {"Authorization": "Bearer 9f2c4e1a..."}
```

## Fix
Read the secret from the environment or a secrets manager with no literal default
(`STRIPE_SECRET_KEY = os.environ["STRIPE_SECRET_KEY"]`), then revoke the committed key with
its provider and issue a new one: removing the line does not remove it from the history.

Keep local values in an untracked `.env` file (django-environ, python-decouple) and give CI
and production their own secrets. A pre-commit hook such as gitleaks or detect-secrets stops
the next one before it is pushed.

## References
- https://docs.djangoproject.com/en/stable/howto/deployment/checklist/#critical-settings
- https://cheatsheetseries.owasp.org/cheatsheets/Secrets_Management_Cheat_Sheet.html
- https://docs.github.com/en/code-security/secret-scanning/introduction/about-secret-scanning
- https://cwe.mitre.org/data/definitions/798.html
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Iterator
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from ....core.finding import Finding
from ....core.redact import MASK, mask, redact_code
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ._access import snake

rule = Rule("PG502", "hardcoded-secret", "A secret or API key is hard-coded in the source",
            Severity.HIGH, Confidence.HIGH, cwe=(798,), doc_text=__doc__, runtime=False)


@dataclass(frozen=True, slots=True)
class KeyFormat:
    what: str
    pattern: re.Pattern[str]
    severity: Severity = Severity.HIGH


KNOWN_FORMATS = (
    KeyFormat("an AWS access key id", re.compile(r"\b(?:AKIA|ASIA)[0-9A-Z]{16}\b")),
    KeyFormat("a GitHub token", re.compile(
        r"\bgh[pousr]_[0-9A-Za-z]{36,}|\bgithub_pat_[0-9A-Za-z_]{60,}")),
    KeyFormat("a Stripe live secret key", re.compile(r"\b[sr]k_live_[0-9A-Za-z]{16,}")),
    KeyFormat("a Stripe test secret key", re.compile(r"\b[sr]k_test_[0-9A-Za-z]{16,}"),
              Severity.MEDIUM),
    KeyFormat("a Slack token", re.compile(r"\bxox[abposr]-[0-9A-Za-z-]{10,}")),
    KeyFormat("a Slack webhook URL", re.compile(
        r"https://hooks\.slack\.com/services/T[0-9A-Za-z]+/B[0-9A-Za-z]+/[0-9A-Za-z]{8,}")),
    KeyFormat("a private key", re.compile(
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----[A-Za-z0-9+/=:,\s-]{40,}")),
    KeyFormat("a Google API key", re.compile(r"\bAIza[0-9A-Za-z_\-]{35}\b")),
    KeyFormat("a SendGrid API key", re.compile(
        r"\bSG\.[0-9A-Za-z_\-]{22}\.[0-9A-Za-z_\-]{43}\b")),
)
_QUICK = re.compile(r"AKIA|ASIA|gh[pousr]_|github_pat_|[sr]k_(?:live|test)_|xox|hooks\.slack"
                    r"|PRIVATE KEY|AIza|SG\.")
"""A cheap test before the formats: most string literals contain none of these."""

SECRET_LAST = frozenset({"password", "passwd", "pwd", "pass", "passphrase", "secret", "token",
                         "apikey", "credential", "credentials", "authorization"})
KEY_QUALIFIERS = frozenset({"api", "secret", "access", "private", "auth", "signing",
                            "encryption", "master", "app", "license", "client", "consumer"})
NOT_SECRET_PREFIX = frozenset({"csrf", "xsrf", "cache", "public", "publishable",
                               "sort", "primary", "foreign", "lookup", "storage"})
PLACEHOLDER_WORDS = re.compile(
    r"example|xxxx|your|dummy|fake|sample|placeholder|redacted|change[-_ ]?me|insert|replace"
    r"|todo|fixme|<[^>]*>|\$\{|\{\{|%\(|^\*+$|^\.+$|^(none|null|nil|test|testing|secret|"
    r"password|passwd|token|key|api[_-]?key|default|empty|string|foo|bar|admin|dev|debug)$",
    re.IGNORECASE)
ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
LABEL = re.compile(r"[a-z]+([_-][a-z]+)+")
"""``invalid_password``, ``mail-settings``: a code or a key name, not a password."""
DOTTED = re.compile(r"[A-Za-z_]\w*(\.[A-Za-z_]\w*)+")
SECRET_WORD = re.compile(r"passw|secret|token|key|pwd", re.IGNORECASE)
"""A value that names what it stands for (``"xyz-secret-123"``, ``"secret-key"``) is a
placeholder (or a label: ``"cookbook.forms.CustomPasswordResetForm"``); so is a value that
repeats the name (``AUTHORIZATION = "authorization"``)."""
TEST_SETTINGS = re.compile(r"(^|/)settings/(tests?|testing|pytest|unittests?|ci)\.py$"
                           r"|(^|/)(test|testing|pytest|ci)_settings\.py$")
"""Settings modules for test runs, which hold dummy credentials."""
ENV_GETTERS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault"})
ENV_LIKE = re.compile(r"(^|\.)(env|config|getenv|get_env|env_var|environ)(\.\w+)?$")
COVERED_SETTINGS = frozenset({"SECRET_KEY", "SECRET_KEY_FALLBACKS", "EMAIL_HOST_PASSWORD",
                              "DATABASES"})
"""Settings whose literals PG103, PG132 and PG133 report: left to them wherever a module
assigns them at top level (the settings audit follows the settings module's imports)."""
FIX = ("Read the secret from the environment or a secrets manager with no literal default "
       "(os.environ[\"NAME\"]), then revoke the committed one with its provider.")

_seen: WeakKeyDictionary[FileContext, set[int]] = WeakKeyDictionary()


def _handled(ctx: FileContext) -> set[int]:
    found = _seen.get(ctx)
    if found is None:
        found = _seen[ctx] = set()
    return found


# --- contexts that name the value -----------------------------------------------------------

@rule.on(ast.Assign)
@rule.on(ast.AnnAssign)
def check_assign(node: ast.Assign | ast.AnnAssign, ctx: FileContext) -> Iterator[Finding]:
    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
    value = node.value
    if value is None:
        return
    names = [n for n in (_target_name(t) for t in targets) if n]
    if ctx.enclosing_function(node) is None and ctx.enclosing_class(node) is None \
            and any(n in COVERED_SETTINGS for n in names):
        _handled(ctx).update(id(n) for n in ast.walk(value))
        return
    for name in names:
        yield from _named(name, value, ctx)


@rule.on(ast.Dict)
def check_dict(node: ast.Dict, ctx: FileContext) -> Iterator[Finding]:
    database = any(isinstance(k, ast.Constant) and k.value == "ENGINE" for k in node.keys)
    for key, value in zip(node.keys, node.values, strict=True):
        if database and isinstance(key, ast.Constant) and key.value == "PASSWORD":
            continue  # a DATABASES entry: PG132 reports its password
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            yield from _named(key.value, value, ctx)


@rule.on(ast.Call)
def check_call(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    for keyword in node.keywords:
        if keyword.arg is not None:
            yield from _named(keyword.arg, keyword.value, ctx)


@rule.on(ast.arguments)
def check_defaults(node: ast.arguments, ctx: FileContext) -> Iterator[Finding]:
    positional = [*node.posonlyargs, *node.args]
    pairs = list(zip(positional[len(positional) - len(node.defaults):], node.defaults,
                     strict=True))
    pairs += [(a, d) for a, d in zip(node.kwonlyargs, node.kw_defaults, strict=True)
              if d is not None]
    for arg, default in pairs:
        yield from _named(arg.arg, default, ctx)


@rule.on(ast.Compare)
def check_compare(node: ast.Compare, ctx: FileContext) -> Iterator[Finding]:
    """``if token == "9f2c…"``, ``request.headers["X-Api-Key"] != "…"``."""
    if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.Eq, ast.NotEq)):
        return
    left, right = node.left, node.comparators[0]
    for side, other in ((left, right), (right, left)):
        name = _target_name(side) or _lookup_key(side)
        if name and isinstance(other, ast.Constant):
            yield from _named(name, other, ctx)


# --- known formats anywhere -----------------------------------------------------------------

@rule.on(ast.Constant)
def check_constant(node: ast.Constant, ctx: FileContext) -> Iterator[Finding]:
    value = node.value
    if not isinstance(value, str) or len(value) < 20 or id(node) in _handled(ctx) \
            or not _QUICK.search(value):
        return
    found = known_format(value)
    if found is not None:
        _handled(ctx).add(id(node))
        yield _finding(ctx, node, value, f"{found.what} is hard-coded in the source",
                       Confidence.HIGH, found.severity, found.what)


def known_format(value: str) -> KeyFormat | None:
    for candidate in KNOWN_FORMATS:
        match = candidate.pattern.search(value)
        if match and not _placeholder_key(match.group(0)):
            return candidate
    return None


# --- judging a named value ------------------------------------------------------------------

def _named(name: str, value: ast.expr | None, ctx: FileContext) -> Iterator[Finding]:
    if value is None or TEST_SETTINGS.search(ctx.rel):
        return
    fallback = False
    if isinstance(value, ast.Call):
        value, fallback = _env_default(value, ctx), True
    if not isinstance(value, ast.Constant) or id(value) in _handled(ctx):
        return
    text = value.value.decode("latin-1") if isinstance(value.value, bytes) else value.value
    if not isinstance(text, str):
        return
    kind = secret_kind(name)
    if kind is None:
        return
    found = known_format(text)
    if found is not None:
        confidence, severity, what = Confidence.HIGH, found.severity, found.what
    else:
        judged = judge(text, kind, name)
        if judged is None:
            return
        confidence, severity, what = judged, Severity.HIGH, kind
    _handled(ctx).add(id(value))
    message = (f"`{name}` falls back to {_article(what)} written in the source when the "
               "environment variable is unset" if fallback else
               f"`{name}` is {_article(what)} written in the source")
    yield _finding(ctx, value, text, message, confidence, severity, what)


def secret_kind(name: str) -> str | None:
    """``"API key"``, ``"password"``… when ``name`` names a secret, else None."""
    tokens = snake(name).split("_")
    if not tokens or not tokens[-1]:
        return None
    last = tokens[-1]
    before = tokens[-2] if len(tokens) > 1 else ""
    if before in NOT_SECRET_PREFIX or (len(tokens) > 2 and tokens[-3] in NOT_SECRET_PREFIX
                                       and last == "key"):
        return None
    if last in ("password", "passwd", "pwd", "passphrase") or last == "pass" and before:
        return "password"
    if last in ("secret", "credential", "credentials"):
        return "secret"
    if last == "token":
        return "token"
    if last == "authorization":
        return "credential"
    if last == "apikey" or last == "key" and before == "api":
        return "API key"
    if last == "key" and before in KEY_QUALIFIERS:
        return "secret key"
    return None


def judge(text: str, kind: str, name: str = "") -> Confidence | None:
    """How sure a literal under a secret-like name is a real secret (None: it is not)."""
    value = text.strip()
    if value.lower().startswith(("bearer ", "token ", "basic ")):
        value = value.split(None, 1)[1] if len(value.split(None, 1)) > 1 else ""
    if not value or any(c.isspace() for c in value) or PLACEHOLDER_WORDS.search(value) \
            or ENV_NAME.fullmatch(value) or value.startswith(("http://", "https://", "/")) \
            or len(set(value)) < 4 or DOTTED.fullmatch(value) or SECRET_WORD.search(value) \
            or snake(value) in snake(name).split("_") or snake(value) == snake(name):
        return None
    if random_looking(value):
        return Confidence.HIGH
    minimum = 6 if kind == "password" else 10
    if len(value) < minimum or LABEL.fullmatch(value) or "/" in value:
        return None
    return Confidence.MEDIUM


def random_looking(value: str) -> bool:
    """Long, varied and high in entropy: a generated key rather than a word or a name."""
    if len(value) < 16:
        return False
    classes = sum(bool(re.search(p, value)) for p in (r"[a-z]", r"[A-Z]", r"[0-9]"))
    return classes >= 2 and entropy(value) >= 3.3


def entropy(value: str) -> float:
    counts = {c: value.count(c) for c in set(value)}
    return -sum(n / len(value) * math.log2(n / len(value)) for n in counts.values())


def _placeholder_key(value: str) -> bool:
    return bool(re.search(r"example|xxxx|XXXX|0{8}|(.)\1{7}", value, re.IGNORECASE)) \
        or len(set(value)) < 8


def _env_default(call: ast.Call, ctx: FileContext) -> ast.expr | None:
    """The literal default of ``os.environ.get("X", "…")``, ``env("X", default="…")``."""
    callee = ctx.qualname(call.func) or ""
    if callee not in ENV_GETTERS and not ENV_LIKE.search(ctx.snippet(call.func, 80)):
        return None
    for keyword in call.keywords:
        if keyword.arg == "default":
            return keyword.value
    return call.args[1] if len(call.args) > 1 else None


def _target_name(target: ast.expr) -> str | None:
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, ast.Subscript) and isinstance(target.slice, ast.Constant) \
            and isinstance(target.slice.value, str):
        return target.slice.value
    return None


def _lookup_key(expr: ast.expr) -> str | None:
    """``headers.get("X-Api-Key")`` → ``X-Api-Key``."""
    if isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute) \
            and expr.func.attr == "get" and expr.args and isinstance(expr.args[0], ast.Constant) \
            and isinstance(expr.args[0].value, str):
        return expr.args[0].value
    return None


def _article(what: str) -> str:
    if what.startswith(("a ", "an ")):
        return what
    return f"an {what}" if what[0].lower() in "aeiou" else f"a {what}"


def _finding(ctx: FileContext, node: ast.Constant, secret: str, message: str,
             confidence: Confidence, severity: Severity, what: str) -> Finding:
    scope = ctx.enclosing_function(node)
    owner = ctx.function_qualname(scope) if scope is not None else ctx.scope.module
    return rule.finding(f"{message} ({mask(secret)})", ctx.location(node),
                        key=f"{owner}:{what}:{len(secret)}", severity=severity,
                        confidence=confidence, evidence=_evidence(ctx, node), fix=FIX)


def _evidence(ctx: FileContext, node: ast.Constant) -> str | None:
    """The source line with the literal replaced by the mask (then redacted as usual)."""
    location = ctx.location(node)
    line = ctx.source.line(node.lineno)
    if location.column is None:
        return None
    start = location.column - 1
    end = location.end_column - 1 if location.end_line == node.lineno and \
        location.end_column is not None else len(line)
    text = f"{line[:start]}'{MASK}'{line[end:]}".strip()
    return redact_code(text) or None
