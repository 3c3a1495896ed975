from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

GOOD = "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'https')\n"


def test_fires_on_a_header_name_instead_of_a_meta_key(tmp_path) -> None:
    [finding] = assert_finds(tmp_path, "PG125", {"settings.py": (
        "SECURE_SSL_REDIRECT = True\nSECURE_PROXY_SSL_HEADER = ('X-Forwarded-Proto', 'https')\n")},
        path="settings.py", line=2, severity="medium", confidence="high")
    assert "'HTTP_X_FORWARDED_PROTO'" in finding.message
    assert "redirects HTTPS requests to HTTPS forever" in finding.message
    assert finding.fix is not None and '("HTTP_X_FORWARDED_PROTO", "https")' in finding.fix
    assert finding.key == "SECURE_PROXY_SSL_HEADER"


def test_fires_on_other_misspellings_of_the_meta_key(tmp_path) -> None:
    for case, header in enumerate(["X_FORWARDED_PROTO", "http_x_forwarded_proto",
                                   "HTTP_X-FORWARDED-PROTO", "Front-End-Https"]):
        [finding] = assert_finds(tmp_path / f"c{case}", "PG125", {"settings.py": (
            f"SECURE_PROXY_SSL_HEADER = ({header!r}, 'https')\n")}, confidence="high")
        assert "Django builds http:// links" in finding.message
    assert_finds(tmp_path / "x-custom", "PG125", {"settings.py": (
        "SECURE_PROXY_SSL_HEADER = ['X_MY_PROXY_SCHEME', 'https']\n")}, confidence="medium",
        message_contains="'HTTP_X_MY_PROXY_SCHEME'")


def test_fires_high_when_plain_http_counts_as_secure(tmp_path) -> None:
    [finding] = assert_finds(tmp_path / "http", "PG125", {"settings.py": (
        "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_PROTO', 'http')\n")},
        severity="high", confidence="high")
    assert "plain HTTP count as secure" in finding.message
    assert_finds(tmp_path / "off", "PG125", {"settings.py": (
        "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_SSL', 'off')\n")}, severity="high")


def test_fires_on_a_malformed_value(tmp_path) -> None:
    for case, text in enumerate(["'HTTP_X_FORWARDED_PROTO'", "('HTTP_X_FORWARDED_PROTO',)",
                                 "('HTTP_X_FORWARDED_PROTO', 'https', 'on')", "True"]):
        assert_finds(tmp_path / f"c{case}", "PG125",
                     {"settings.py": f"SECURE_PROXY_SSL_HEADER = {text}\n"},
                     message_contains="not a (header, value) pair")
    assert_finds(tmp_path / "bool-value", "PG125", {"settings.py": (
        "SECURE_PROXY_SSL_HEADER = ('HTTP_X_FORWARDED_SSL', True)\n")},
        message_contains="is not a string")


def test_fires_at_medium_confidence_on_an_env_default(tmp_path) -> None:
    assert_finds(tmp_path, "PG125", {"settings.py": (
        "import os\nSECURE_PROXY_SSL_HEADER = "
        "(os.environ.get('PROXY_HEADER', 'X-Forwarded-Proto'), 'https')\n")},
        confidence="medium", message_contains="unless PROXY_HEADER is set")


def test_silent_on_correct_values_and_look_alikes(tmp_path) -> None:
    assert_silent(tmp_path / "good", "PG125",
                  {"settings.py": "SECURE_SSL_REDIRECT = True\n" + GOOD})
    assert_silent(tmp_path / "list", "PG125", {"settings.py": (
        "SECURE_PROXY_SSL_HEADER = ['HTTP_X_FORWARDED_SSL', 'on']\n")})
    assert_silent(tmp_path / "server-variable", "PG125", {"settings.py": (
        "SECURE_PROXY_SSL_HEADER = ('HTTPS', 'on')\n")})
    assert_silent(tmp_path / "unset", "PG125", {"settings.py": "SECURE_SSL_REDIRECT = True\n"})
    assert_silent(tmp_path / "none", "PG125", {"settings.py": "SECURE_PROXY_SSL_HEADER = None\n"})
    assert_silent(tmp_path / "comment", "PG125", {"settings.py": (
        "# SECURE_PROXY_SSL_HEADER = ('X-Forwarded-Proto', 'https')\n" + GOOD)})
    assert_silent(tmp_path / "similar", "PG125", {"settings.py": (
        "PROXY_SSL_HEADER_DOC = ('X-Forwarded-Proto', 'http')\n")})
    assert_silent(tmp_path / "safe-env", "PG125", {"settings.py": (
        "import os\nSECURE_PROXY_SSL_HEADER = "
        "(os.environ.get('PROXY_HEADER', 'HTTP_X_FORWARDED_PROTO'), 'https')\n")})


def test_silent_when_the_profile_sets_the_variable(tmp_path) -> None:
    assert_silent(tmp_path, "PG125", {"settings.py": (
        "import os\nSECURE_PROXY_SSL_HEADER = "
        "(os.environ.get('PROXY_HEADER', 'X-Forwarded-Proto'), 'https')\n")},
        env={"PROXY_HEADER": "HTTP_X_FORWARDED_PROTO"})


def test_silent_when_unknown(tmp_path) -> None:
    assert_silent(tmp_path / "value", "PG125", {"settings.py": (
        "import os\nSECURE_PROXY_SSL_HEADER = os.environ['PROXY_HEADER']\n")})
    assert_silent(tmp_path / "item", "PG125", {"settings.py": (
        "import os\nSECURE_PROXY_SSL_HEADER = (os.environ['PROXY_HEADER'], 'https')\n")})
    assert_silent(tmp_path / "rest", "PG125", {"settings.py": (
        "from proxy import pair\nSECURE_PROXY_SSL_HEADER = (*pair,)\n")})
