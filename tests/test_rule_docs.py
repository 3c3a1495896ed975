from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_generated_rule_docs_are_up_to_date() -> None:
    out = subprocess.run([sys.executable, "scripts/generate_rule_docs.py", "--check"],
                         cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, (
        out.stderr + "\nrun `python scripts/generate_rule_docs.py` and commit docs/rules/")
