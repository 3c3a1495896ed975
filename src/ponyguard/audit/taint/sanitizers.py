"""What makes request data safe: converting calls, escaping functions and guards.

* :data:`UNIVERSAL` calls (``int()``, ``float()``, ``uuid.UUID()``, ``len()``…) return values
  that are safe for every sink.
* :data:`FOR_SINKS` calls make their result safe for some sink classes only
  (``escape()`` → ``html``, ``shlex.quote()`` → ``shell``, ``os.path.basename()`` → ``path``).
  ``format_html(fmt, *args)`` escapes its arguments but not its format string.
  ``posixpath.normpath`` is *not* a sanitiser: it keeps ``../`` at the start of a path.
  :data:`NORMALIZERS` (``os.path.realpath()``, ``abspath()``, ``normpath()``, ``Path.resolve()``)
  only mark their result as a normalised path (:data:`NORMALIZED`), which a containment
  check can then make safe for ``path``.
* ``s.translate(TABLE)`` with a module-level table that maps ``<``, ``>`` and ``&`` to
  something without markup (``{ord("<"): "\\u003C", ...}``, or ``str.maketrans()`` of such a
  dict) escapes ``s`` for ``html`` (:func:`is_escape_table`; Django's ``escapejs``).
* :data:`TRANSPARENT` calls return their arguments' data (``str()``, ``json.loads()``,
  ``os.path.join()``); :data:`SAFE_RESULTS` never return request data (``reverse()``).
  ``urlsplit()``/``urlparse()`` and ``urlunsplit()``/``urlunparse()`` are among them: a URL
  taken apart and put together again keeps its origin (a ``reverse()``d URL stays safe, a
  checked ``next`` stays checked); :data:`FIRST_ARGUMENT` calls (``translate_url()``) return
  the data of their first argument only.
* Query expressions (``F("name")``, ``.desc()``, ``OrderBy(...)``) are safe for ``orm-field``:
  they are not field names (the name inside ``F()`` is judged as ``F()``'s argument).
* Guards (:func:`refine`): inside ``if url_has_allowed_host_and_scheme(url, ...):`` ``url`` is
  safe for ``redirect``; after ``if x not in ALLOWED: return`` (or inside ``if x in ALLOWED:``,
  ``if x == "literal":``, ``if x.isdigit():``, ``assert x in ALLOWED``) ``x`` is safe.
  After ``if not full.startswith(ROOT): raise`` (``is_relative_to()``, or
  ``os.path.commonpath([ROOT, full]) == ROOT``) a *normalised* ``full`` is safe for ``path``;
  after ``if urlparse(url).hostname not in ALLOWED: return`` ``url`` is safe for ``url``.
"""

from __future__ import annotations

import ast
from collections.abc import Callable

from .sources import safe_pattern
from .values import EXPRESSION, FIELD, SAFE, SOURCE, URLARG, Value, join_env, sanitized

Env = dict[str, Value]
Guards = dict[str, tuple[ast.expr, frozenset[str]]]
"""Boolean variables bound to a test: name → (the test, the names it reads)."""
DERIVED = "="
"""Key prefix in :data:`Guards` of a name bound to a value derived from another variable
(``name = sort.lstrip("-")``), rather than to a test."""
FIELD_OF = "@"
"""Key prefix in :data:`Guards` of a name bound to ``model._meta.get_field(name)``: a type
check of that field (``isinstance(field, GeometryField)``) validates ``name``."""
ORM_NAMES = frozenset({"orm-field", "orm-kwargs"})

UNIVERSAL = frozenset({
    "int", "float", "bool", "len", "abs", "round", "hash", "id", "ord", "complex", "hex",
    "oct", "bin", "isinstance", "issubclass", "callable", "hasattr", "uuid.UUID",
    "decimal.Decimal", "math.floor", "math.ceil", "django.utils.text.slugify",
    "django.utils.crypto.constant_time_compare", "hmac.compare_digest",
})
FOR_SINKS: dict[str, frozenset[str]] = {
    **dict.fromkeys((
        "django.utils.html.escape", "django.utils.html.conditional_escape", "html.escape",
        "django.utils.html.escapejs", "django.utils.html.json_script", "bleach.clean",
        "nh3.clean", "django.template.loader.render_to_string", "django.shortcuts.render",
        "django.utils.html.format_html_join", "django.utils.html.urlize",
        "markupsafe.escape", "jinja2.utils.markupsafe.escape", "django.forms.utils.flatatt",
        "markupsafe.Markup.escape", "jinja2.Markup.escape", "jinja2.escape",
        "django.contrib.auth.password_validation.password_validators_help_text_html",
        "django.template.defaultfilters.escape", "django.template.defaultfilters.force_escape",
    ), frozenset({"html"})),
    **dict.fromkeys(("shlex.quote", "pipes.quote", "shlex.join"), frozenset({"shell"})),
    **dict.fromkeys((
        "django.utils.text.get_valid_filename", "os.path.basename", "posixpath.basename",
        "ntpath.basename", "werkzeug.utils.secure_filename", "django.utils._os.safe_join",
        "werkzeug.security.safe_join", "werkzeug.utils.safe_join",
        "django.core.files.storage.default_storage.path",
    ), frozenset({"path"})),
    **dict.fromkeys((
        "ldap.filter.escape_filter_chars", "ldap3.utils.conv.escape_filter_chars",
        "ldap.dn.escape_dn_chars", "ldap.filter.filter_format", "ldap3.utils.dn.escape_rdn",
    ), frozenset({"ldap"})),
    **dict.fromkeys((
        "psycopg2.sql.Identifier", "psycopg2.sql.Literal", "psycopg.sql.Identifier",
        "psycopg.sql.Literal", "django.db.connection.ops.quote_name",
    ), frozenset({"sql"})),
    **dict.fromkeys((
        "urllib.parse.urlencode", "django.utils.http.urlencode", "urllib.parse.quote_plus",
    ), frozenset({"redirect"})),
}
NORMALIZED = "normalized-path"
"""Not a sink class: the mark of a path whose ``..`` segments are resolved, so that a prefix
or common-path check on it proves containment."""
NORMALIZERS = frozenset({
    "os.path.realpath", "os.path.abspath", "os.path.normpath", "posixpath.realpath",
    "posixpath.abspath", "posixpath.normpath", "ntpath.realpath", "ntpath.abspath",
    "ntpath.normpath",
})
NORMALIZING_METHODS = frozenset({"resolve"})
"""``pathlib.Path.resolve()`` (``absolute()`` keeps ``..``)."""
FOR_SINKS.update(dict.fromkeys(NORMALIZERS, frozenset({NORMALIZED})))
FORMAT_HTML = frozenset({"django.utils.html.format_html"})
TRANSPARENT = frozenset({
    "str", "repr", "format", "bytes", "bytearray", "list", "tuple", "set", "frozenset",
    "dict", "sorted", "reversed", "min", "max", "next", "iter", "enumerate", "zip",
    "urllib.parse.unquote", "urllib.parse.unquote_plus", "urllib.parse.urljoin",
    "urllib.parse.urlunparse", "urllib.parse.urlunsplit", "urllib.parse.urlparse",
    "urllib.parse.urlsplit", "os.path.join", "posixpath.join",
    "os.path.expanduser", "os.fspath", "pathlib.Path", "pathlib.PurePath", "json.loads",
    "json.dumps", "base64.b64decode", "base64.urlsafe_b64decode", "base64.b64encode",
    "binascii.unhexlify", "codecs.decode", "textwrap.dedent", "shlex.split",
    "django.utils.encoding.force_str", "django.utils.encoding.smart_str",
    "django.utils.encoding.force_text", "django.utils.encoding.smart_text",
    "django.utils.encoding.force_bytes", "django.utils.encoding.iri_to_uri",
    "django.utils.encoding.uri_to_iri", "django.utils.http.urlsafe_base64_decode",
    "django.utils.safestring.mark_safe", "django.utils.html.mark_safe",
    "django.utils.safestring.SafeString", "django.utils.safestring.SafeText",
    "django.shortcuts.resolve_url", "django.utils.translation.gettext",
    "django.utils.translation.gettext_lazy", "django.utils.translation.ugettext",
    "django.utils.translation.ngettext", "django.utils.translation.ngettext_lazy",
    "django.utils.translation.pgettext", "django.utils.translation.pgettext_lazy",
    "django.utils.translation.npgettext", "django.utils.text.capfirst",
    "django.utils.text.format_lazy", "django.utils.functional.lazystr",
    "django.utils.html.strip_tags", "django.utils.text.Truncator",
    "markupsafe.Markup", "jinja2.Markup", "itertools.chain", "itertools.chain.from_iterable",
})
FIRST_ARGUMENT: dict[str, str] = dict.fromkeys(
    ("django.urls.translate_url", "django.urls.base.translate_url"), "url")
"""Calls that return the data of their first argument only (→ its keyword name):
``translate_url(url, lang_code)`` rebuilds ``url`` around a path reversed in another
language, keeping its scheme and host (``reverse()`` never returns a path starting with
``//``), so ``lang_code`` cannot choose where it points."""
SAFE_RESULTS = frozenset({
    "django.urls.reverse", "django.urls.reverse_lazy", "django.core.urlresolvers.reverse",
    "django.utils.crypto.get_random_string", "uuid.uuid4", "uuid.uuid1", "secrets.token_hex",
    "secrets.token_urlsafe", "secrets.token_bytes", "time.time", "datetime.datetime.now",
    "datetime.date.today", "django.utils.timezone.now", "os.getcwd", "tempfile.mkdtemp",
    "tempfile.gettempdir", "os.environ.get", "os.getenv",
})
"""Calls whose result is never request data (configuration, clocks, random tokens, URLs
reversed from route names)."""
PROPAGATING_METHODS = frozenset({
    "strip", "lstrip", "rstrip", "lower", "upper", "title", "capitalize", "casefold",
    "swapcase", "replace", "format", "format_map", "join", "split", "rsplit", "splitlines",
    "partition", "rpartition", "encode", "decode", "get", "getlist", "pop", "dict", "items",
    "values", "keys", "lists", "copy", "urlencode", "read", "readline", "readlines",
    "chunks", "center", "ljust", "rjust", "zfill", "expandtabs", "translate",
    "removeprefix", "removesuffix", "setdefault", "popitem", "__getitem__", "as_string",
    "resolve", "absolute", "joinpath", "expanduser", "as_posix", "with_suffix",
})
"""Methods whose result carries the data of their receiver and arguments."""
SAFE_METHODS = frozenset({
    "isdigit", "isdecimal", "isnumeric", "isalnum", "isalpha", "isidentifier", "islower",
    "isupper", "isspace", "istitle", "isascii", "startswith", "endswith", "count", "find",
    "rfind", "index", "rindex", "is_valid", "exists", "has_key", "__len__", "__contains__",
    "has_changed", "is_bound", "is_multipart",
})
SANITIZING_METHODS: dict[str, frozenset[str]] = {
    "quote_name": frozenset({"sql"}), "quote_name_unless_alias": frozenset({"sql"}),
    "quote_value": frozenset({"sql"}),
}
"""Methods that quote their argument for one sink class, whatever their receiver
(``connection.ops.quote_name(table)``)."""
SAFE_RESULT_METHODS = frozenset({
    "get_absolute_url", "get_success_url", "get_redirect_url", "get_login_url",
    "get_template_names", "get_admin_url", "get_url",
})
"""Methods that return URLs or names the code configures (Django's generic views, models),
when the project does not define them itself."""
HTML_METHODS = frozenset({
    "render", "render_to_string", "render_html", "__html__", "as_p", "as_table", "as_ul",
    "as_div", "as_widget", "label_tag", "render_js", "render_css", "render_annotated",
})
"""Methods whose result is HTML built by templates or widgets (escaped as it is built);
``render_annotated()`` is a template node's ``render()``."""
BOUND_FIELD_LISTS = frozenset({"visible_fields", "hidden_fields"})
"""Form methods that return bound fields."""
BOUND_FIELD_HTML = frozenset({"errors"})
"""Attributes of a bound field that render as escaped HTML (``str(bf.errors)``); its other
attributes (``bf.data``, ``bf.value()``) are the raw data."""
MUTATORS = frozenset({"append", "extend", "insert", "add", "update", "setdefault",
                      "appendleft", "extendleft"})
"""Methods that put their arguments into the receiver (``parts.append(x)``)."""
ATTRIBUTES_FOR_SINKS: dict[str, frozenset[str]] = {
    "name": frozenset({"path"}), "stem": frozenset({"path"}),
}
"""Attributes safe for some sinks whatever they are read from: ``upload.name`` (Django keeps
only the basename of an uploaded file's name) and ``Path(x).name`` are one path component."""
QUERY_EXPRESSION_PACKAGE = "django.db.models."
"""Classes of this package build query expressions (``F("name")``, ``Lower("name")``,
``OrderBy(...)``): an expression is not a field name, so its result is safe for
``orm-field`` (the names inside it are judged where it is built, as ``F()``'s argument)."""
EXPRESSION_METHODS = frozenset({"asc", "desc"})
"""``F("name").desc()``: an ordering expression, which is not a field name either."""
REDIRECT_GUARDS = frozenset({
    "django.utils.http.url_has_allowed_host_and_scheme", "django.utils.http.is_safe_url",
})
URL_PARSERS = frozenset({"urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse.urlparse",
                         "urlparse.urlsplit"})
_HOST_ATTRS = frozenset({"hostname", "netloc"})
_CONTAINMENT_METHODS = frozenset({"startswith", "is_relative_to"})
_COMMONPATH = frozenset({"os.path.commonpath", "posixpath.commonpath", "ntpath.commonpath"})
_CHECK_METHODS = frozenset({"isdigit", "isdecimal", "isnumeric", "isalnum", "isalpha",
                            "isidentifier", "isascii"})
_TAINT_KINDS = frozenset({SOURCE, URLARG, FIELD})
"""Origins that make a collection unfit as an allowlist. A parameter is not among them: a
helper's ``allowed_sorts`` argument is its callers' allowlist (``sort_queryset(qs, request,
["name", "date"])``), and request data passed *as* the allowlist would be a strange bug."""
DottedOf = Callable[[ast.expr], "str | None"]
Evaluate = Callable[[ast.expr], Value]


HTML_SPECIALS = frozenset("<>&")
"""The characters an HTML escape table must replace."""


def is_escape_table(node: ast.expr, aliases: dict[str, str]) -> bool:
    """A ``str.translate()`` table that escapes HTML: a dict literal (or ``str.maketrans()``
    of one) mapping ``ord("<")``, ``ord(">")`` and ``ord("&")`` (or those characters) to
    replacements without ``<`` and ``>``."""
    if isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords \
            and isinstance(node.func, ast.Attribute) and node.func.attr == "maketrans" \
            and isinstance(node.func.value, ast.Name) and node.func.value.id == "str" \
            and "str" not in aliases:
        node = node.args[0]
    if not isinstance(node, ast.Dict):
        return False
    escaped: set[str] = set()
    for key, replacement in zip(node.keys, node.values, strict=True):
        char = _table_key(key)
        if char not in HTML_SPECIALS:
            continue
        if not (isinstance(replacement, ast.Constant) and (
                replacement.value is None or isinstance(replacement.value, str)
                and not {"<", ">"} & set(replacement.value))):
            return False
        escaped.add(char)
    return escaped == HTML_SPECIALS


def _table_key(key: ast.expr | None) -> str | None:
    """The character a translation table key stands for: ``ord("<")``, ``60`` or ``"<"``."""
    if isinstance(key, ast.Call) and isinstance(key.func, ast.Name) and key.func.id == "ord" \
            and len(key.args) == 1 and isinstance(key.args[0], ast.Constant):
        key = key.args[0]
    if not isinstance(key, ast.Constant):
        return None
    if isinstance(key.value, str) and len(key.value) == 1:
        return key.value
    if isinstance(key.value, int) and not isinstance(key.value, bool) \
            and 0 <= key.value < 0x110000:
        return chr(key.value)
    return None


def refine(test: ast.expr, env: Env, positive: bool, dotted_of: DottedOf,
           evaluate: Evaluate, guards: Guards | None = None, depth: int = 0) -> Env:
    """The environment inside the branch where ``test`` is ``positive``.

    ``guards`` are boolean variables bound to a test (``ok = url_has_allowed_host_and_scheme(
    url, ...)``): ``if ok:`` refines like the test itself. In the branch where a variable is
    falsy (``if not url: return``) it holds no data.
    """
    guards = guards or {}
    if depth > 4:
        return env
    if isinstance(test, ast.UnaryOp) and isinstance(test.op, ast.Not):
        return refine(test.operand, env, not positive, dotted_of, evaluate, guards, depth + 1)
    if isinstance(test, ast.BoolOp):
        if isinstance(test.op, ast.And) == positive:
            for value in test.values:
                env = refine(value, env, positive, dotted_of, evaluate, guards, depth + 1)
            return env
        # One operand decides the branch: keep only what every alternative guarantees.
        alternatives = [refine(v, env, positive, dotted_of, evaluate, guards, depth + 1)
                        for v in test.values]
        return join_env(*alternatives) or env
    if isinstance(test, ast.Name):
        if test.id in guards:
            return refine(guards[test.id][0], env, positive, dotted_of, evaluate, guards,
                          depth + 1)
        if not positive and test.id in env and env[test.id].origins:
            return {**env, test.id: SAFE}
        return env
    checked = _type_checked_field(test, positive, dotted_of, guards)
    if checked is not None:
        return {**env, checked: sanitized(env[checked], ORM_NAMES)} if checked in env else env
    if isinstance(test, ast.Compare) and isinstance(test.left, ast.Name) \
            and DERIVED + test.left.id in guards:
        # ``name = sort.lstrip("-")`` then ``if name in ALLOWED``: what the check proves of
        # ``name`` it proves of ``sort`` as an ORM field name (see _guarded_by_call).
        derived = guards[DERIVED + test.left.id][0]
        env = refine(ast.Compare(derived, test.ops, test.comparators), env, positive,
                     dotted_of, evaluate, guards, depth + 1)
    name, safe_for = _guarded(test, positive, dotted_of, evaluate)
    if name is None:
        return _refine_expression(test, env, positive, dotted_of, evaluate)
    if name not in env:
        return env
    refined = dict(env)
    refined[name] = SAFE if safe_for is None else sanitized(env[name], safe_for)
    return refined


def checked_field_name(node: ast.expr) -> str | None:
    """``name`` in ``model._meta.get_field(name)`` (or ``opts.get_field(name)``): once that
    call returns, ``name`` is the name of one field of the model (it raises
    ``FieldDoesNotExist`` otherwise)."""
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            and node.func.attr == "get_field" and len(node.args) == 1
            and isinstance(node.args[0], ast.Name)):
        return None
    receiver = node.func.value
    options = isinstance(receiver, ast.Attribute) and receiver.attr == "_meta" or (
        isinstance(receiver, ast.Name) and receiver.id in ("opts", "meta", "_meta"))
    return node.args[0].id if options else None


def field_names_checked(node: ast.expr) -> list[str]:
    """The names checked by the ``get_field()`` calls that evaluating ``node`` always makes
    (not those behind ``and``/``or``/``if``-expressions, lambdas or comprehensions)."""
    found: list[str] = []
    pending = [node]
    while pending:
        part = pending.pop()
        name = checked_field_name(part)
        if name is not None:
            found.append(name)
        if isinstance(part, ast.Call):
            pending.extend((part.func, *part.args, *(k.value for k in part.keywords)))
        elif isinstance(part, (ast.Attribute, ast.Starred, ast.Await)):
            pending.append(part.value)
        elif isinstance(part, ast.Subscript):
            pending.extend((part.value, part.slice))
        elif isinstance(part, ast.UnaryOp):
            pending.append(part.operand)
        elif isinstance(part, ast.Compare):
            pending.extend((part.left, *part.comparators))
        elif isinstance(part, (ast.Tuple, ast.List)):
            pending.extend(part.elts)
        elif isinstance(part, ast.BoolOp):
            pending.append(part.values[0])
        elif isinstance(part, ast.IfExp):
            pending.append(part.test)
    return found


def is_test(node: ast.expr, dotted_of: DottedOf) -> bool:
    """Whether ``node`` is a boolean test worth remembering when kept in a variable."""
    if isinstance(node, (ast.Compare, ast.BoolOp)) or (
            isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not)):
        return True
    if isinstance(node, ast.Call):
        func = node.func
        return dotted_of(func) in REDIRECT_GUARDS | {"isinstance", "re.fullmatch", "re.match"} \
            or isinstance(func, ast.Attribute) and func.attr in _CHECK_METHODS
    return False


def expression_key(node: ast.expr) -> str | None:
    """The environment key of an expression a check can prove something of: a chain of
    attributes, constant subscripts and ``.get()`` calls with constant arguments on a name
    (``request.GET["o"]``, ``self.request.GET.get("o")``)."""
    part = node
    while True:
        if isinstance(part, ast.Attribute) or (
                isinstance(part, ast.Subscript) and isinstance(part.slice, ast.Constant)):
            part = part.value
        elif isinstance(part, ast.Call) and isinstance(part.func, ast.Attribute) \
                and part.func.attr == "get" and not part.keywords \
                and all(isinstance(a, ast.Constant) for a in part.args):
            part = part.func.value
        else:
            break
    if part is node or not isinstance(part, ast.Name):
        return None
    return EXPRESSION + ast.unparse(node)


def _refine_expression(test: ast.expr, env: Env, positive: bool, dotted_of: DottedOf,
                       evaluate: Evaluate) -> Env:
    """``if request.GET["o"] in ALLOWED:``: the same expression read again in the branch is
    safe (the evaluator looks such keys up; :func:`~.values.join_env` keeps them only where
    every branch proved them)."""
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return env
    key = expression_key(test.left)
    if key is None:
        return env
    stand_in = ast.Compare(ast.Name(key), test.ops, test.comparators)
    name, safe_for = _guarded(stand_in, positive, dotted_of, evaluate)
    if name != key:
        return env
    value = evaluate(test.left)
    return {**env, EXPRESSION: SAFE,
            key: SAFE if safe_for is None else sanitized(value, safe_for)}


def _type_checked_field(test: ast.expr, positive: bool, dotted_of: DottedOf,
                        guards: Guards) -> str | None:
    """``isinstance(field, GeometryField)`` true, where ``field = model._meta.get_field(
    name)``: ``name`` names a field of that kind, for the ORM sinks."""
    if not (positive and isinstance(test, ast.Call) and dotted_of(test.func) == "isinstance"
            and len(test.args) == 2 and isinstance(test.args[0], ast.Name)):
        return None
    bound = guards.get(FIELD_OF + test.args[0].id)
    return checked_field_name(bound[0]) if bound is not None else None


def is_derived_name(node: ast.expr) -> bool:
    """A value computed from a variable such that checking it checks the variable (kept in
    :data:`Guards` under :data:`DERIVED` + the name it is bound to)."""
    return _descending(node)


def _guarded(test: ast.expr, positive: bool, dotted_of: DottedOf,
             evaluate: Evaluate) -> tuple[str | None, frozenset[str] | None]:
    """The variable a test makes safe in this branch, and for which sinks (None: all)."""
    if isinstance(test, ast.Call):
        if not positive:
            return None, None
        callee = dotted_of(test.func)
        target = test.args[0] if test.args else _keyword(test, "url")
        if callee in REDIRECT_GUARDS and isinstance(target, ast.Name):
            return target.id, frozenset({"redirect", "url"})
        if callee == "isinstance" and isinstance(target, ast.Name) and len(test.args) == 2 \
                and _numeric_types(test.args[1]):
            return target.id, None
        func = test.func
        if isinstance(func, ast.Attribute) and func.attr in _CHECK_METHODS \
                and isinstance(func.value, ast.Name):
            return func.value.id, None
        if callee in ("re.fullmatch", "re.match") and len(test.args) >= 2 \
                and isinstance(test.args[1], ast.Name) and _safe_regex(test.args[0], callee):
            return test.args[1].id, None
        if isinstance(func, ast.Attribute) and func.attr in _CONTAINMENT_METHODS \
                and test.args and _allowlist(test.args[0], evaluate):
            return _normalized(func.value, dotted_of, evaluate), frozenset({"path"})
        return None, None
    if not (isinstance(test, ast.Compare) and len(test.ops) == 1):
        return None, None
    op, right = test.ops[0], test.comparators[0]
    if not isinstance(test.left, ast.Name) or isinstance(right, ast.Call):
        found = _guarded_by_call(test.left, op, right, positive, dotted_of, evaluate)
        if found[0] is not None or not isinstance(test.left, ast.Name):
            return found
    if isinstance(op, (ast.In, ast.NotIn)):
        if isinstance(op, ast.In) == positive and _allowlist(right, evaluate):
            return test.left.id, None
    elif isinstance(op, (ast.Eq, ast.Is, ast.NotEq, ast.IsNot)):
        equal = isinstance(op, (ast.Eq, ast.Is))
        if equal == positive and isinstance(right, ast.Constant):
            return test.left.id, None
    return None, None


def _guarded_by_call(left: ast.expr, op: ast.cmpop, right: ast.expr, positive: bool,
                     dotted_of: DottedOf,
                     evaluate: Evaluate) -> tuple[str | None, frozenset[str] | None]:
    """``urlparse(url).hostname in ALLOWED`` and ``os.path.commonpath([ROOT, p]) == ROOT``;
    ``sort.lstrip("-") in ALLOWED`` (a field name, maybe descending) for ``orm-field``."""
    if _descending(left) and (
            isinstance(op, (ast.In, ast.NotIn)) and isinstance(op, ast.In) == positive
            and _allowlist(right, evaluate)
            or isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(op, ast.Eq) == positive
            and isinstance(right, ast.Constant)):
        return left.func.value.id, frozenset({"orm-field"})  # type: ignore[attr-defined]
    if isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(op, ast.Eq) == positive:
        for side in (left, right):
            if isinstance(side, ast.Call) and dotted_of(side.func) in _COMMONPATH \
                    and side.args and isinstance(side.args[0], (ast.List, ast.Tuple)):
                for element in side.args[0].elts:
                    name = _normalized(element, dotted_of, evaluate)
                    if name is not None:
                        return name, frozenset({"path"})
    if isinstance(left, ast.Attribute) and left.attr in _HOST_ATTRS \
            and isinstance(left.value, ast.Call) and dotted_of(left.value.func) in URL_PARSERS \
            and left.value.args and isinstance(left.value.args[0], ast.Name):
        allowed = (isinstance(op, ast.In) == positive and isinstance(op, (ast.In, ast.NotIn))
                   and _allowlist(right, evaluate)) or (
            isinstance(op, (ast.Eq, ast.NotEq)) and isinstance(op, ast.Eq) == positive
            and isinstance(right, ast.Constant))
        if allowed:
            return left.value.args[0].id, frozenset({"url"})
    return None, None


def _descending(node: ast.expr) -> bool:
    """``name.lstrip("-")`` / ``name.removeprefix("-")``: an ``order_by()`` name without its
    descending sign."""
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
        and node.func.attr in ("lstrip", "removeprefix", "strip") \
        and isinstance(node.func.value, ast.Name) and len(node.args) == 1 \
        and isinstance(node.args[0], ast.Constant) and node.args[0].value == "-"


def _normalized(node: ast.expr, dotted_of: DottedOf, evaluate: Evaluate) -> str | None:
    """The variable whose path a containment check proves, when the checked path is
    normalised: ``full`` (bound to ``realpath(...)``), or ``p`` in ``realpath(p)`` /
    ``realpath(join(ROOT, p))`` / ``(ROOT / p).resolve()``."""
    if isinstance(node, ast.Name):
        value = evaluate(node)
        if value.origins and all(NORMALIZED in o.sanitized for o in value.origins):
            return node.id
        return None
    inner: ast.expr | None = None
    if isinstance(node, ast.Call):
        if node.args and dotted_of(node.func) in NORMALIZERS:
            inner = node.args[0]
        elif isinstance(node.func, ast.Attribute) and node.func.attr in NORMALIZING_METHODS:
            inner = node.func.value
    if inner is None:
        return None
    names = {n.id for n in ast.walk(inner) if isinstance(n, ast.Name) and evaluate(n).origins}
    return names.pop() if len(names) == 1 else None


def _allowlist(node: ast.expr, evaluate: Evaluate) -> bool:
    """A collection whose members are not request data (literals, constants, stored data)."""
    value = evaluate(node)
    return not any(o.kind in _TAINT_KINDS for o in value.origins)


def _numeric_types(node: ast.expr) -> bool:
    names = node.elts if isinstance(node, ast.Tuple) else [node]
    return all(isinstance(n, ast.Name) and n.id in {"int", "float", "bool"} for n in names)


def _safe_regex(node: ast.expr, callee: str) -> bool:
    if not (isinstance(node, ast.Constant) and isinstance(node.value, str)):
        return False
    pattern = node.value
    anchored = callee == "re.fullmatch" or pattern.endswith(("$", "\\Z"))
    return anchored and safe_pattern(pattern)


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == name:
            return keyword.value
    return None
