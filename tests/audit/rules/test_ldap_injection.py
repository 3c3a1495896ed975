from __future__ import annotations

from tests.helpers import assert_finds, assert_silent

HEAD = "import ldap\nfrom django.conf import settings\n"


def test_fires_on_python_ldap_filters_built_from_request_data(tmp_path) -> None:
    code = HEAD + (
        "def find_user(request):\n"
        "    username = request.POST['username']\n"
        "    conn = ldap.initialize(settings.LDAP_URL)\n"
        "    conn.search_s('ou=people,dc=example,dc=com', ldap.SCOPE_SUBTREE,\n"
        "                  f'(uid={username})')\n"
        "    conn.search_ext_s('ou=people', ldap.SCOPE_SUBTREE, '(mail=%s)' % username)\n"
        "    conn.search_st('ou=people', ldap.SCOPE_SUBTREE, filterstr='(cn=' + username + ')')\n"
        "    conn.search(f'uid={username},ou=people', ldap.SCOPE_BASE, '(objectClass=*)')\n"
    )
    found = assert_finds(tmp_path, "PG212", {"app/views.py": code}, path="app/views.py",
                         count=4, severity="high", confidence="high")
    assert [f.location.line for f in found] == [6, 8, 9, 10]
    assert found[0].message == (
        "the filter of conn.search_s() comes from request data: "
        "request.POST['username'] (line 4) → `username` (line 4)")
    assert "the base DN of conn.search()" in found[3].message


def test_fires_on_ldap3_searches(tmp_path) -> None:
    code = (
        "from ldap3 import Connection, Server\n"
        "def directory(request):\n"
        "    with Connection(Server('ldap://dir'), auto_bind=True) as conn:\n"
        "        conn.search('dc=example,dc=com', f\"(cn={request.GET['q']})\")\n"
        "        conn.search(search_base='dc=x', search_filter='(sn=%s)' % request.GET['sn'])\n"
        "        conn.extend.standard.paged_search('dc=x', '(uid=' + request.GET['u'] + ')')\n"
    )
    found = assert_finds(tmp_path, "PG212", {"app/views.py": code}, count=3,
                         confidence="high")
    assert [f.location.line for f in found] == [4, 5, 6]


def test_fires_through_a_helper_in_another_module_and_a_cbv(tmp_path) -> None:
    files = {
        "app/__init__.py": "",
        "app/directory.py": HEAD + (
            "def lookup(conn, name):\n"
            "    return conn.search_s('ou=people', ldap.SCOPE_SUBTREE, '(uid=%s)' % name)\n"
        ),
        "app/views.py": (
            "from django.views import View\n"
            "from .directory import lookup\n"
            "class Lookup(View):\n"
            "    def get(self, request):\n"
            "        return lookup(self.conn, request.GET['name'])\n"
        ),
    }
    [finding] = assert_finds(tmp_path, "PG212", files, path="app/directory.py", line=4,
                             confidence="high")
    assert "passed as `name` to `directory.lookup()` (app/views.py:5)" in finding.message


def test_lower_confidence_for_filters_of_unknown_origin(tmp_path) -> None:
    code = HEAD + (
        "def by_name(conn, name):\n"
        "    return conn.search_s('ou=p', ldap.SCOPE_SUBTREE, '(uid=%s)' % name)\n"
        "def by_filter(conn, search_filter):\n"
        "    return conn.search_s('ou=p', ldap.SCOPE_SUBTREE, search_filter)\n"
    )
    found = assert_finds(tmp_path, "PG212", {"app/directory.py": code}, count=2,
                         severity="high")
    assert [(f.location.line, f.confidence.value) for f in found] == [(4, "medium"),
                                                                       (6, "low")]


def test_silent_on_escaped_values_and_literals(tmp_path) -> None:
    code = HEAD + (
        "import re\n"
        "from ldap.filter import escape_filter_chars, filter_format\n"
        "from ldap.dn import escape_dn_chars\n"
        "from ldap3.utils.conv import escape_filter_chars as escape3\n"
        "from django_auth_ldap.config import LDAPSearch\n"
        "USER_SEARCH = LDAPSearch('ou=users,dc=x', ldap.SCOPE_SUBTREE, '(uid=%(user)s)')\n"
        "def view(request):\n"
        "    username = request.POST['username']\n"
        "    conn = ldap.initialize(settings.LDAP_URL)\n"
        "    conn.search_s('ou=people', ldap.SCOPE_SUBTREE,\n"
        "                  '(uid=%s)' % escape_filter_chars(username))\n"
        "    conn.search_s('ou=people', ldap.SCOPE_SUBTREE, f'(cn={escape3(username)})')\n"
        "    conn.search_s('ou=people', ldap.SCOPE_SUBTREE,\n"
        "                  filter_format('(uid=%s)', [username]))\n"
        "    search_filter = filter_format('(&(uid=%s)(mail=%s))', (username, username))\n"
        "    conn.search_ext_s('ou=people', ldap.SCOPE_SUBTREE, search_filter)\n"
        "    conn.search_s(f'uid={escape_dn_chars(username)},ou=people', ldap.SCOPE_BASE)\n"
        "    conn.search_s('ou=people', ldap.SCOPE_SUBTREE, '(objectClass=person)')\n"
        "    re.search('x', username)\n"
        "    return request.user.search('(uid=x)', username)\n"
    )
    assert_silent(tmp_path, "PG212", {"app/views.py": code})


def test_silent_outside_audited_code(tmp_path) -> None:
    code = HEAD + ("def view(request):\n"
                   "    ldap.initialize('x').search_s('o', 2, request.GET['f'])\n")
    assert_silent(tmp_path, "PG212", {"app/tests/test_views.py": code,
                                      "app/migrations/0005_ldap.py": code})
