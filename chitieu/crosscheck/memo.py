"""The findings and the proposed links, computed once for each state of their inputs (decision
0048): every request reads a key (one query), and reuses what this process computed for that key.

The key is the token of ``ComparisonInputs``, which every write to the inputs changes in its own
transaction (``touch``, called by the receivers in ``apps.py``), with the number of rows and the
largest id of each input table, so rows added by ``bulk_create`` (which sends no signal) also
change it. The key is read before the inputs, so a write that commits while a request computes
leaves that result under the old key: never shown for the new state.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.db import IntegrityError, connection, transaction

from chitieu.catalog.models import Indicator, Plan, Target

from .models import ComparisonInputs, IndicatorLink, PlanAmendment

# two states: the one being read, and the one a write is just replacing
KEEP = 2
_lock = threading.Lock()
_results: OrderedDict[tuple[Hashable, ...], Any] = OrderedDict()


def touch() -> None:
    """Say that the inputs changed: a new token, in the caller's transaction."""
    if ComparisonInputs.objects.filter(pk=1).update(token=uuid.uuid4()):
        return
    try:
        with transaction.atomic():
            ComparisonInputs.objects.create(pk=1, token=uuid.uuid4())
    except IntegrityError:  # another transaction created it first
        ComparisonInputs.objects.filter(pk=1).update(token=uuid.uuid4())


# what the findings and the proposed links read (amendments only in case a later change reads them)
INPUTS = (Target, Plan, Indicator, IndicatorLink, PlanAmendment)


def inputs_key() -> tuple[Hashable, ...]:
    """The token and each input table's row count and largest id, in one query."""
    q = connection.ops.quote_name
    parts = [f"(SELECT {q('token')} FROM {q(ComparisonInputs._meta.db_table)} WHERE {q('id')} = 1)"]
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
