"""The findings and the proposed links, computed once for each state of their inputs (decision
0048): every request reads a key (one query), and reuses what this process computed for that key.

Every write to the inputs adds a row to ``ComparisonInputs`` in its own transaction (``touch``,
called by the receivers in ``apps.py``). The key is that table's row count, its last id and that
row's random token, with the number of rows and the largest id of each input table, so rows added
by ``bulk_create`` (which sends no signal) also change it. The key is read before the inputs, so a
write that commits while a request computes leaves that result under the old key: never shown for
the new state.

A row added, not one shared row updated: an update would lock that row until the writer commits,
and a plan import (many targets, each also locking its indicator's evaluation clock) and an
administrator saving one indicator would take the two locks in opposite orders — a deadlock on
PostgreSQL, and every catalog write waiting for a running import. Inserts wait for nobody. The
count tells apart two states with the same last row (a write that commits after a later one); the
token tells apart a row whose id SQLite hands out again after a rollback.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.db import connection

from chitieu.catalog.models import Indicator, Plan, Target

from .models import ComparisonInputs, IndicatorLink, PlanAmendment

# two states: the one being read, and the one a write is just replacing
KEEP = 2
_lock = threading.Lock()
_results: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()


# every PRUNE rows, the rows of one older band of PRUNE ids go (each band by one writer only, so
# two writers never delete the same rows and never wait for each other)
PRUNE = 512


def touch() -> None:
    """Say that the inputs changed: a new row, in the caller's transaction."""
    row = ComparisonInputs.objects.create(token=uuid.uuid4())
    if row.pk % PRUNE == 0:
        ComparisonInputs.objects.filter(pk__gte=row.pk - 2 * PRUNE, pk__lt=row.pk - PRUNE).delete()


# what the findings and the proposed links read (amendments only in case a later change reads them)
INPUTS = (Target, Plan, Indicator, IndicatorLink, PlanAmendment)


def inputs_key() -> tuple[Hashable, ...]:
    """The written rows' count, the last one's id and token, and each input table's row count
    and largest id, in one query."""
    q = connection.ops.quote_name
    log, last = q(ComparisonInputs._meta.db_table), q("id")
    parts = [
        f"(SELECT {q('token')} FROM {log} ORDER BY {last} DESC LIMIT 1)",
        f"(SELECT COUNT(*) FROM {log})",
        f"(SELECT MAX({last}) FROM {log})",
    ]
    for model in INPUTS:
        table, pk = q(model._meta.db_table), q(model._meta.pk.column)
        parts += [f"(SELECT COUNT(*) FROM {table})", f"(SELECT MAX({pk}) FROM {table})"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts))
        row = cursor.fetchone()
    if row[0] is None:
        # no write recorded yet (a fresh or flushed database): start one, so a later write differs
        touch()
        return inputs_key()
    return (str(row[0]), *row[1:])


def remembered[T](name: str, compute: Callable[[], T]) -> T:
    """``compute()`` for the current state of the inputs, computed once per state and process."""
    key = (name, *inputs_key())
    with _lock:
        if key in _results:
            _results.move_to_end(key)
            return _results[key]  # type: ignore[no-any-return]
    result = compute()
    with _lock:
        _results[key] = result
        while len(_results) > KEEP * 2:  # two names share it
            _results.popitem(last=False)
    return result


def forget() -> None:
    """Drop what this process keeps (tests that count queries of a first computation)."""
    with _lock:
        _results.clear()
