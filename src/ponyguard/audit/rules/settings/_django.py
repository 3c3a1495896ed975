"""Django's deploy checks, tri-state: the helpers behind the PG1xx rules that mirror them.

Django's checks in ``django/core/checks/security/`` test membership with ``"…" in
settings.MIDDLEWARE`` / ``settings.INSTALLED_APPS`` (the exact dotted path: a subclass under
another name does not count) and most boolean settings with ``is True``. Here both are
tri-state: ``None`` when the resolved value cannot be known (an unknown part, a value computed
in a way ponyguard does not model), so a rule stays silent instead of guessing. The legacy
``MIDDLEWARE_CLASSES`` is not read: Django ≥ 2.0 ignores it, and so do its checks.

Most of these checks are cascades: a setting matters only when a middleware or app is
installed. :func:`precondition_confidence` lowers the confidence when the precondition rests on
an unset variable's default (``_support.report`` already does so for the reported value), not
counting variables that only switch other items of the list (:meth:`Value.settled`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import replace
from typing import Any

from ....core.finding import Finding
from ....core.rule import Rule
from ....core.severity import Confidence, Severity
from ...settings.values import Value, contains, is_unknown
from ...settings.view import SettingsView
from ._support import report, report_state, truth

SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware"
XFRAME_MIDDLEWARE = "django.middleware.clickjacking.XFrameOptionsMiddleware"
SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware"
AUTH_MIDDLEWARE = "django.contrib.auth.middleware.AuthenticationMiddleware"
SESSIONS_APP = "django.contrib.sessions"


def middleware_value(view: SettingsView) -> Value:
    """MIDDLEWARE as the project sets it, or Django's default (``[]``)."""
    return view.value("MIDDLEWARE")


def has_middleware(view: SettingsView, path: str) -> bool | None:
    """Whether ``path`` is in MIDDLEWARE (None when the list is not fully known)."""
    return _member(middleware_value(view).data, path)


def has_app(view: SettingsView, app: str) -> bool | None:
    """Whether ``app`` is in INSTALLED_APPS (None when the list is not fully known)."""
    return _member(view.value("INSTALLED_APPS").data, app)


def _member(data: Any, item: str) -> bool | None:
    # Django iterates the setting; a string or dict here is a misconfiguration we do not model.
    if not isinstance(data, (list, tuple)) and not is_unknown(data):
        return None
    return contains(data, item)


def precondition_confidence(view: SettingsView, *names: str,
                            holds: Mapping[str, Callable[[Any], bool | None]] | None = None
                            ) -> Confidence | None:
    """MEDIUM when a setting a cascade depends on rests on an unset variable's default.

    ``holds`` gives, per setting, the precondition on its data (SecurityMiddleware is in
    MIDDLEWARE), so that a variable whose ``if`` cannot change it does not count.
    """
    for name in names:
        value = view.value(name)
        if holds is not None and name in holds:
            value = value.settled(holds[name])
        if value.env_defaulted:
            return Confidence.MEDIUM
    return None


def listing(item: str) -> Callable[[Any], bool | None]:
    """The precondition "``item`` is in the list", for :func:`precondition_confidence`."""
    return lambda data: _member(data, item)


def not_listing(item: str) -> Callable[[Any], bool | None]:
    """The finding "``item`` is not in the list", for ``_support.report(holds=…)``."""
    return lambda data: _member(data, item) is False


def middleware_setting(view: SettingsView, path: str, name: str
                       ) -> tuple[Value, Confidence | None] | None:
    """Setting ``name``, which middleware ``path`` acts on, with the cascade's confidence.

    None when the middleware is not known to be installed or the value cannot be known.
    """
    if has_middleware(view, path) is not True:
        return None
    value = view.value(name)
    if is_unknown(value.data):
        return None
    return value, precondition_confidence(view, "MIDDLEWARE",
                                          holds={"MIDDLEWARE": listing(path)})


SettingCheck = Callable[[SettingsView, Value, Confidence | None], Iterable[Finding]]


def on_middleware_setting(rule: Rule, path: str, name: str
                          ) -> Callable[[SettingCheck], SettingCheck]:
    """Register ``check(view, value, confidence)`` as ``rule``'s settings callback, run with
    :func:`middleware_setting`'s answer, and only when there is one."""

    def register(check: SettingCheck) -> SettingCheck:
        @rule.on("settings")
        def run(view: SettingsView) -> Iterator[Finding]:
            found = middleware_setting(view, path, name)
            if found is not None:
                yield from check(view, *found)

        return check

    return register


def is_exactly_true(data: Any) -> bool | None:
    """Django's ``setting is True``: None when the value is unknown."""
    if is_unknown(data):
        return None
    return data is True


def describe(name: str, value: Value) -> str:
    """``"X is False"``, or ``"X is not set (Django's default is False)"``."""
    if value.is_default:
        return f"{name} is not set (Django's default is {value.data!r})"
    return f"{name} is {value.data!r}"


def lower(severity: Severity) -> Severity:
    """One step down the severity scale, INFO at the bottom."""
    order = list(Severity)
    return order[max(order.index(severity) - 1, 0)]


def not_true(
    rule: Rule,
    view: SettingsView,
    name: str,
    django_id: str,
    *,
    problem: str,
    fix: str,
    message: str | None = None,
    confidence: Confidence | None = None,
) -> Finding | None:
    """A finding when boolean setting ``name`` is known and is not ``True``, else None.

    A falsy value is the real problem (``message`` or "NAME is False" + ``problem``). A truthy
    value that is not the boolean ``True`` (``"False"`` from an uncast environment variable)
    switches the feature on at runtime, but Django's check still reports it: that is reported
    one severity lower, with the advice to use a real boolean.
    """
    value = view.value(name)
    exact = is_exactly_true(value.data)
    if exact is None or exact:
        return None
    truthy = truth(value.data)
    if truthy is None:
        return None
    if not truthy:
        text = message if message is not None else describe(name, value)
        return report_state(rule, view, value, text, problem, key=name, fix=fix,
                            confidence=confidence)
    extra = ""
    if isinstance(value.data, str):
        extra = " (any non-empty string counts as on, even 'False')"
    # An uncast environment value is a string whether or not the variable is set: the
    # finding does not rest on the variable's default, so no "unless" clause here.
    return report(
        rule, view, replace(value, env=()),
        f"{name} is {value.data!r}, not the boolean True: Django treats it as on{extra}, "
        f"but `manage.py check --deploy` still reports {django_id}",
        key=f"{name}:not-bool",
        fix=f"Use a real boolean: {name} = True (cast environment values, e.g. "
            f"env.bool(...) or config(..., cast=bool)).",
        severity=lower(rule.severity),
        confidence=confidence,
    )


def hsts_flag_not_true(rule: Rule, view: SettingsView, name: str, django_id: str, *,
                       problem: str, fix: str) -> Finding | None:
    """Django's HSTS-option checks (W005, W021): ``name`` is not True while
    SecurityMiddleware is installed and SECURE_HSTS_SECONDS is on."""
    if has_middleware(view, SECURITY_MIDDLEWARE) is not True:
        return None
    if truth(view.value("SECURE_HSTS_SECONDS").data) is not True:
        return None
    return not_true(rule, view, name, django_id, problem=problem, fix=fix,
                    confidence=precondition_confidence(
                        view, "MIDDLEWARE", "SECURE_HSTS_SECONDS",
                        holds={"MIDDLEWARE": listing(SECURITY_MIDDLEWARE),
                               "SECURE_HSTS_SECONDS": truth}))


def session_cookie_not_true(rule: Rule, view: SettingsView, name: str,
                            django_ids: tuple[str, str, str], *, problem: str, fix: str
                            ) -> Finding | None:
    """Django's session-cookie checks (W010–W015): ``name`` is not True while sessions are in
    use.

    ``django_ids`` are Django's ids for (app, middleware, both), e.g. W010/W011/W012: Django
    names the app, the middleware, or, when both are there, only the setting; so does the
    message. Unknown membership is never counted as present: silent unless
    ``django.contrib.sessions`` or SessionMiddleware is known to be installed.
    """
    app = has_app(view, SESSIONS_APP) is True
    middleware = has_middleware(view, SESSION_MIDDLEWARE) is True
    if app and middleware:
        prefix, django_id = "", django_ids[2]
    elif app:
        prefix, django_id = f"'{SESSIONS_APP}' is in INSTALLED_APPS, but ", django_ids[0]
    elif middleware:
        prefix, django_id = f"'{SESSION_MIDDLEWARE}' is in MIDDLEWARE, but ", django_ids[1]
    else:
        return None
    return not_true(rule, view, name, django_id,
                    message=prefix + describe(name, view.value(name)), problem=problem,
                    fix=fix, confidence=precondition_confidence(
                        view, *(["INSTALLED_APPS"] if app else []),
                        *(["MIDDLEWARE"] if middleware else []),
                        holds={"INSTALLED_APPS": listing(SESSIONS_APP),
                               "MIDDLEWARE": listing(SESSION_MIDDLEWARE)}))
