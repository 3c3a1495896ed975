"""Benchmark: ponyguard's audit of large real codebases against a parse floor and bandit.

Usage: python benchmarks/speed.py [--repeat 3] [--tree wagtail ...]

Downloads the django, wagtail and django-oscar source distributions (pip download, PyPI only)
into benchmarks/.work/, then for each tree measures, each in a fresh process, best of N:

* floor: read + ``ast.parse`` every ``.py`` file of the tree, one process;
* cold: ``ponyguard audit`` with an empty cache directory (settings, code and templates);
* code: the same without a cache and with only the code rules selected (no template rules);
* warm: after modifying one views file (a comment appended), with the cache of the run
  before; the file is restored afterwards;
* bandit: ``bandit -r -q`` on the tree, when bandit is installed.

and prints wall seconds, peak RSS (MiB) and the ratios to the floor. Children run with
bytecode caching allowed (as an installed ponyguard would), after one warm-up run.
Targets (issue 3): cold ≤ 2× floor; warm after one change < 0.5 s.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
PACKAGES = {
    "django": "django==5.2.8",
    "wagtail": "wagtail==7.2",
    "django-oscar": "django-oscar==4.2.1",
}


def code_rules() -> str:
    """The ids of every code rule (PG3xx holds template rules too, which this leaves out)."""
    from ponyguard.audit.visitor import is_code_rule
    from ponyguard.core.registry import load_rules

    return ",".join(rule.id for rule in load_rules() if is_code_rule(rule))


FLOOR = r"""
import ast, os, sys, warnings
warnings.simplefilter("ignore")
skip = {".git", "__pycache__", ".ponyguard-cache", "node_modules"}
for folder, dirs, files in os.walk(sys.argv[1]):
    dirs[:] = [d for d in dirs if d not in skip]
    for name in files:
        if name.endswith(".py"):
            data = open(os.path.join(folder, name), "rb").read()
            try:
                ast.parse(data)
            except (SyntaxError, ValueError):
                pass
"""
TOUCH = "\n# ponyguard speed benchmark: touched\n"


def fetch(name: str, requirement: str) -> Path:
    target = WORK / name
    if target.exists():
        return target
    WORK.mkdir(exist_ok=True)
    download = WORK / f"{name}-sdist"
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--no-binary", ":all:", "-d", str(download), requirement], check=True)
    archive = next(download.glob("*.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target


def project_root(target: Path) -> Path:
    """The unpacked sdist's own folder (``wagtail-7.2/``), so that module names resolve as
    they do in a checkout (``wagtail.admin.views``)."""
    folders = [p for p in target.iterdir() if p.is_dir()]
    return folders[0] if len(folders) == 1 else target


def environment() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process (its own rusage, via wait4)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             env=environment())
    _, _, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = 0
    return wall, usage.ru_maxrss / 1024


def best(command: list[str], repeat: int, before: object = None) -> tuple[float, float]:
    runs = []
    for _ in range(repeat):
        if callable(before):
            before()
        runs.append(measure(command))
    return min(r[0] for r in runs), max(r[1] for r in runs)


def touched_file(tree: Path) -> Path:
    """A views module of the project code (not its tests) to modify between warm runs."""
    candidates = sorted(p for p in tree.rglob("*.py")
                        if ("views" in p.parts or p.name == "views.py")
                        and "tests" not in p.parts and "test" not in p.parts)
    return candidates[len(candidates) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", action="append", choices=sorted(PACKAGES))
    args = parser.parse_args()
    exe = [sys.executable, "-m", "ponyguard", "audit", "--isolated", "--exit-zero",
           "--format", "json"]
    bandit = shutil.which("bandit")
    subprocess.run([*exe, "--no-cache", str(HERE)], stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, env=environment())  # write the bytecode cache
    header = (f"{'tree':13} {'py files':>8} {'floor s':>8} {'cold s':>7} {'code s':>7} "
              f"{'warm s':>7} {'cold/fl':>7} {'code/fl':>7} {'MiB':>6} {'bandit s':>8} "
              f"{'MiB':>6}")
    print(header)
    for name in args.tree or PACKAGES:
        tree = project_root(fetch(name, PACKAGES[name]))
        files = sum(1 for _ in tree.rglob("*.py"))
        floor, _ = best([sys.executable, "-c", FLOOR, str(tree)], args.repeat)
        with tempfile.TemporaryDirectory() as scratch:
            cache = Path(scratch) / "cache"

            def clear(cache: Path = cache) -> None:
                shutil.rmtree(cache, ignore_errors=True)

            cold, cold_mem = best([*exe, "--cache-dir", str(cache), str(tree)], args.repeat,
                                  clear)
            code, _ = best([*exe, "--select", code_rules(), "--no-cache", str(tree)],
                           args.repeat)
            target = touched_file(tree)
            original = target.read_bytes()
            subprocess.run([*exe, "--cache-dir", str(cache), str(tree)],
                           stdout=subprocess.DEVNULL, env=environment())
            try:
                def touch(target: Path = target, original: bytes = original) -> None:
                    content = target.read_bytes()
                    target.write_bytes(original if content != original else original
                                       + TOUCH.encode())

                warm, _ = best([*exe, "--cache-dir", str(cache), str(tree)], args.repeat, touch)
            finally:
                target.write_bytes(original)
        bandit_s, bandit_mem = best([bandit, "-r", "-q", str(tree)], 1) if bandit \
            else (float("nan"), float("nan"))
        print(f"{name:13} {files:8d} {floor:8.2f} {cold:7.2f} {code:7.2f} {warm:7.2f} "
              f"{cold / floor:7.2f} {code / floor:7.2f} {cold_mem:6.0f} {bandit_s:8.2f} "
              f"{bandit_mem:6.0f}")
        print(f"{'':13} warm run modified {target.relative_to(tree)}")


if __name__ == "__main__":
    main()
