"""Benchmark: recall and false alarms on the labelled vulnerable example app.

Usage: python benchmarks/accuracy.py [--semgrep-config RULES ...] [--tools ponyguard,bandit]

Audits ``examples/vulnerable_app`` with ponyguard and, when they are on PATH, bandit
(``bandit -r -f json``) and semgrep (``semgrep scan --json --config RULES`` for each rule file
or directory given with ``--semgrep-config``; semgrep's rules are never vendored here: their
licence forbids it, so pass your own copy). Every finding is mapped to a vulnerability class
(ponyguard by rule id, bandit by test id, semgrep by keywords of the rule id) and matched
against ``expectations.toml``: a labelled ``[[finding]]`` line is *found* when the tool
reports that class on it (any line of a multi-line report counts), *missed* otherwise; a
``[[safe]]`` look-alike line with a report of its class is a *false alarm*. Reports on lines
that carry no label are counted as *unlabelled* (noise, or a case the labels lack).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "examples" / "vulnerable_app"

CLASSES = {
    "PG201": "sql-injection", "PG202": "sql-injection", "PG203": "sql-injection",
    "PG210": "command-injection", "PG211": "code-injection", "PG212": "ldap-injection",
    "PG213": "ssrf", "PG214": "path-traversal", "PG215": "xxe",
    "PG301": "xss", "PG302": "xss", "PG303": "xss", "PG304": "xss", "PG305": "xss",
    "PG306": "xss", "PG307": "xss",
    "PG401": "open-redirect", "PG402": "csrf",
    "PG403": "mass-assignment", "PG404": "mass-assignment", "PG405": "mass-assignment",
    "PG406": "access-control", "PG407": "access-control",
    "PG501": "deserialization", "PG502": "hardcoded-secret", "PG503": "weak-crypto",
    "PG504": "insecure-upload",
}

BANDIT = {
    "B608": "sql-injection", "B611": "sql-injection", "B610": "sql-injection",
    "B602": "command-injection", "B603": "command-injection", "B604": "command-injection",
    "B605": "command-injection", "B606": "command-injection", "B607": "command-injection",
    "B609": "command-injection",
    "B102": "code-injection", "B307": "code-injection",
    "B310": "ssrf", "B113": "ssrf",
    "B313": "xxe", "B314": "xxe", "B315": "xxe", "B316": "xxe", "B317": "xxe", "B318": "xxe",
    "B319": "xxe", "B320": "xxe", "B405": "xxe", "B406": "xxe", "B407": "xxe", "B408": "xxe",
    "B409": "xxe", "B410": "xxe",
    "B308": "xss", "B703": "xss", "B701": "xss", "B704": "xss",
    "B301": "deserialization", "B302": "deserialization", "B403": "deserialization",
    "B506": "deserialization",
    "B105": "hardcoded-secret", "B106": "hardcoded-secret", "B107": "hardcoded-secret",
    "B303": "weak-crypto", "B304": "weak-crypto", "B311": "weak-crypto", "B324": "weak-crypto",
}

# semgrep rule ids are free text: the first pattern that matches decides the class.
SEMGREP = [
    (r"sql|raw-query|extra", "sql-injection"),
    (r"ldap", "ldap-injection"),
    (r"ssrf|request.*(url|host)|tainted-url", "ssrf"),
    (r"command|subprocess|os-system|shell|popen", "command-injection"),
    (r"eval|exec|code-injection", "code-injection"),
    (r"path-traversal|traversal|open-|file-path|tainted-path", "path-traversal"),
    (r"xxe|xml", "xxe"),
    (r"xss|mark-safe|safe|autoescape|html|template|jinja|markup", "xss"),
    (r"redirect", "open-redirect"),
    (r"csrf", "csrf"),
    (r"mass-assign|all-fields|modelform|serializer", "mass-assignment"),
    (r"pickle|yaml|marshal|deserial|unsafe-load", "deserialization"),
    (r"secret|password|api-key|token|credential", "hardcoded-secret"),
    (r"md5|sha1|random|weak-hash|insecure-hash|crypto", "weak-crypto"),
    (r"upload", "insecure-upload"),
]

Report = tuple[str, str, int, int]  # class, path, first line, last line


def resolve(entry: dict) -> int:
    """The line an expectations entry labels (see tests/test_vulnerable_app.py)."""
    text = (APP / entry["path"]).read_text(encoding="utf-8")
    line = text.count("\n", 0, text.index(entry["anchor"])) + 1
    if "line_anchor" in entry:
        lines = text.splitlines()
        line = next(n for n in range(line, len(lines) + 1)
                    if entry["line_anchor"] in lines[n - 1])
    return line


def run_ponyguard() -> list[Report]:
    sys.path.insert(0, str(ROOT / "src"))
    from ponyguard.audit import audit_project
    from ponyguard.core.config import Config
    from ponyguard.core.severity import Confidence

    everything = Config(min_confidence=Confidence.LOW)  # the labels include low confidence
    return [(CLASSES[f.rule.id], Path(f.location.path).as_posix(), f.location.line,
             f.location.line)
            for f in audit_project(APP, everything).findings if f.rule.id in CLASSES]


def run_bandit() -> list[Report]:
    out = subprocess.run(["bandit", "-r", "-q", "-f", "json", "."], cwd=APP,
                         capture_output=True, text=True)
    reports = []
    for item in json.loads(out.stdout or "{}").get("results", []):
        lines = item.get("line_range") or [item["line_number"]]
        path = Path(item["filename"]).as_posix().removeprefix("./")
        reports.append((BANDIT.get(item["test_id"], f"other:{item['test_id']}"), path,
                        min(lines), max(lines)))
    return reports


def run_semgrep(configs: list[str]) -> list[Report]:
    command = ["semgrep", "scan", "--json", "--quiet", "--metrics=off"]
    for config in configs:
        command += ["--config", config]
    out = subprocess.run([*command, "."], cwd=APP, capture_output=True, text=True)
    reports = []
    for item in json.loads(out.stdout or "{}").get("results", []):
        rule = item["check_id"].lower()
        kind = next((c for p, c in SEMGREP if re.search(p, rule)), f"other:{rule}")
        reports.append((kind, Path(item["path"]).as_posix().removeprefix("./"),
                        item["start"]["line"], item["end"]["line"]))
    return reports


def score(reports: list[Report], findings: list[dict], safe: list[dict]) -> dict:
    covered = defaultdict(set)  # (class, path) -> lines
    for kind, path, first, last in reports:
        covered[(kind, path)].update(range(first, last + 1))
    labelled = {(e["path"], resolve(e)) for e in findings + safe}
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for kind, entries, hit, miss in (("finding", findings, "found", "missed"),
                                     ("safe", safe, "false alarms", None)):
        for entry in entries:
            cls = CLASSES[entry["rule"]]
            line = resolve(entry)
            if kind == "finding":
                table[cls]["expected"] += 1
            reported = line in covered[(cls, entry["path"])]
            if reported:
                table[cls][hit] += 1
            elif miss:
                table[cls][miss] += 1
    for kind, path, first, last in reports:
        if not any((path, n) in labelled for n in range(first, last + 1)):
            table[kind]["unlabelled"] += 1
    return table


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--semgrep-config", action="append", default=[],
                        help="semgrep rule file or directory (repeatable); semgrep runs only "
                             "when given")
    parser.add_argument("--tools", default="ponyguard,bandit,semgrep",
                        help="comma-separated tools to run when available")
    args = parser.parse_args()
    with open(APP / "expectations.toml", "rb") as handle:
        data = tomllib.load(handle)
    findings, safe = data.get("finding", []), data.get("safe", [])

    tools: dict[str, list[Report]] = {}
    wanted = args.tools.split(",")
    if "ponyguard" in wanted:
        tools["ponyguard"] = run_ponyguard()
    if "bandit" in wanted:
        if shutil.which("bandit"):
            tools["bandit"] = run_bandit()
        else:
            print("bandit: not on PATH, skipped")
    if "semgrep" in wanted:
        if not shutil.which("semgrep"):
            print("semgrep: not on PATH, skipped")
        elif not args.semgrep_config:
            print("semgrep: no --semgrep-config given, skipped (rules are never vendored)")
        else:
            tools["semgrep"] = run_semgrep(args.semgrep_config)

    tables = {name: score(reports, findings, safe) for name, reports in tools.items()}
    classes = sorted({CLASSES[e["rule"]] for e in findings + safe})
    others = sorted({k for t in tables.values() for k in t if k not in classes})
    header = f"{'class':<18} {'expected':>8}"
    for name in tables:
        header += f" | {name + ' found/missed/FA/unlab.':>32}"
    print(header)
    print("-" * len(header))
    totals: dict[str, list[int]] = {name: [0, 0, 0, 0] for name in tables}
    expected_total = 0
    for cls in classes + others:
        expected = next((t[cls]["expected"] for t in tables.values() if cls in t), 0)
        expected_total += expected
        row = f"{cls:<18} {expected:>8}"
        for name, table in tables.items():
            cells = [table[cls][k] for k in ("found", "missed", "false alarms", "unlabelled")]
            totals[name] = [a + b for a, b in zip(totals[name], cells, strict=True)]
            row += f" | {'/'.join(str(c) for c in cells):>32}"
        print(row)
    print("-" * len(header))
    row = f"{'total':<18} {expected_total:>8}"
    for name in tables:
        row += f" | {'/'.join(str(c) for c in totals[name]):>32}"
    print(row)
    print(f"\n{len(findings)} labelled vulnerable lines, {len(safe)} safe look-alike lines; "
          "FA = reports of the class on a safe look-alike line, unlab. = reports on lines "
          "without a label.")
    for name, table in tables.items():
        found = sum(table[c]["found"] for c in classes)
        alarms = sum(table[c]["false alarms"] for c in classes)
        print(f"{name}: recall {found}/{expected_total} ({found / expected_total:.0%}), "
              f"{alarms} false alarms on {len(safe)} look-alikes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
