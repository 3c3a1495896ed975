"""A file is opened, written, copied or deleted at a path built from request data.

## Why it matters
`open(os.path.join(settings.MEDIA_ROOT, request.GET["file"]))` looks confined to the media
directory, but `os.path.join()` keeps `../` segments and *replaces* everything before an
absolute path: `?file=../../app/settings.py` or `?file=/etc/passwd` reads any file the web
server can read (`SECRET_KEY`, database passwords, private keys), and the same mistake in a
write, copy or delete lets a visitor overwrite code or destroy data. `os.path.normpath()`
does not help (it keeps a leading `../`), and neither does checking that the *unresolved*
path starts with the root.

Django's own file APIs are confined: `default_storage` (and `FileSystemStorage`) and
`django.views.static.serve()` refuse paths outside their root, and an uploaded file's
`.name` is already reduced to its base name. Request data there is reported at lower
severity: the visitor still chooses *any* file under the root (another user's private
upload), and `save()` lets them pick the directory and extension of a new file.

A finding is high confidence when the path provably comes from the request (query string,
form, URL arguments with a `str`/`path` converter, headers…), also through helpers in other
modules; low when a view builds it from a value of unknown origin (`os.path.join(ROOT,
doc.filename)`). Other paths of unknown origin are not reported: outside views (management
commands, caches, storage backends) and as whole values (`open(doc.file.path)`) code opens
files at paths it chose itself all the time. `os.path.basename()`,
`get_valid_filename()`, `safe_join()`, `int()`/`uuid.UUID()`, allowlist checks and a
containment check on a resolved path (`realpath()` + `startswith()`/`commonpath()`,
`Path.resolve()` + `is_relative_to()`) make the value safe.

## Insecure example
```python
def download(request):
    name = request.GET["file"]
    path = os.path.join(settings.MEDIA_ROOT, "reports", name)
    return FileResponse(open(path, "rb"))

class AvatarDelete(View):
    def post(self, request, filename):       # path("avatars/<path:filename>/delete/", ...)
        (Path(settings.MEDIA_ROOT) / "avatars" / filename).unlink()
```

## Fix
Do not put request data in paths: look the file up by id (`Report.objects.get(pk=pk,
owner=request.user).file`) or keep only its base name (`os.path.basename()`,
`get_valid_filename()`); if a sub-path is needed, build it with
`django.utils._os.safe_join(root, name)`, which raises when the result leaves `root`.

A hand-written check must resolve the path first:

```python
root = os.path.realpath(settings.REPORTS_ROOT)
full = os.path.realpath(os.path.join(root, name))
if os.path.commonpath([root, full]) != root:
    raise Http404
```

`full.startswith(root)` without a trailing separator also accepts the sibling
directory `/srv/reports-old`; prefer `commonpath()` or `Path.is_relative_to()`.

## References
- https://docs.djangoproject.com/en/stable/topics/security/#user-uploaded-content
- https://docs.djangoproject.com/en/stable/ref/files/storage/
- https://owasp.org/www-community/attacks/Path_Traversal
- https://cheatsheetseries.owasp.org/cheatsheets/File_Upload_Cheat_Sheet.html
- https://cwe.mitre.org/data/definitions/22.html
- https://cwe.mitre.org/data/definitions/73.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.flow import Flow
from ...taint.sanitizers import NORMALIZERS
from ...taint.sinks import PATH
from ._support import argument, is_formatted, report

rule = Rule("PG214", "path-traversal", "File path built from request data", Severity.HIGH,
            Confidence.HIGH, cwe=(22, 73), doc_text=__doc__, runtime=False)

OPENERS = {
    "open": "file", "builtins.open": "file", "io.open": "file", "codecs.open": "filename",
    "os.open": "path", "aiofiles.open": "file",
}
"""Calls that take a path (``gzip.open()``, ``zipfile.ZipFile()`` also take an uploaded file
object, which is not a path: they are left out)."""
ONE_PATH = {
    "os.remove": "path", "os.unlink": "path", "os.rmdir": "path", "os.removedirs": "name",
    "os.mkdir": "path", "os.makedirs": "name", "os.listdir": "path", "os.scandir": "path",
    "os.chmod": "path", "os.chown": "path", "os.truncate": "path", "shutil.rmtree": "path",
    "shutil.make_archive": "root_dir",
}
TWO_PATHS = frozenset({
    "os.rename", "os.renames", "os.replace", "os.link", "os.symlink", "shutil.copy",
    "shutil.copy2", "shutil.copyfile", "shutil.copytree", "shutil.move", "shutil.copymode",
    "shutil.copystat",
})
PATHLIB_METHODS = frozenset({
    "open", "read_text", "read_bytes", "write_text", "write_bytes", "unlink", "rmdir",
    "touch", "mkdir", "rename", "replace", "iterdir", "symlink_to", "hardlink_to", "chmod",
})
PATHLIB_ONLY = frozenset({"read_text", "read_bytes", "write_text", "write_bytes"})
"""Method names no common object but a path has: a tainted receiver is enough."""
PATH_OBJECT_METHODS = frozenset({"resolve", "absolute", "joinpath", "with_suffix",
                                 "with_name", "expanduser"})
JOINS = frozenset({"os.path.join", "posixpath.join", "ntpath.join", "pathlib.Path",
                   "pathlib.PurePath", "pathlib.PosixPath"})
SERVE = frozenset({"django.views.static.serve"})
STORAGE_PREFIXES = ("django.core.files.storage.", "storages.backends.")
STORAGE_METHODS = {"open": Severity.MEDIUM, "delete": Severity.MEDIUM,
                   "path": Severity.MEDIUM, "listdir": Severity.MEDIUM, "save": Severity.LOW}
FIX = ("Look the file up by id or keep only its base name (os.path.basename(), "
       "get_valid_filename()); for sub-paths use django.utils._os.safe_join(root, name).")
CONFINED_FIX = ("Look the file up by id and check its owner instead of taking its name "
                "from the request; keep only the base name when saving.")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.qualname(node.func)
    if callee in OPENERS:
        yield from _check(node, argument(node, 0, OPENERS[callee]), ctx,
                          f"the path opened by {callee}()")
    elif callee in ONE_PATH:
        yield from _check(node, argument(node, 0, ONE_PATH[callee]), ctx,
                          f"the path given to {callee}()")
    elif callee in TWO_PATHS:
        for index, name in ((0, "src"), (1, "dst")):
            yield from _check(node, argument(node, index, name), ctx,
                              f"the {name} path of {callee}()")
    elif callee in SERVE:
        yield from _check(node, argument(node, 1, "path"), ctx,
                          "the path served by django.views.static.serve()",
                          severity=Severity.MEDIUM, fix=CONFINED_FIX)
    elif callee is not None and callee.startswith(STORAGE_PREFIXES) \
            and callee.rsplit(".", 1)[-1] in STORAGE_METHODS:
        method = callee.rsplit(".", 1)[-1]
        yield from _check(node, argument(node, 0, "name"), ctx,
                          f"the file name given to storage.{method}()",
                          severity=STORAGE_METHODS[method], fix=CONFINED_FIX)
    elif isinstance(node.func, ast.Attribute) and node.func.attr in PATHLIB_METHODS:
        yield from _pathlib(node, node.func, callee, ctx)


def _pathlib(node: ast.Call, func: ast.Attribute, callee: str | None,
             ctx: FileContext) -> Iterator[Finding]:
    receiver = func.value
    confirmed = (callee or "").startswith("pathlib.") or _path_object(receiver, ctx, 0)
    if not confirmed and func.attr not in PATHLIB_ONLY:
        return
    what = f"the path of Path.{func.attr}()"
    flow = ctx.flow(receiver, PATH)
    if flow.tainted or (flow.unknown and confirmed and _suspicious(node, receiver, ctx)):
        yield _report(node, receiver, flow, ctx, what)
    if func.attr in ("rename", "replace", "symlink_to", "hardlink_to") and confirmed:
        yield from _check(node, argument(node, 0, "target"), ctx,
                          f"the target path of Path.{func.attr}()")


def _path_object(expr: ast.expr, ctx: FileContext, depth: int) -> bool:
    """Whether ``expr`` is visibly a ``pathlib`` path: ``Path(x)``, ``ROOT / name``,
    ``p.resolve()``, ``p.parent``, or a variable bound to one of those."""
    if depth > 4:
        return False
    if isinstance(expr, ast.BinOp):
        return isinstance(expr.op, ast.Div)
    if isinstance(expr, ast.Call):
        if (ctx.qualname(expr.func) or "").startswith("pathlib."):
            return True
        func = expr.func
        return isinstance(func, ast.Attribute) and func.attr in PATH_OBJECT_METHODS \
            and _path_object(func.value, ctx, depth + 1)
    if isinstance(expr, ast.Attribute) and expr.attr == "parent":
        return _path_object(expr.value, ctx, depth + 1)
    if isinstance(expr, ast.Name):
        bound = ctx.assigned_value(expr)
        return bound is not None and _path_object(bound, ctx, depth + 1)
    return False


def _check(node: ast.Call, path: ast.expr | None, ctx: FileContext, what: str, *,
           severity: Severity | None = None, fix: str = FIX) -> Iterator[Finding]:
    if path is None or isinstance(path, (ast.Constant, ast.Starred)):
        return
    flow = ctx.flow(path, PATH)
    if flow.tainted or (flow.unknown and _suspicious(node, path, ctx)):
        yield _report(node, path, flow, ctx, what, severity=severity, fix=fix)


def _suspicious(node: ast.Call, path: ast.expr, ctx: FileContext) -> bool:
    """Whether a path of unknown origin is worth a low-confidence finding: a view builds it
    from pieces (``join(ROOT, doc.filename)``). Elsewhere (management commands, caches,
    storages, libraries) and as a whole value (``open(doc.file.path)``) code opens files at
    paths it chose itself all the time."""
    function = ctx.enclosing_function(node)
    return function is not None and ctx.is_view(function) and _built(path, ctx, 0)


def _built(path: ast.expr, ctx: FileContext, depth: int) -> bool:
    if depth > 3:
        return False
    if is_formatted(path, ctx) or isinstance(path, ast.BinOp):
        return True
    if isinstance(path, ast.Call):
        callee = ctx.qualname(path.func) or ""
        if callee in JOINS and len(path.args) > 1:
            return True
        if callee in JOINS or callee in NORMALIZERS:
            return any(_built(a, ctx, depth + 1) for a in path.args)
        if isinstance(path.func, ast.Attribute) and path.func.attr in PATH_OBJECT_METHODS:
            return path.func.attr == "joinpath" or _built(path.func.value, ctx, depth + 1)
    if isinstance(path, ast.Name):
        bound = ctx.assigned_value(path)
        return bound is not None and _built(bound, ctx, depth + 1)
    return False


def _report(node: ast.Call, path: ast.expr, flow: Flow, ctx: FileContext, what: str, *,
            severity: Severity | None = None, fix: str = FIX) -> Finding:
    if not flow.tainted:
        severity = Severity.LOW if severity is not None else Severity.MEDIUM
    return report(rule, ctx, node, path, flow, what, fix=fix, severity=severity,
                  confidence=Confidence.HIGH if flow.tainted else Confidence.LOW)
