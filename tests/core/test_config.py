from __future__ import annotations

from pathlib import Path

import pytest

from ponyguard.core.config import Config, apply_environment, find_config_file, load_config
from ponyguard.core.errors import ConfigError
from ponyguard.core.severity import Confidence, Severity


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_pyproject_table_is_found_upwards(tmp_path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ponyguard]\nfail-on = 'high'\n")
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    assert find_config_file(nested) == tmp_path / "pyproject.toml"


def test_pyproject_without_our_table_is_skipped(tmp_path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ponyguard]\n")
    write(tmp_path / "sub" / "pyproject.toml", "[tool.ruff]\n")
    assert find_config_file(tmp_path / "sub") == tmp_path / "pyproject.toml"


def test_dedicated_file_wins(tmp_path) -> None:
    write(tmp_path / "pyproject.toml", "[tool.ponyguard]\n")
    write(tmp_path / "ponyguard.toml", "fail-on = 'critical'\n")
    path = find_config_file(tmp_path)
    assert path == tmp_path / "ponyguard.toml"
    assert load_config(path).fail_on is Severity.CRITICAL


def test_all_keys_are_read(tmp_path) -> None:
    path = write(tmp_path / "pyproject.toml", """
[tool.ponyguard]
select = ["PG1"]
extend-select = ["PG005"]
ignore = "PG111, PG129"
exclude = ["legacy/*"]
extend-exclude = ["vendor"]
fail-on = "medium"
min-confidence = "high"
settings-module = ["mysite.settings.prod"]
baseline = ".ponyguard-baseline.json"
per-file-ignores = { "*/dev.py" = ["PG101"] }
env = { DJANGO_DEBUG = "0" }

[tool.ponyguard.scan]
timeout = 5
""")
    config = load_config(path)
    assert config.select == ("PG1",)
    assert config.ignore == ("PG111", "PG129")
    assert config.fail_on is Severity.MEDIUM
    assert config.min_confidence is Confidence.HIGH
    assert config.settings_modules == ("mysite.settings.prod",)
    assert config.baseline == tmp_path / ".ponyguard-baseline.json"
    assert config.per_file_ignores == {"*/dev.py": ("PG101",)}
    assert config.env == {"DJANGO_DEBUG": "0"}
    assert config.all_excludes == ("legacy/*", "vendor")


def test_unknown_key_suggests_the_closest(tmp_path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.ponyguard]\nfail_on = 'high'\n")
    with pytest.raises(ConfigError, match="did you mean 'fail-on'"):
        load_config(path)


def test_bad_value_is_a_config_error(tmp_path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.ponyguard]\nfail-on = 'severe'\n")
    with pytest.raises(ConfigError, match="fail-on"):
        load_config(path)


def test_broken_toml_is_a_config_error(tmp_path) -> None:
    path = write(tmp_path / "pyproject.toml", "[tool.ponyguard\n")
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(path)


def test_environment_overrides_file() -> None:
    config = apply_environment(Config(fail_on=Severity.LOW),
                               {"PONYGUARD_FAIL_ON": "high", "PONYGUARD_IGNORE": "PG101,PG102"})
    assert config.fail_on is Severity.HIGH
    assert config.ignore == ("PG101", "PG102")
