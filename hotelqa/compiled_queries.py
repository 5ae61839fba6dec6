"""Querysets that every request runs, compiled to SQL once per process.

Before a view runs, each request reads its session and the user's memberships (with the top bar's
unread count). Building those querysets and compiling them to SQL costs Django about three times
what the database takes to answer them. `CompiledQuery` builds and compiles a queryset once per
database, with marker values where the request's own values go, then runs that SQL with the
request's values and turns the rows into model instances as the queryset would (related objects
from `select_related`, annotations, the database's converters).
"""

import threading
from typing import NamedTuple

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models.query import get_related_populators

# A marker for an id: no row has it, and it appears in no query as anything else.
MARKER_ID = -7_000_000_001


class _Compiled(NamedTuple):
    """A queryset's SQL and what ModelIterable works out from its compiler to make the instances."""

    compiler: object
    sql: str
    params: tuple
    slots: tuple
    model: type
    start: int
    end: int
    init_list: list
    related_populators: list


class CompiledQuery:
    """`CompiledQuery(build, markers)`: `build(*markers)` returns the queryset; `run(*values)` its
    model instances with each marker replaced by the value in its place. Every marker must reach
    the SQL as exactly one parameter, unchanged (ids, keys, datetimes on the field they filter):
    compiling raises ValueError otherwise."""

    def __init__(self, build, markers):
        self.build = build
        self.markers = tuple(markers)
        self._compiled = {}
        self._lock = threading.Lock()

    def run(self, *values, using=DEFAULT_DB_ALIAS):
        compiled = self._compiled.get(using) or self._compile(using)
        params = list(compiled.params)
        for slot, value in zip(compiled.slots, values, strict=True):
            params[slot] = value
        with connections[using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            rows = cursor.fetchall()
        return _instances(compiled, rows, using)

    def _compile(self, using):
        with self._lock:
            if using not in self._compiled:
                compiler = self.build(*self.markers).query.get_compiler(using=using)
                sql, params = compiler.as_sql()
                slots = []
                for marker in self.markers:
                    found = [i for i, param in enumerate(params) if param == marker and type(param) is type(marker)]
                    if len(found) != 1:
                        raise ValueError(f"The marker {marker!r} is {len(found)} parameters of {sql!r}, not one.")
                    slots.append(found[0])
                klass_info, select = compiler.klass_info, compiler.select
                start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
                self._compiled[using] = _Compiled(
                    compiler, sql, tuple(params), tuple(slots), klass_info["model"], start, end,
                    [column[0].target.attname for column in select[start:end]],
                    get_related_populators(klass_info, select, using),
                )
            return self._compiled[using]


def _instances(compiled, rows, using):
    """What ModelIterable makes of a compiled queryset's rows."""
    annotations = compiled.compiler.annotation_col_map.items()
    objects = []
    for row in compiled.compiler.results_iter([rows]):
        obj = compiled.model.from_db(using, compiled.init_list, row[compiled.start : compiled.end])
        for populator in compiled.related_populators:
            populator.populate(row, obj)
        for name, position in annotations:
            setattr(obj, name, row[position])
        objects.append(obj)
    return objects
