"""Sink classes: what kind of interpreter a value ends up in.

A rule asks ``ctx.flow(expr, sink)`` with one of these names; sanitisers are per sink class
(``escape()`` protects ``html`` but not ``sql``), and the universal ones (``int()``…) protect all.

=================  ==============================================================
``sql``            raw SQL text (``cursor.execute``, ``.raw``, ``.extra``, ``RawSQL``)
``orm-kwargs``     keyword names of ORM lookups (``filter(**data)``)
``orm-field``      field names (``order_by``, ``values``, ``annotate`` aliases)
``html``           HTML that will not be escaped again (``mark_safe``, ``HttpResponse``)
``redirect``       redirect targets (``redirect``, ``HttpResponseRedirect``)
``shell``          shell command lines (``os.system``, ``subprocess`` with ``shell=True``)
``code``           Python source (``eval``, ``exec``, ``compile``)
``ldap``           LDAP search filters and DNs
``url``            URLs fetched by the server (SSRF: ``requests.get``, ``urlopen``)
``path``           file-system paths (``open``, ``FileResponse``, storages)
``xml``            XML parsed with entity expansion
``deserialize``    bytes given to ``pickle``/``yaml.load``/``marshal``
``template``       template source compiled from data (``Template(text)``)
=================  ==============================================================
"""

from __future__ import annotations

SQL = "sql"
ORM_KWARGS = "orm-kwargs"
ORM_FIELD = "orm-field"
HTML = "html"
REDIRECT = "redirect"
SHELL = "shell"
CODE = "code"
LDAP = "ldap"
URL = "url"
PATH = "path"
XML = "xml"
DESERIALIZE = "deserialize"
TEMPLATE = "template"

SINK_CLASSES = frozenset({
    SQL, ORM_KWARGS, ORM_FIELD, HTML, REDIRECT, SHELL, CODE, LDAP, URL, PATH, XML,
    DESERIALIZE, TEMPLATE,
})

DESCRIPTIONS = {
    SQL: "SQL", ORM_KWARGS: "ORM lookup keywords", ORM_FIELD: "ORM field names",
    HTML: "HTML marked safe", REDIRECT: "a redirect target", SHELL: "a shell command",
    CODE: "Python code", LDAP: "an LDAP filter", URL: "a URL the server fetches",
    PATH: "a file path", XML: "XML", DESERIALIZE: "deserialised data",
    TEMPLATE: "template source",
}
"""How each sink class is named in messages ("request data reaches SQL")."""


def check_sink(sink: str) -> str:
    """``sink`` itself, or ValueError for a name that is not a sink class (a typo in a rule)."""
    if sink not in SINK_CLASSES:
        raise ValueError(f"unknown sink class {sink!r} (one of: {', '.join(sorted(SINK_CLASSES))})")
    return sink
