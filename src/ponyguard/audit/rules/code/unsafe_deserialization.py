"""Request data (or data of unknown origin) is deserialised with pickle, marshal, unsafe YAML
or jsonpickle.

## Why it matters
Unpickling runs code: a pickle can tell `pickle.loads()` to call `os.system("...")` while it
is being loaded, so a cookie, form field, upload or request body that reaches `pickle.loads()`
(or `pickle.load()`, `dill`, `jsonpickle.decode()`, `pandas.read_pickle()`, `yaml.load()` with
`yaml.Loader`/`UnsafeLoader`, `yaml.unsafe_load()`) gives the visitor a shell on your server
with its database credentials and `SECRET_KEY`. Base64 or compression around the data changes
nothing. `marshal` does not run code by itself but is documented as unsafe for untrusted data
(crafted input crashes the interpreter); `shelve` unpickles the file it opens.

YAML depends on the loader and the PyYAML version: `yaml.load(data)` without `Loader=` used
the unsafe loader before PyYAML 5.1 and `FullLoader` until 6.0 (where it raises a
`TypeError`); `FullLoader` (`yaml.full_load()`) allowed code execution before PyYAML 5.4
(CVE-2020-1747, CVE-2020-14343) and still builds Python-specific objects. Django's
`signing.loads(..., serializer=PickleSerializer)` checks the signature first, so only
someone holding your `SECRET_KEY` (leaked, or committed to a repository) gets code execution;
Django 5.0 removed `PickleSerializer` for that reason.

A finding is high confidence when the data provably comes from the request (cookies,
`request.body`, uploads — also a file opened at a path from the request), medium for pickle
and friends on data of unknown origin (a cache, a queue, a database column an attacker might
write), low for the weaker APIs on unknown data. `json.loads()`, `yaml.safe_load()` and
`yaml.load(data, Loader=yaml.SafeLoader)` (or `CSafeLoader`, `BaseLoader`) are safe.

## Insecure example
```python
def restore_cart(request):
    cart = pickle.loads(base64.b64decode(request.COOKIES["cart"]))

def import_settings(request):
    config = yaml.load(request.FILES["config"].read(), Loader=yaml.Loader)
```

## Fix
Exchange data as JSON (`json.loads()`, or Django's `signing.dumps()`/`signing.loads()` with
the default `JSONSerializer` for data that must come back unchanged) and parse YAML with
`yaml.safe_load()`; never unpickle anything a client sent or could have written.

If pickles are unavoidable between your own services, sign them (`signing.dumps` over
bytes, an HMAC) and verify before loading, and keep the key out of reach of the data's
writers.

## References
- https://docs.python.org/3/library/pickle.html#module-pickle
- https://docs.python.org/3/library/marshal.html
- https://pyyaml.org/wiki/PyYAMLDocumentation
- https://github.com/yaml/pyyaml/wiki/PyYAML-yaml.load(input)-Deprecation
- https://nvd.nist.gov/vuln/detail/CVE-2020-14343
- https://docs.djangoproject.com/en/stable/topics/signing/
- https://owasp.org/www-community/vulnerabilities/Deserialization_of_untrusted_data
- https://cheatsheetseries.owasp.org/cheatsheets/Deserialization_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/502.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.flow import Flow
from ...taint.sinks import DESERIALIZE
from ._inputs import opened_path, request_flow
from ._support import argument, keyword, report

rule = Rule("PG501", "unsafe-deserialization", "Untrusted data deserialised with pickle or "
            "unsafe YAML", Severity.CRITICAL, Confidence.HIGH, cwe=(502,), doc_text=__doc__,
            runtime=False)

CODE_EXECUTION = {
    # function → name of the data argument
    **dict.fromkeys(("pickle.loads", "pickle.load", "pickle.Unpickler", "cPickle.loads",
                     "cPickle.load", "cPickle.Unpickler", "_pickle.loads", "_pickle.load",
                     "_pickle.Unpickler", "dill.loads", "dill.load", "cloudpickle.loads",
                     "cloudpickle.load", "joblib.load", "pandas.read_pickle",
                     "jsonpickle.decode", "jsonpickle.loads", "jsonpickle.unpickler.decode",
                     "yaml.unsafe_load", "yaml.unsafe_load_all"), "data"),
}
WEAKER = {
    "marshal.loads": ("bytes", Severity.HIGH, "marshal.loads() (unsafe for untrusted data)"),
    "marshal.load": ("file", Severity.HIGH, "marshal.load() (unsafe for untrusted data)"),
    "shelve.open": ("filename", Severity.HIGH, "shelve.open() (it unpickles the file)"),
    "yaml.full_load": ("stream", Severity.MEDIUM,
                       "yaml.full_load() (code execution before PyYAML 5.4)"),
    "yaml.full_load_all": ("stream", Severity.MEDIUM,
                           "yaml.full_load_all() (code execution before PyYAML 5.4)"),
}
YAML_LOAD = frozenset({"yaml.load", "yaml.load_all"})
SAFE_LOADERS = ("SafeLoader", "BaseLoader", "CSafeLoader", "CBaseLoader")
FULL_LOADERS = ("FullLoader", "CFullLoader")
UNSAFE_LOADERS = ("Loader", "CLoader", "UnsafeLoader", "CUnsafeLoader")
SIGNING = frozenset({"django.core.signing.loads", "django.core.signing.Signer().unsign_object",
                     "django.core.signing.TimestampSigner().unsign_object"})
NUMPY_LOAD = frozenset({"numpy.load"})
FIX = ("Exchange data as JSON (json.loads(), signing.loads() with the default JSONSerializer) "
       "and parse YAML with yaml.safe_load(); never unpickle client data.")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.qualname(node.func)
    if callee is None:
        return
    if callee in CODE_EXECUTION:
        yield from _check(node, argument(node, 0, CODE_EXECUTION[callee]), ctx,
                          f"the data loaded by {callee}()", Severity.CRITICAL)
    elif callee in WEAKER:
        name, severity, what = WEAKER[callee]
        yield from _check(node, argument(node, 0, name), ctx, f"the data loaded by {what}",
                          severity, weak=True)
    elif callee in YAML_LOAD:
        yield from _yaml(node, callee, ctx)
    elif callee in NUMPY_LOAD:
        allow = keyword(node, "allow_pickle")
        if isinstance(allow, ast.Constant) and allow.value is True:
            yield from _check(node, argument(node, 0, "file"), ctx,
                              "the data loaded by numpy.load(allow_pickle=True)",
                              Severity.CRITICAL)
    elif callee in SIGNING:
        serializer = keyword(node, "serializer")
        if serializer is not None and "Pickle" in (ctx.qualname(serializer)
                                                   or ctx.snippet(serializer)):
            yield from _check(node, argument(node, 0, "s"), ctx,
                              "the signed value unpickled by signing.loads(serializer="
                              "PickleSerializer) (code execution with the SECRET_KEY)",
                              Severity.HIGH, weak=True)


def _yaml(node: ast.Call, callee: str, ctx: FileContext) -> Iterator[Finding]:
    loader = argument(node, 1, "Loader")
    name = (ctx.qualname(loader) or ctx.snippet(loader)) if loader is not None else ""
    last = name.rsplit(".", 1)[-1]
    what = f"the YAML loaded by {callee}()"
    if loader is None:
        yield from _check(node, argument(node, 0, "stream"), ctx,
                          f"{what} without a Loader (unsafe before PyYAML 6.0)",
                          Severity.HIGH, weak=True)
    elif last in SAFE_LOADERS or "Safe" in last:
        return
    elif last in FULL_LOADERS:
        yield from _check(node, argument(node, 0, "stream"), ctx,
                          f"{what} with {name} (code execution before PyYAML 5.4)",
                          Severity.MEDIUM, weak=True)
    elif last in UNSAFE_LOADERS:
        yield from _check(node, argument(node, 0, "stream"), ctx, f"{what} with {name}",
                          Severity.CRITICAL)
    else:
        yield from _check(node, argument(node, 0, "stream"), ctx,
                          f"{what} with the custom loader {name}", Severity.HIGH,
                          weak=True, only_tainted=True, confidence=Confidence.LOW)


def _check(node: ast.Call, data: ast.expr | None, ctx: FileContext, what: str,
           severity: Severity, *, weak: bool = False, only_tainted: bool = False,
           confidence: Confidence | None = None) -> Iterator[Finding]:
    if data is None or isinstance(data, (ast.Constant, ast.Starred)):
        return
    flow, opened = _flow(data, ctx)
    if flow is None or flow.safe or (only_tainted and not flow.tainted):
        return
    if opened:
        what = what.replace("the data loaded by", "the path of the file loaded by", 1)
    if flow.tainted:
        yield report(rule, ctx, node, data, flow, what, fix=FIX, severity=severity,
                     confidence=confidence or Confidence.HIGH)
    else:
        yield report(rule, ctx, node, data, flow, what, fix=FIX, severity=_lower(severity),
                     confidence=Confidence.LOW if weak else Confidence.MEDIUM)


def _flow(data: ast.expr, ctx: FileContext) -> tuple[Flow | None, bool]:
    """Where the deserialised bytes come from: the request object read as a file, the path
    of a file opened here (``pickle.load(open(path, "rb"))``: True), or the value itself."""
    found = request_flow(data, ctx)
    if found is not None:
        return found, False
    path = opened_path(data, ctx)
    if path is not None:
        return (None if isinstance(path, ast.Constant) else ctx.flow(path, DESERIALIZE)), True
    return ctx.flow(data, DESERIALIZE), False


def _lower(severity: Severity) -> Severity:
    """One step lower, not below low: for data of unknown origin."""
    return list(Severity)[max(severity.rank - 1, Severity.LOW.rank)]
