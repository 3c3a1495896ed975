"""MD5/SHA-1 hash a password or token, or `random` generates one.

## Why it matters
Passwords must be stored with a slow, salted algorithm; Django's `make_password()` does that
(PBKDF2, Argon2, bcrypt). `hashlib.md5(password)` or `sha1(password)` is the opposite: a GPU
tries billions of guesses a second, identical passwords give identical digests, and
precomputed tables reverse common ones instantly, so a leaked table gives the passwords back.
Tokens built with MD5 or SHA-1 (`md5(user.email + timestamp)`) are only as secret as their
inputs, which are often guessable, and SHA-1 of secret-plus-data can be extended without
knowing the secret.

The `random` module (`random.choice`, `randint`, `getrandbits`…) is a Mersenne Twister: after
624 outputs its whole state is known, and seeds from the clock are guessable, so a
password-reset token, an OTP, an invitation code or an API key made with it can be
predicted. `uuid.uuid1()` is built from the time and the machine's MAC address.

ponyguard reports `hashlib.md5`/`sha1` (and `hashlib.new("md5")`) when the hashed data, the
variable or key the result goes to, or the function returning it is named after a password,
token, secret, OTP, reset or API key; and `random.*`/`uuid.uuid1()` when the value generated
goes to such a name or is made in such a function. `usedforsecurity=False`, checksums, ETags
and cache keys are not reported; `secrets`, `get_random_string()`, `uuid4()` and
`random.SystemRandom()` are the safe APIs.

## Insecure example
```python
def make_reset_token(user):
    return hashlib.md5(f"{user.email}{time.time()}".encode()).hexdigest()

user.api_key = "".join(random.choice(string.ascii_letters) for _ in range(32))
otp = random.randint(100000, 999999)
password_hash = hashlib.sha1(password.encode()).hexdigest()
```

## Fix
Generate tokens, codes and keys with the `secrets` module (`secrets.token_urlsafe(32)`,
`secrets.randbelow(10**6)`) or `django.utils.crypto.get_random_string()`, and hash passwords
with `django.contrib.auth.hashers.make_password()`/`check_password()` (or `user.set_password()`).

For signed, expiring links use `django.core.signing.TimestampSigner` or the
`PasswordResetTokenGenerator` Django uses for its own reset links. When a token must be stored,
store `hashlib.sha256(token)` of a `secrets` token and compare with `hmac.compare_digest()`.

## References
- https://docs.djangoproject.com/en/stable/topics/auth/passwords/
- https://docs.python.org/3/library/secrets.html
- https://docs.python.org/3/library/random.html
- https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/328.html
- https://cwe.mitre.org/data/definitions/916.html
- https://cwe.mitre.org/data/definitions/338.html
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ._access import snake
from ._support import keyword

rule = Rule("PG503", "weak-hash-for-secrets", "MD5/SHA-1 or `random` used for passwords or tokens",
            Severity.MEDIUM, Confidence.HIGH, cwe=(328, 916, 338), doc_text=__doc__,
            runtime=False)

WEAK_HASHES = frozenset({"hashlib.md5", "hashlib.sha1", "Crypto.Hash.MD5.new",
                         "Crypto.Hash.SHA1.new", "md5.new", "sha.new"})
WEAK_NAMES = frozenset({"md5", "sha1", "sha-1", "md4", "md5-sha1"})
WEAK_RANDOM = frozenset({
    "random.random", "random.randint", "random.choice", "random.choices", "random.getrandbits",
    "random.randrange", "random.sample", "random.uniform", "random.randbytes",
    "random.shuffle", "uuid.uuid1", "numpy.random.randint", "numpy.random.choice",
    "numpy.random.bytes",
})
SALT = re.compile(r"(^|_)salt(_|$|s$)")
"""A name of the salt mixed into the hashed data (``salt``, ``user_salt``)."""
SECRET_WORDS = re.compile(
    r"(^|_)(?P<word>password|passwd|pwd|passphrase|passcode|token|secret|otp|totp|hotp|nonce"
    r"|reset|api_?key|apikey|auth_?key|session_?key|activation|verification|verify"
    r"|confirmation|pin|one_time|invite|invitation|credential)s?(_|$)")
NOT_SECRET = re.compile(
    r"(^|_)(cache|etag|checksum|fingerprint|gravatar|avatar|colou?r|jitter|delay|backoff|sleep"
    r"|retry|seed|demo|fake|dummy|mock|lorem|filename|file_name|slug|partition|shard|bucket"
    r"|weight|experiment|sampling|probability|chance|shuffle|sample|random_order|dedup\w*"
    r"|content_hash|file_hash|md5sum|sha1sum|integrity|version|build)(_|$)")
PURPOSES = {"password": "a password", "passwd": "a password", "pwd": "a password",
            "passphrase": "a password", "passcode": "a one-time code", "otp": "a one-time code",
            "totp": "a one-time code", "hotp": "a one-time code", "pin": "a one-time code",
            "onetime": "a one-time code", "secret": "a secret", "apikey": "an API key",
            "authkey": "an API key", "credential": "a credential"}
HASH_FIX = ("Hash passwords with make_password()/check_password(); generate tokens with "
            "secrets.token_urlsafe() (store a hashlib.sha256 digest if needed) or "
            "django.core.signing.")
RANDOM_FIX = ("Use the secrets module (secrets.token_urlsafe(), secrets.choice(), "
              "secrets.randbelow()) or django.utils.crypto.get_random_string().")


@dataclass(frozen=True, slots=True)
class Use:
    """A weak call and the names around it: where its result goes, what it is given."""

    call: ast.Call
    callee: str
    labels: tuple[str, ...]
    helper: bool = False
    """A call to a project function, which is weak if it returns an MD5/SHA-1 digest."""


WEAK_LAST = frozenset({name.rsplit(".", 1)[-1] for name in WEAK_HASHES | WEAK_RANDOM} | {"new"})
"""Last names of the weak calls: a cheap test before resolving a call's name."""


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    func = node.func
    last = func.attr if isinstance(func, ast.Attribute) else \
        func.id if isinstance(func, ast.Name) else None
    if last is None:
        return
    if last in WEAK_LAST:
        callee = ctx.qualname(func) or ""
        helper = False
        if callee not in WEAK_HASHES and callee not in WEAK_RANDOM and not (
                callee == "hashlib.new" and _named_weak(node)):
            return
    elif last[:1].islower() and _secret_arguments(node):
        callee = ctx.qualname(func) or ""
        helper = True
        if not ctx.scope.is_project(callee):
            return
    else:
        return
    statement = ctx.enclosing_statement(node)
    if statement is None:
        return
    labels = _labels_to(statement, node, ctx) or ()
    use = Use(node, callee, labels, helper)
    function = ctx.enclosing_function(node)
    context = tuple(_assigned(statement))
    named = (function.name,) if function is not None else ()
    # A hash is judged by the function's name only when it is what the function returns
    # (``def make_token(): return md5(...)``); a random value, wherever it is made there.
    hash_result = callee not in WEAK_RANDOM and isinstance(statement, ast.Return)
    outer = named if hash_result or callee in WEAK_RANDOM else ()
    finding = _judge(use, statement, context, outer, function, ctx)
    if finding is not None:
        yield finding


def _secret_arguments(call: ast.Call) -> bool:
    """Whether a call's arguments name a secret (``digest(password)``)."""
    for arg in (*call.args, *(k.value for k in call.keywords)):
        for node in ast.walk(arg):
            text = node.id if isinstance(node, ast.Name) else \
                node.attr if isinstance(node, ast.Attribute) else \
                node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and len(node.value) < 40 else None
            if text and SECRET_WORDS.search(snake(text)):
                return True
    return False


def _judge(use: Use, statement: ast.stmt, context: tuple[str, ...], outer: tuple[str, ...],
           function: ast.FunctionDef | ast.AsyncFunctionDef | None,
           ctx: FileContext) -> Finding | None:
    is_hash = use.callee not in WEAK_RANDOM
    if is_hash and not use.helper and _not_for_security(use.call):
        return None
    data = _data_names(use.call, statement, function) if is_hash else \
        _names_in(list(use.call.args))
    direct = (*reversed(use.labels), *context, *data)
    if any(NOT_SECRET.search(snake(n)) for n in (*direct, *outer)):
        return None
    word = _secret_word(direct)
    confidence = Confidence.HIGH
    if word is None:
        word = _secret_word(outer)
        confidence = Confidence.MEDIUM
    if word is None:
        return None
    name, matched = word
    purpose = PURPOSES.get(matched.replace("_", ""), "a token")
    helper = _helper_hash(use.callee, ctx) if use.helper else None
    if use.helper and helper is None:
        return None
    if is_hash:
        algorithm = "SHA-1" if "sha" in use.callee.lower() or _named_sha(use.call) else "MD5"
        shown = f"{use.callee}()" if use.callee != "hashlib.new" else \
            f"hashlib.new({algorithm.lower().replace('-', '')!r})"
        if helper is not None:
            algorithm, where = helper
            shown = f"{use.callee.rsplit('.', 1)[-1]}() (which returns an {algorithm} digest, " \
                f"{where})"
        salted = any(SALT.search(snake(n)) for n in data)
        speed = ("it is fast (a salt stops precomputed tables, not guessing)" if salted
                 else "it is fast and unsalted")
        risk = (f"{speed}, so a leaked digest gives the password back by brute force"
                if purpose == "a password" else
                "the result is only as secret as the data hashed, which anyone who can guess "
                "it recomputes, and the algorithm is broken")
        message = f"{shown} is used for {purpose} (`{name}`): {risk}"
        fix = HASH_FIX
    elif use.callee == "uuid.uuid1":
        message = (f"uuid.uuid1() generates {purpose} (`{name}`): it is made of the time and "
                   "the machine's MAC address, so it can be guessed")
        fix = RANDOM_FIX
    else:
        message = (f"{use.callee}() generates {purpose} (`{name}`): the random module is not "
                   "cryptographically secure and its output can be predicted")
        fix = RANDOM_FIX
    owner = ctx.function_qualname(function) if function is not None else ctx.scope.module
    return rule.finding(message, ctx.location(use.call), key=f"{owner}:{use.callee}:{name}",
                        confidence=confidence, evidence=ctx.evidence(use.call), fix=fix)


def _own_expressions(statement: ast.stmt) -> Iterator[ast.expr]:
    for _, value in ast.iter_fields(statement):
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, ast.expr):
                yield item
            elif isinstance(item, ast.withitem):
                yield item.context_expr


def _labels_to(statement: ast.stmt, target: ast.Call,
               ctx: FileContext) -> tuple[str, ...] | None:
    """The keyword names, dict keys and callee names on the way from the statement down to
    ``target`` (``create(api_key="".join(random.choice(...)))`` → ``create``, ``api_key``…)."""
    for expr in _own_expressions(statement):
        found = _path(expr, target, (), ctx)
        if found is not None:
            return found
    return None


def _path(node: ast.AST, target: ast.Call, labels: tuple[str, ...],
          ctx: FileContext) -> tuple[str, ...] | None:
    if node is target:
        return labels
    if not _within(node, target):
        return None
    if isinstance(node, ast.Call):
        inner = (*labels, ctx.snippet(node.func, 60))
        for arg in node.args:
            found = _path(arg, target, inner, ctx)
            if found is not None:
                return found
        for item in node.keywords:
            found = _path(item.value, target, (*inner, item.arg) if item.arg else inner, ctx)
            if found is not None:
                return found
        return _path(node.func, target, labels, ctx)
    if isinstance(node, ast.Dict):
        for key, value in zip(node.keys, node.values, strict=True):
            name = key.value if isinstance(key, ast.Constant) and isinstance(key.value, str) \
                else None
            found = _path(value, target, (*labels, name) if name else labels, ctx)
            if found is not None:
                return found
        return None
    for child in ast.iter_child_nodes(node):
        found = _path(child, target, labels, ctx)
        if found is not None:
            return found
    return None


def _within(node: ast.AST, target: ast.Call) -> bool:
    """Whether ``target`` lies inside ``node``'s source span (nodes without one: maybe)."""
    start = (getattr(node, "lineno", 0), getattr(node, "col_offset", 0))
    end = (getattr(node, "end_lineno", 10**9), getattr(node, "end_col_offset", 10**9))
    return start <= (target.lineno, target.col_offset) and \
        (target.end_lineno or 0, target.end_col_offset or 0) <= end


def _helper_hash(callee: str, ctx: FileContext) -> tuple[str, str] | None:
    """(algorithm, where) when the project function ``callee`` returns an MD5/SHA-1 digest."""
    summary = ctx.index.function(callee)
    if summary is None or ctx.project is None:
        return None
    ctx.index.note_source(summary.rel)
    tree = ctx.project.source(summary.rel).tree
    function = next((n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef,
                     ast.AsyncFunctionDef)) and n.lineno == summary.line), None) if tree else None
    for node in ast.walk(function) if function is not None else ():
        if isinstance(node, ast.Return) and node.value is not None:
            for call in ast.walk(node.value):
                if isinstance(call, ast.Call):
                    func = call.func
                    name = func.attr if isinstance(func, ast.Attribute) else \
                        func.id if isinstance(func, ast.Name) else ""
                    if name in ("md5", "sha1"):
                        return ("MD5" if name == "md5" else "SHA-1",
                                f"{summary.rel}:{call.lineno}")
    return None


def _named_weak(call: ast.Call) -> bool:
    name = call.args[0] if call.args else keyword(call, "name")
    return isinstance(name, ast.Constant) and isinstance(name.value, str) \
        and name.value.lower() in WEAK_NAMES


def _named_sha(call: ast.Call) -> bool:
    name = call.args[0] if call.args else keyword(call, "name")
    return isinstance(name, ast.Constant) and "sha" in str(name.value).lower()


def _not_for_security(call: ast.Call) -> bool:
    flag = keyword(call, "usedforsecurity")
    return isinstance(flag, ast.Constant) and flag.value is False


def _assigned(statement: ast.stmt) -> Iterator[str]:
    targets: list[ast.expr] = []
    if isinstance(statement, ast.Assign):
        targets = list(statement.targets)
    elif isinstance(statement, (ast.AnnAssign, ast.AugAssign)):
        targets = [statement.target]
    for target in targets:
        for node in ast.walk(target):
            if isinstance(node, ast.Name):
                yield node.id
            elif isinstance(node, ast.Attribute):
                yield node.attr
            elif isinstance(node, ast.Subscript) and isinstance(node.slice, ast.Constant) \
                    and isinstance(node.slice.value, str):
                yield node.slice.value


def _data_names(call: ast.Call, statement: ast.stmt,
                function: ast.FunctionDef | ast.AsyncFunctionDef | None) -> tuple[str, ...]:
    """Names in the data hashed: the call's arguments, and ``h.update(...)`` calls on the
    hasher it was assigned to."""
    parts: list[ast.expr] = [a for a in call.args if not (
        isinstance(a, ast.Constant) and isinstance(a.value, str) and a.value.lower() in WEAK_NAMES)]
    parts += [k.value for k in call.keywords if k.arg in ("data", "string")]
    hashers = set(_assigned(statement)) if isinstance(statement, ast.Assign) else set()
    if hashers and function is not None:
        for node in ast.walk(function):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                    and node.func.attr == "update" and isinstance(node.func.value, ast.Name) \
                    and node.func.value.id in hashers:
                parts.extend(node.args)
    return _names_in(parts)


def _names_in(parts: list[ast.expr]) -> tuple[str, ...]:
    names: list[str] = []
    for part in parts:
        for node in ast.walk(part):
            if isinstance(node, ast.Name):
                names.append(node.id)
            elif isinstance(node, ast.Attribute):
                names.append(node.attr)
    return tuple(names)


def _secret_word(names: tuple[str, ...]) -> tuple[str, str] | None:
    for name in names:
        match = SECRET_WORDS.search(snake(name))
        if match:
            return name, match.group("word")
    return None
