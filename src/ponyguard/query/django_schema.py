"""Django model fields → schema :class:`~ponyguard.query.schema.Field` entries.

Imported only by :meth:`Schema.for_model`, so that ``import ponyguard.query`` needs no
configured Django project.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.db.models.fields.reverse_related import ForeignObjectRel

from .schema import Field, FieldType

SENSITIVE_NAME = re.compile(
    r"(password|passwd|passphrase|secret|token|credential|private|api_?key)"
    r"|(^|_)(pwd|pin|key|keys|hash|hashed|otp|totp|hotp|salt|nonce|seed|signature|mfa)(_|$)",
    re.IGNORECASE,
)
"""Field names left out of a default schema: they hold secrets or derive from them."""
SENSITIVE_ATTRIBUTE = "ponyguard_sensitive_fields"
"""A model attribute listing more field names that no schema may ever include."""

_TYPES = {
    "CharField": FieldType.STRING, "TextField": FieldType.STRING,
    "SlugField": FieldType.STRING, "EmailField": FieldType.STRING,
    "URLField": FieldType.STRING, "GenericIPAddressField": FieldType.STRING,
    "FilePathField": FieldType.STRING, "FileField": FieldType.STRING,
    "DecimalField": FieldType.DECIMAL, "FloatField": FieldType.FLOAT,
    "BooleanField": FieldType.BOOLEAN, "NullBooleanField": FieldType.BOOLEAN,
    "DateField": FieldType.DATE, "DateTimeField": FieldType.DATETIME,
}


def is_sensitive(model: type[models.Model], name: str) -> bool:
    """Whether a default schema leaves ``model.name`` out."""
    return bool(SENSITIVE_NAME.search(name)) or marked_sensitive(model, name)


def marked_sensitive(model: type[models.Model], name: str) -> bool:
    return name in set(getattr(model, SENSITIVE_ATTRIBUTE, ()))


def model_fields(model: type[models.Model], *, include: Sequence[str] | None,
                 exclude: Sequence[str], depth: int) -> list[Field]:
    excluded = {tuple(_split(p)) for p in exclude}
    if include is not None:
        fields = [_included(model, _split(p)) for p in include]
    else:
        fields = list(_discover(model, (), False, depth))
    return [f for f in fields
            if not any(f.path[:len(e)] == e for e in excluded)]


def _split(path: str) -> list[str]:
    return [part for dotted in path.split(".") for part in dotted.split("__")]


def _discover(model: type[models.Model], prefix: tuple[str, ...], to_many: bool,
              depth: int) -> Iterator[Field]:
    meta = model._meta
    for django_field in [*meta.concrete_fields, *meta.many_to_many]:
        name = django_field.name
        if is_sensitive(model, name):
            continue
        many = to_many or bool(django_field.many_to_many)
        typed = _typed(django_field, (*prefix, name), many)
        if typed is not None:
            yield typed
        if django_field.is_relation and depth > 0 and django_field.related_model is not None:
            yield from _discover(django_field.related_model, (*prefix, name), many, depth - 1)


def _included(model: type[models.Model], path: list[str]) -> Field:
    many = False
    current: Any = model
    django_field: Any = None
    for index, name in enumerate(path):
        if current is None:
            raise ValueError(f"{'__'.join(path)}: {path[index - 1]} is not a relation")
        if marked_sensitive(current, name):
            raise ValueError(f"{'__'.join(path)}: {current.__name__}.{name} is marked "
                             f"sensitive ({SENSITIVE_ATTRIBUTE})")
        try:
            django_field = current._meta.get_field(name)
        except Exception as exc:  # FieldDoesNotExist
            raise ValueError(f"{'__'.join(path)}: {exc}") from None
        many = many or bool(django_field.many_to_many or django_field.one_to_many)
        current = django_field.related_model if django_field.is_relation else None
    typed = _typed(django_field, tuple(path), many)
    if typed is None:
        raise ValueError(f"{'__'.join(path)}: {type(django_field).__name__} cannot be searched")
    return typed


def _typed(django_field: Any, path: tuple[str, ...], to_many: bool) -> Field | None:
    """The schema field for a model field; a relation compares its target's key."""
    nullable = bool(getattr(django_field, "null", False)) or to_many
    if isinstance(django_field, ForeignObjectRel) or django_field.is_relation:
        target = django_field.related_model._meta.pk
        key = _typed(target, path, to_many)
        if key is None:
            return None
        return Field(path, key.type, nullable=True, to_many=to_many, int_range=key.int_range,
                     label=f"{key.type.value} key {'__'.join(path)}")
    internal = django_field.get_internal_type()
    ranges = BaseDatabaseOperations.integer_field_ranges
    choices = tuple((value, str(label)) for value, label in (django_field.flatchoices or ()))
    if internal in ranges:
        kind, int_range = FieldType.INTEGER, ranges[internal]
    elif internal in _TYPES:
        kind, int_range = _TYPES[internal], None
    else:
        return None
    return Field(
        path, kind, nullable=nullable, choices=choices, to_many=to_many, int_range=int_range,
        max_digits=getattr(django_field, "max_digits", None) if kind is FieldType.DECIMAL
        else None,
        decimal_places=getattr(django_field, "decimal_places", None)
        if kind is FieldType.DECIMAL else None,
        label=f"{'choice' if choices else kind.value} field {'__'.join(path)}",
    )
