"""The statements a figure save runs, in plain SQL (decision 0037, 0047).

A save is answered by the database in a fraction of the time the ORM takes to build its queries
and inserts, so the reads and writes of a save are parameterised statements here. Values go in and
come out through the fields' own conversions (``get_db_prep_save``, the backend's converters), so
they are stored and read exactly as the ORM would store and read them.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Field, Model

from .choices import FigureStatus, Frequency
from .models import Figure

# The states a reporter may change; the others are pending a check or approved and locked.
EDITABLE = (FigureStatus.DRAFT, FigureStatus.RETURNED)

_FREQUENCY_SQL = (
    "SELECT indicator_id, frequency FROM reporting_reportingspec WHERE indicator_id IN ({})"
)
_FIGURE_SQL = (
    "SELECT {} FROM reporting_figure "
    "WHERE indicator_id = %s AND organization_id = %s AND period_code = %s AND vintage = %s"
)
# Every change of a stored figure, single or bulk, is this statement: a row changes only if it is
# still at the revision the writer saw and still editable. On PostgreSQL a row another transaction
# is changing is waited for and then re-checked, so the later writer changes nothing.
_UPDATE_SQL = (
    "UPDATE reporting_figure SET value = %s, comment = %s, source = %s, revision = revision + 1, "
    "entered_by_id = %s, updated_at = %s WHERE id = %s AND revision = %s AND status IN (%s, %s)"
)


def placeholders(n: int) -> str:
    return ", ".join(["%s"] * n)


def frequencies(indicator_ids: Iterable[int]) -> dict[int, str]:
    """How often each indicator is reported (indicators without a spec are reported yearly)."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return {}
    with connection.cursor() as cursor:
        cursor.execute(_FREQUENCY_SQL.format(placeholders(len(ids))), ids)
        found = dict(cursor.fetchall())
    return {i: found.get(i, Frequency.YEAR) for i in ids}


Converter = Callable[[Any, Any, Any], Any]


@functools.cache
def _figure_select(vendor: str) -> tuple[str, list[str], list[tuple[int, Any, list[Converter]]]]:
    """The SELECT of a stored figure, its fields' names, and the backend's and the fields'
    conversions of each column read, as the ORM applies them (one set per database vendor)."""
    fields = Figure._meta.concrete_fields
    sql = _FIGURE_SQL.format(", ".join(connection.ops.quote_name(f.column) for f in fields))
    converters = []
    for n, f in enumerate(fields):
        col = f.get_col(Figure._meta.db_table)
        found = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
        if found:
            converters.append((n, col, found))
    return sql, [f.attname for f in fields], converters


def stored_figure(
    indicator_id: int, organization_id: int, period_code: str, vintage: str
) -> Figure | None:
    """The stored figure of this key, as ``Figure.objects.get`` would load it, or None."""
    sql, names, converters = _figure_select(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, [indicator_id, organization_id, period_code, vintage])
        row = cursor.fetchone()
    if row is None:
        return None
    values = list(row)
    for n, col, found in converters:
        for convert in found:
            values[n] = convert(values[n], col, connection)
    return Figure.from_db(connection.alias, names, values)


def update_checked(
    rows: Sequence[tuple[int, int, Decimal, str, str]], entered_by_id: int | None, now: datetime
) -> int:
    """Change stored figures, each (id, revision seen, value, comment, source), in the order
    given; say how many rows were still at the revision seen and editable."""
    value = Figure._meta.get_field("value")
    at = Figure._meta.get_field("updated_at").get_db_prep_save(now, connection)
    params = [
        (
            value.get_db_prep_save(number, connection),
            comment,
            source,
            entered_by_id,
            at,
            pk,
            revision,
            *EDITABLE,
        )
        for pk, revision, number, comment, source in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(_UPDATE_SQL, params)
        return cursor.rowcount


# Fields whose value is stored as the attribute holds it (text, whole numbers, the id of a related
# row); every other field goes through its own conversion, as the ORM's insert does.
_AS_IS = {"CharField", "TextField", "IntegerField", "PositiveIntegerField", "ForeignKey"}


@functools.cache
def _insert_sql(
    model: type[Model], suffix: str = "", vendor: str = ""
) -> tuple[str, list[tuple[str, Field[Any, Any] | None]]]:
    """The INSERT of a model's row, and for each column its attribute and the field to convert it
    with (None when it is stored as it is)."""
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    quote = connection.ops.quote_name
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)}) "
        f"VALUES ({placeholders(len(fields))}){suffix}"
    )
    plain = [
        (f.attname, None if f.get_internal_type() in _AS_IS and not f.has_default() else f)
        for f in fields
    ]
    return sql, plain


def _params(
    obj: Model, columns: list[tuple[str, Field[Any, Any] | None]], db: Any
) -> tuple[Any, ...]:
    # what the ORM's insert does for each field: pre_save (auto_now, defaults), then the
    # database's form of the value
    return tuple(
        getattr(obj, name) if f is None else f.get_db_prep_save(f.pre_save(obj, True), db)
        for name, f in columns
    )


def insert_all(objs: Sequence[Model]) -> None:
    """Insert new rows of one model in one statement per row, without reading back their ids (the
    audit rows; new figures, whose ids :func:`figure_ids` reads afterwards). Model signals are not
    sent: the callers send ``figures_changed``."""
    if not objs:
        return
    sql, fields = _insert_sql(type(objs[0]), "", connection.vendor)
    with connection.cursor() as cursor:
        db = cursor.db
        cursor.executemany(sql, [_params(o, fields, db) for o in objs])


_ON_CONFLICT = (
    " ON CONFLICT (indicator_id, organization_id, period_code, vintage) DO NOTHING RETURNING id"
)


def figure_insert(figure: Figure) -> bool:
    """Insert a new figure and set its id; False, and nothing written, when a figure of its key is
    stored already (entered meanwhile by another writer). No savepoint is needed to find out."""
    sql, fields = _insert_sql(Figure, _ON_CONFLICT, connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(sql, _params(figure, fields, cursor.db))
        row = cursor.fetchone()
    if row is None:
        return False
    figure.pk = row[0]
    figure._state.adding = False
    figure._state.db = connection.alias
    return True


def figure_ids(
    organization_id: int, keys: set[tuple[int, str, str]]
) -> dict[tuple[int, str, str], int]:
    """The ids of the organisation's figures of these keys (indicator, period, vintage)."""
    if not keys:
        return {}
    indicators = sorted({k[0] for k in keys})
    periods = sorted({k[1] for k in keys})
    sql = (
        "SELECT id, indicator_id, period_code, vintage FROM reporting_figure "
        f"WHERE organization_id = %s AND indicator_id IN ({placeholders(len(indicators))}) "
        f"AND period_code IN ({placeholders(len(periods))})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [organization_id, *indicators, *periods])
        return {(i, p, v): pk for pk, i, p, v in cursor.fetchall() if (i, p, v) in keys}
