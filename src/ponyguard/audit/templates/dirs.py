"""Template folders named in ``TEMPLATES[...]["DIRS"]``, found in the project tree.

Projects keep site-wide templates in folders of any name (``BASE_DIR / "site_templates"``).
The settings resolver does not model paths, so the folder is read from the syntax of the
``"DIRS"`` list in the settings files: the literal parts after the base directory
(``BASE_DIR / "a" / "b"``, ``os.path.join(BASE_DIR, "a", "b")``, ``BASE_DIR.joinpath("a")``,
``str(...)`` around any of them, or a plain string) name a folder relative to the base
directory, which is matched against the project's folders at a path-segment boundary.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from pathlib import PurePosixPath

from ..discovery import Project


def template_dirs(project: Project, settings_files: Iterable[str]) -> list[str]:
    """Project-relative folders that ``DIRS`` entries of these settings files name."""
    named: list[str] = []
    for rel in settings_files:
        source = project.source(rel)
        if source.tree is not None:
            named.extend(_dirs_entries(source.tree))
    folders = _folders(project)
    found: list[str] = []
    for name in dict.fromkeys(named):
        found.extend(_matching(name, folders, project))
    return sorted(dict.fromkeys(found))


def _dirs_entries(tree: ast.Module) -> Iterator[str]:
    for node in ast.walk(tree):
        if not isinstance(node, ast.Dict):
            continue
        for key, value in zip(node.keys, node.values, strict=True):
            if isinstance(key, ast.Constant) and key.value == "DIRS" \
                    and isinstance(value, (ast.List, ast.Tuple)):
                for item in value.elts:
                    parts = _literal_parts(item)
                    if parts:
                        yield "/".join(parts)


def _literal_parts(expr: ast.expr) -> list[str]:
    """The literal path segments at the end of a path expression."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.BinOp) and isinstance(expr.op, ast.Div):
        right = _literal_parts(expr.right)
        return [*_literal_parts(expr.left), *right] if right else []
    if isinstance(expr, ast.Call):
        func = expr.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name in ("str", "Path", "PurePath", "abspath", "normpath", "realpath") \
                and len(expr.args) == 1:
            return _literal_parts(expr.args[0])
        if name in ("join", "joinpath"):
            args = expr.args[1:] if name == "join" else expr.args
            parts = [a.value for a in args
                     if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            head = _literal_parts(expr.func.value) if name == "joinpath" and isinstance(
                expr.func, ast.Attribute) else []
            return [*head, *parts] if len(parts) == len(args) else []
    return []


def _folders(project: Project) -> set[str]:
    folders: set[str] = set()
    for rel in project.other_files:
        parent = PurePosixPath(rel).parent
        while str(parent) not in (".", "") and str(parent) not in folders:
            folders.add(str(parent))
            parent = parent.parent
    return folders


def _matching(name: str, folders: set[str], project: Project) -> Iterator[str]:
    path = PurePosixPath(name)
    if path.is_absolute():
        try:
            path = path.relative_to(PurePosixPath(project.root.resolve().as_posix()))
        except ValueError:
            return
    wanted = str(path).strip("/")
    if not wanted or wanted == ".":
        return
    for folder in folders:
        if folder == wanted or folder.endswith("/" + wanted):
            yield folder
