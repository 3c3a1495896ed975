"""Benchmark: audit large real Django codebases from PyPI; print wall time and peak memory.

Usage: python benchmarks/settings_audit.py [--repeat 3]

Downloads the django and wagtail source distributions (pip download, PyPI only) into
benchmarks/.work/, then for each tree measures, in fresh processes:

* the floor: ``ponyguard --version`` (interpreter start-up and import);
* a no-op audit: ``ponyguard audit --select PG000`` naming a settings module that does not
  exist (walk the tree, resolve nothing, run no rule);
* the full audit: ``ponyguard audit`` (resolve every settings module, run every rule).

It prints the best of N wall times and the peak RSS of each, and the time the settings audit
adds over the no-op run, against the target of 0.2 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tarfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
WORK = HERE / ".work"
PACKAGES = {
    "django": ("django==5.2.8", ("sampleproject.settings",)),
    "wagtail": ("wagtail==7.2", ("settings", "settings_ui")),
}
"""Each tree's settings modules. They live under tests/, which a default audit skips as
test-suite settings, so they are named to make the benchmark resolve real settings."""
TARGET_SECONDS = 0.2


def fetch(name: str, requirement: str) -> Path:
    target = WORK / name
    if target.exists():
        return target
    WORK.mkdir(exist_ok=True)
    download = WORK / f"{name}-sdist"
    subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
                    "--no-binary", ":all:", "-d", str(download),
                    requirement], check=True)
    archive = next(download.glob("*.tar.gz"))
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    return target


def measure(command: list[str]) -> tuple[float, float]:
    """Wall seconds and peak RSS (MiB) of one child process (its own rusage, via wait4)."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, _, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = 0
    return wall, usage.ru_maxrss / 1024


def best(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [measure(command) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    exe = [sys.executable, "-m", "ponyguard"]
    floor, floor_mem = best([*exe, "--version"], args.repeat)
    print(f"{'tree':10} {'py files':>8} {'floor s':>8} {'no-op s':>8} {'audit s':>8} "
          f"{'added s':>8} {'peak MiB':>9}  verdict")
    for name, (requirement, modules) in PACKAGES.items():
        tree = fetch(name, requirement)
        named = [arg for module in modules for arg in ("--settings-module", module)]
        files = sum(1 for _ in tree.rglob("*.py"))
        noop, _ = best([*exe, "audit", "--isolated", "--select", "PG000", "--exit-zero",
                        "--settings-module", "ponyguard_benchmark_none", str(tree)], args.repeat)
        full, mem = best([*exe, "audit", "--isolated", "--exit-zero", "--format", "json",
                          *named, str(tree)], args.repeat)
        added = full - noop
        verdict = "ok" if added < TARGET_SECONDS else f"SLOW (target < {TARGET_SECONDS}s)"
        print(f"{name:10} {files:8d} {floor:8.3f} {noop:8.3f} {full:8.3f} {added:8.3f} "
              f"{mem:9.1f}  {verdict}")


if __name__ == "__main__":
    main()
