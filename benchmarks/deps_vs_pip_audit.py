"""Benchmark: ponyguard's dependency check next to pip-audit on the same requirements file.

Usage: python benchmarks/deps_vs_pip_audit.py [REQUIREMENTS ...]

For each requirements file (by default a few one-line files pinning Django versions from
several series) it runs ``pip-audit -r FILE --no-deps --disable-pip --format json`` when
pip-audit is installed (it needs the network: PyPI's JSON API, which serves OSV data) and
``ponyguard deps FILE`` (offline, bundled data), then prints per file:

* the Django vulnerabilities each names, matched through ids and aliases (CVE, PYSEC, GHSA);
* which only pip-audit names (published after ponyguard's bundled data date, or missing from it)
  and which only ponyguard names (newer than pip-audit's source, or rebuilt from Django's own
  security archive);
* what ponyguard adds that pip-audit cannot: end-of-life series (PG602), not on the latest
  patch (PG603), extended support only (PG604).

pip-audit is not a dependency of ponyguard; ``pip install pip-audit`` to run this.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from ponyguard.deps import audit_deps

DEFAULT_PINS = ("4.2.7", "4.1.13", "5.2.17", "6.1.3")


def pip_audit(requirements: Path) -> tuple[list[set[str]], str | None]:
    """Each Django vulnerability pip-audit names, as its set of ids; or why it did not run."""
    if shutil.which("pip-audit") is None:
        return [], "pip-audit is not installed"
    run = subprocess.run(
        ["pip-audit", "-r", str(requirements), "--no-deps", "--disable-pip", "--format", "json",
         "--progress-spinner", "off"],
        capture_output=True, text=True, timeout=600, check=False)
    try:
        data = json.loads(run.stdout)
    except ValueError:
        return [], f"pip-audit failed (exit {run.returncode}): {run.stderr.strip()[-300:]}"
    vulns = []
    for dependency in data.get("dependencies", []):
        if dependency.get("name", "").lower() != "django":
            continue
        if dependency.get("skip_reason"):
            return [], f"pip-audit skipped Django: {dependency['skip_reason']}"
        for vuln in dependency.get("vulns", []):
            vulns.append({vuln["id"], *vuln.get("aliases", [])})
    return vulns, None


def ponyguard(requirements: Path) -> tuple[list[set[str]], list[str], str]:
    result = audit_deps(requirements)
    vulns, extra = [], []
    for finding in result.findings:
        if finding.rule.id == "PG601" and finding.message.startswith("Django "):
            ids = finding.message.split(" is affected by ", 1)[1].split(";")[0]
            vulns.append({part.strip(" (),") for part in ids.split() if "-" in part})
        elif finding.rule.id in ("PG602", "PG603", "PG604"):
            extra.append(f"{finding.rule.id} {finding.message}")
    return vulns, extra, result.notes[0] if result.notes else ""


def compare(requirements: Path) -> None:
    print(f"== {requirements.name}: {requirements.read_text().strip()}")
    theirs, problem = pip_audit(requirements)
    ours, extra, note = ponyguard(requirements)
    print(f"   ponyguard: {len(ours)} Django vulnerabilities ({note})")
    if problem:
        print(f"   pip-audit: not run: {problem}")
    else:
        matched = [v for v in theirs if any(v & o for o in ours)]
        only_theirs = [v for v in theirs if not any(v & o for o in ours)]
        only_ours = [o for o in ours if not any(v & o for v in theirs)]
        print(f"   pip-audit: {len(theirs)} Django vulnerabilities; both name {len(matched)}")
        for ids in only_theirs:
            print(f"     only pip-audit: {', '.join(sorted(ids))}")
        for ids in only_ours:
            print(f"     only ponyguard: {', '.join(sorted(ids))}")
    for line in extra:
        print(f"   + {line}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("requirements", nargs="*", type=Path)
    args = parser.parse_args(argv)
    files = list(args.requirements)
    with tempfile.TemporaryDirectory() as folder:
        for pin in DEFAULT_PINS if not files else ():
            path = Path(folder) / f"requirements-django-{pin}.txt"
            path.write_text(f"Django=={pin}\n")
            files.append(path)
        for path in files:
            compare(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
