"""Where request data enters: the request object, URL arguments, form and serializer fields.

* ``request.GET/POST/COOKIES/FILES/META/headers/body/data/query_params/path/path_info`` and
  ``request.get_full_path()``/``build_absolute_uri()``/``read()``… are request data; so is
  anything read from them (``.get()``, ``.getlist()``, ``.dict()``, ``[...]``).
* ``request`` is a parameter named ``request``, the first parameter of a routed view, or
  ``self.request`` in a class.
* URL arguments: parameters of routed views after ``request``, ``self.kwargs[...]`` and the
  ``**kwargs`` of class-based view handlers. ``int``, ``slug`` and ``uuid`` converters (and
  regex groups of digits/word characters only) make them safe.
* ``form.cleaned_data[...]`` and ``serializer.validated_data[...]``: free-text fields are
  request data; integer, choice, model-choice, date… fields are safe when the form class
  is visible.
"""

from __future__ import annotations

import re

REQUEST_DATA_ATTRS = frozenset({
    "GET", "POST", "COOKIES", "FILES", "META", "headers", "body", "data", "query_params",
    "content_params", "REQUEST", "raw_post_data", "stream",
})
REQUEST_DATA_METHODS = frozenset({"get_raw_uri", "read", "readline", "readlines"})
REQUEST_PATH_ATTRS = frozenset({"path", "path_info"})
REQUEST_PATH_METHODS = frozenset({"get_full_path", "get_full_path_info", "build_absolute_uri"})
"""The URL of the current request: request data, but a redirect to the page that was just
requested cannot leave the site (the request reached a view through its URL pattern), so
these are safe for the ``redirect`` sink class only. ``build_absolute_uri(location)`` still
carries its argument."""
REQUEST_SAFE_ATTRS = frozenset({
    "method", "scheme", "encoding", "is_secure", "is_ajax", "accepts", "get_port",
    "get_host", "resolver_match", "csrf_processing_done", "urlconf",
})
"""Request attributes that are not attacker-chosen text (or not text at all);
``get_host()`` is checked against ALLOWED_HOSTS (PG1xx rules audit that setting)."""

CBV_HANDLERS = frozenset({
    "get", "post", "put", "patch", "delete", "head", "options", "trace", "dispatch", "setup",
    "list", "create", "retrieve", "update", "partial_update", "destroy",
})
"""Methods of class-based views (and DRF viewsets) that receive ``request, *args, **kwargs``."""

VIEW_BASE_HINTS = ("View", "ViewSet", "APIView", "Mixin")
VIEW_PACKAGES = ("django.views.", "django.contrib.auth.views.", "rest_framework.")

SAFE_FIELD_TYPES = frozenset({
    "IntegerField", "FloatField", "DecimalField", "BooleanField", "NullBooleanField",
    "DateField", "DateTimeField", "TimeField", "DurationField", "UUIDField", "SlugField",
    "ChoiceField", "TypedChoiceField", "MultipleChoiceField", "TypedMultipleChoiceField",
    "ModelChoiceField", "ModelMultipleChoiceField", "GenericIPAddressField",
    "IPAddressField", "PrimaryKeyRelatedField", "SlugRelatedField", "HyperlinkedRelatedField",
    "PositiveIntegerField", "SplitDateTimeField",
})
"""Form/serializer field classes whose cleaned value cannot carry attacker-chosen text."""

_PATH_PARAM = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
_NAMED_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>")
SAFE_CONVERTERS = frozenset({"int", "slug", "uuid"})
TAINTED_CONVERTERS = frozenset({"str", "path"})
_SAFE_ATOM = re.compile(
    r"\\d|\\w|\\-|\[(?:\\d|\\w|\\-|[A-Za-z0-9_-])+\]|[A-Za-z0-9_-]"
)
_QUANTIFIER = re.compile(r"[+*?]|\{\d*,?\d*\}")


def path_params(route: str) -> list[tuple[str, str]]:
    """``"post/<int:pk>/<slug>/"`` → ``[("pk", "int"), ("slug", "str")]``."""
    return [(m.group("name"), m.group("converter") or "str") for m in _PATH_PARAM.finditer(route)]


def regex_groups(pattern: str) -> list[tuple[str, str]]:
    """Capturing groups of a ``re_path`` pattern: (name or "", sub-pattern), in order."""
    groups: list[tuple[str, str]] = []
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if char == "(":
            named = _NAMED_GROUP.match(pattern, index)
            if named:
                groups.append((named.group("name"), _group_body(pattern, named.end())))
            elif not pattern.startswith("(?", index):
                groups.append(("", _group_body(pattern, index + 1)))
        index += 1
    return groups


def _group_body(pattern: str, start: int) -> str:
    depth, index = 1, start
    while index < len(pattern) and depth:
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        depth += {"(": 1, ")": -1}.get(char, 0)
        index += 1
    return pattern[start:index - 1]


def safe_pattern(pattern: str) -> bool:
    """A regex that only matches digits, word characters and dashes (``\\d+``, ``[\\w-]+``)."""
    text = _QUANTIFIER.sub("", pattern.removeprefix("^").removesuffix("$").removesuffix("\\Z"))
    return bool(text) and not _SAFE_ATOM.sub("", text)


def converter_safe(converter: str) -> bool | None:
    """True for int/slug/uuid, False for str/path, None for custom converters."""
    if converter in SAFE_CONVERTERS:
        return True
    if converter in TAINTED_CONVERTERS:
        return False
    return None


def is_view_base(dotted: str) -> bool:
    """Whether a base class name marks a class-based view (``django.views.generic.View``…).

    Forms and DRF serializers are not views, although ``rest_framework.`` classes otherwise
    are: a serializer's ``update(self, instance, validated_data)`` takes no URL arguments."""
    last = dotted.rsplit(".", 1)[-1]
    if is_form_class(dotted):
        return False
    return dotted.startswith(VIEW_PACKAGES) or last.endswith(VIEW_BASE_HINTS)


def is_form_class(dotted: str) -> bool:
    last = dotted.rsplit(".", 1)[-1]
    return last.endswith(("Form", "FormSet", "Serializer"))
