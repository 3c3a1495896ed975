"""The same dependency findings, and the data's date, in all four report formats."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from ponyguard.report import HtmlReporter, JsonReporter, SarifReporter, TextReporter
from tests.deps.helpers import check_files

SCHEMA = Path(__file__).resolve().parents[2].parent / "shared/data/sarif-schema-2.1.0.json"
DATE = "2026-11-22"


def result_for(tmp_path):
    return check_files(tmp_path, {"requirements.txt": "# prod\nDjango==4.2.7\n"})


def test_text(tmp_path) -> None:
    text = TextReporter(color=False).render(result_for(tmp_path))
    assert f"note: dependency data: bundled Django release and advisory data of {DATE}" in text
    assert "requirements.txt:2" in text and "CVE-2024-45230" in text and "PG602" in text


def test_json(tmp_path) -> None:
    data = json.loads(JsonReporter().render(result_for(tmp_path)))
    assert data["kind"] == "deps" and DATE in data["notes"][0]
    pg601 = [f for f in data["findings"] if f["rule"] == "PG601"]
    assert pg601 and pg601[0]["location"]["path"] == "requirements.txt"
    assert pg601[0]["location"]["line"] == 2 and pg601[0]["cwe"] == [1395]


def test_sarif_is_valid_and_carries_the_date_and_locations(tmp_path) -> None:
    log = json.loads(SarifReporter().render(result_for(tmp_path)))
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["level"] == "note" and DATE in notes[0]["message"]["text"]
    located = run["results"][0]["locations"][0]["physicalLocation"]
    assert located["artifactLocation"]["uri"] == "requirements.txt"
    assert located["region"]["startLine"] == 2
    assert {"PG601", "PG602", "PG603"} <= {r["ruleId"] for r in run["results"]}


def test_html(tmp_path) -> None:
    page = HtmlReporter().render(result_for(tmp_path))
    assert f"advisory data of {DATE}" in page and "CVE-2024-45230" in page
    assert "requirements.txt:2" in page
