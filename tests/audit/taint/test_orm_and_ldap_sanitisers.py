"""Sanitisers and guards for the ``orm-field`` and ``ldap`` sink classes."""

from __future__ import annotations

from tests.audit.taint.harness import kinds


def test_descending_field_names_checked_against_an_allowlist(tmp_path) -> None:
    code = (
        "ALLOWED = ('name', 'price')\n"
        "def view(request):\n"
        "    sort = request.GET.get('sort', 'name')\n"
        "    if sort.lstrip('-') in ALLOWED:\n"
        "        sink(sort)\n"
        "    if sort.removeprefix('-') == 'name':\n"
        "        sink(sort)\n"
        "    if sort.lstrip('-') not in ALLOWED:\n"
        "        return None\n"
        "    sink(sort)\n"
        "    other = request.GET['other']\n"
        "    if other.lstrip('x') in ALLOWED:\n"
        "        sink(other)\n"
    )
    assert kinds(tmp_path / "f", code, "orm-field") == ["safe", "safe", "safe", "tainted"]
    assert kinds(tmp_path / "s", code, "sql") == ["tainted"] * 4


def test_ldap_escaping(tmp_path) -> None:
    code = (
        "from ldap.filter import escape_filter_chars, filter_format\n"
        "from ldap3.utils.conv import escape_filter_chars as escape3\n"
        "from ldap3.utils.dn import escape_rdn\n"
        "def view(request):\n"
        "    name = request.GET['name']\n"
        "    sink('(uid=%s)' % escape_filter_chars(name))\n"
        "    sink(f'(cn={escape3(name)})')\n"
        "    sink(filter_format('(uid=%s)', [name]))\n"
        "    sink(f'cn={escape_rdn(name)},dc=x')\n"
        "    sink(f'(uid={name})')\n"
    )
    assert kinds(tmp_path / "l", code, "ldap") == ["safe"] * 4 + ["tainted"]
    assert kinds(tmp_path / "h", code, "html") == ["tainted"] * 5
