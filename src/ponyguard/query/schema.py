"""What a query may touch: field paths, their types, and how values are read.

A :class:`Schema` is an explicit allowlist of field paths. A path that is not in it cannot
reach a backend: :meth:`Schema.resolve` raises a positioned :class:`QuerySchemaError` naming
the closest allowed names. Build one by hand (the ``--where`` findings schema does) or from a
Django model with :meth:`Schema.for_model`, which leaves out sensitive fields.
"""

from __future__ import annotations

import difflib
import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from .ast import Position
from .errors import QuerySchemaError
from .limits import Limits

if TYPE_CHECKING:
    from django.db.models import Model

DateOrder = Literal["DMY", "MDY", "YMD"]


class FieldType(enum.Enum):
    """How a field's values are typed and compared."""

    __hash__ = object.__hash__  # members are singletons; Enum's hash is slow

    STRING = "text"
    INTEGER = "integer"
    DECIMAL = "decimal"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATE = "date"
    DATETIME = "datetime"
    ORDERED = "ordered"
    """One of ``choices``, compared by its position in them (``low < high``)."""


@dataclass(frozen=True, slots=True)
class Field:
    """One searchable path and what its values are."""

    path: tuple[str, ...]
    type: FieldType
    nullable: bool = False
    choices: tuple[tuple[object, str], ...] = ()
    """(stored value, label) pairs; a query value must be one of them for ``=`` and ``in``."""
    to_many: bool = False
    """Whether the path crosses a relation that holds several values (M2M, reverse FK, list)."""
    int_range: tuple[int, int] | None = None
    max_digits: int | None = None
    decimal_places: int | None = None
    label: str = ""
    """What error messages call the field (``integer field age``)."""

    def __post_init__(self) -> None:
        if not self.label:
            kind = "choice" if self.choices else self.type.value
            object.__setattr__(self, "label", f"{kind} field {self.name}")

    @property
    def name(self) -> str:
        return "__".join(self.path)


ROOT_NAME = "the query"


@dataclass(frozen=True)
class Schema:
    """The fields one kind of object may be searched by.

    ``model`` is the Django model the :mod:`Q backend <ponyguard.query.backends.q>` filters
    (None for a schema of plain objects). ``date_order`` opts in to non-ISO dates such as
    ``1/4/2011`` read in that order; without it only ISO dates are accepted.
    """

    fields: Mapping[tuple[str, ...], Field]
    model: type[Model] | None = None
    date_order: DateOrder | None = None
    limits: Limits = field(default_factory=Limits)
    name: str = "object"
    _children: Mapping[tuple[str, ...], tuple[str, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        if self.date_order not in (None, "DMY", "MDY", "YMD"):
            raise ValueError("date_order must be 'DMY', 'MDY', 'YMD' or None")
        children: dict[tuple[str, ...], dict[str, None]] = {}
        for path in self.fields:
            for depth in range(len(path)):
                children.setdefault(path[:depth], {})[path[depth]] = None
        object.__setattr__(self, "_children", {k: tuple(v) for k, v in children.items()})

    @classmethod
    def of(cls, fields: Iterable[Field], **options: Any) -> Schema:
        """A schema of these fields (``options`` as for the constructor)."""
        return cls({f.path: f for f in fields}, **options)

    @classmethod
    def for_model(
        cls,
        model: type[Model],
        *,
        include: Sequence[str] | None = None,
        exclude: Sequence[str] = (),
        depth: int = 1,
        date_order: DateOrder | None = None,
        limits: Limits | None = None,
    ) -> Schema:
        """A schema from a Django model: its concrete fields and forward relations.

        Without ``include``: every concrete field of ``model`` and, up to ``depth`` relations
        away, of the models its forward relations (FK, one-to-one, many-to-many) point to,
        minus sensitive fields (names such as password, token, secret, key, hash, otp, salt,
        and the names in a model's ``ponyguard_sensitive_fields``) and minus ``exclude``.
        With ``include``: exactly those paths (``"groups__name"``), which may also name
        reverse relations; a field a model lists in ``ponyguard_sensitive_fields`` is refused
        even then. Needs configured Django settings (the app registry) when called.
        """
        from .django_schema import model_fields

        fields = model_fields(model, include=include, exclude=exclude, depth=depth)
        return cls.of(fields, model=model, date_order=date_order, limits=limits or Limits(),
                      name=model._meta.verbose_name)

    def children(self, prefix: tuple[str, ...] = ()) -> tuple[str, ...]:
        """The names allowed after ``prefix`` (fields and relations), in schema order."""
        return self._children.get(tuple(prefix), ())

    def resolve(self, path: Sequence[str], pos: Position, text: str = "") -> Field:
        """The field at ``path``, or a :class:`QuerySchemaError` at ``pos``."""
        found = self.fields.get(tuple(path))
        if found is not None:
            return found
        for depth in range(len(path)):
            names = self.children(tuple(path[:depth]))
            if path[depth] not in names:
                where = "__".join(path[:depth]) or self.name
                close = difflib.get_close_matches(path[depth], names, n=3, cutoff=0.6)
                if depth:
                    close = ["__".join([*path[:depth], c]) for c in close]
                raise QuerySchemaError(
                    f"unknown field `{path[depth]}` on {where}", line=pos.line,
                    column=pos.column, token=text or "__".join(path), suggestions=close)
        names = self.children(tuple(path))
        raise QuerySchemaError(
            f"`{'__'.join(path)}` is a relation; compare one of its fields", line=pos.line,
            column=pos.column, token=text or "__".join(path),
            suggestions=["__".join([*path, n]) for n in names[:3]])
