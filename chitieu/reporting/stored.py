"""Evaluations computed once, stored, and read by the pages (docs/decisions/0036).

A target's evaluation depends on: the target and its lead agencies, the indicator (its name and
direction), the indicator's figures and its reporting spec, the figures of the weight indicator
of a weighted roll-up, and the organisations (their kinds and names, and how many communes and
wards are active). It does not depend on today's date.

Every write of an input bumps a version in its own transaction (:func:`touch`): the indicator's
key for figures, specs, targets, lead agencies and the indicator itself; key 0 for the
organisations. A stored evaluation keeps the versions it read *before* it read its inputs, so it
is fresh while they are unchanged. Readers check that on every read (one query) and recompute the
stale or missing ones themselves before showing them; a page never shows a stale result. Writers
only bump a counter: they never evaluate.

Two readers recomputing the same target at once each store only if what is stored was not
computed from newer versions; neither crashes (an insert that meets another is ignored).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import DatabaseError, connection, transaction
from django.db.models import Prefetch
from django.utils import timezone

from chitieu.catalog.choices import Role as RespRole
from chitieu.catalog.models import Indicator, Responsibility, Target
from chitieu.core.aggregation import Rollup, Rule
from chitieu.organizations.models import Organization

from .counting import COMMUNE_KINDS, Basis, Counted
from .evaluation import (
    Evaluation,
    active_communes,
    counting_figures,
    evaluate_target,
    evaluate_targets,
    rollup_specs,
)
from .models import EvaluationClock, StoredEvaluation

log = logging.getLogger(__name__)

# the clock of everything that is not one indicator's: the organisations
GLOBAL = 0
# Raise when what `evaluate_targets` computes from the same inputs changes (a new sentence, a new
# rule): every stored evaluation of an older algorithm is then stale and recomputed when read.
ALGORITHM = (
    3  # 2: "Mới đạt", the trend flag "k", a year's part-year figures (0053); 3: "đã vượt mức"
)
# a change of this many indicators at once (an upload, a spec for all) is also refreshed on the
# worker, so the next page finds it done
MANY = 20
CHUNK = 500


# -- writers: bump the versions (inside the writer's transaction) ------------------------------
def touch(indicator_ids: Iterable[int | None]) -> None:
    """The inputs of these indicators' evaluations changed: bump their versions (one statement,
    keys in order so that two writers never wait on each other in a cycle)."""
    keys = sorted({int(i) for i in indicator_ids if i is not None})
    if not keys:
        return
    table = connection.ops.quote_name(EvaluationClock._meta.db_table)
    key, version = (connection.ops.quote_name(c) for c in ("key", "version"))
    with connection.cursor() as cursor:
        for start in range(0, len(keys), CHUNK):
            chunk = keys[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {table} ({key}, {version}) VALUES "
                + ", ".join(["(%s, 1)"] * len(chunk))
                + f" ON CONFLICT ({key}) DO UPDATE SET {version} = {table}.{version} + 1",
                chunk,
            )
    if GLOBAL in keys or len(keys) >= MANY:
        _refresh_later()


def touch_targets(target_ids: Collection[int]) -> None:
    """These targets (or their lead agencies) changed: bump their indicators."""
    if target_ids:
        touch(
            Target.objects.filter(pk__in=list(target_ids))
            .values_list("indicator_id", flat=True)
            .distinct()
        )


def touch_everything() -> None:
    """An organisation changed (its kind, its name, whether it is active): every evaluation."""
    touch([GLOBAL])


def _refresh_later() -> None:
    """Once per transaction, after it commits: recompute what is stale on the worker."""
    conn = transaction.get_connection()
    if any(getattr(item[1], "__name__", "") == "_enqueue_refresh" for item in conn.run_on_commit):
        return
    transaction.on_commit(_enqueue_refresh, robust=True)


def _enqueue_refresh() -> None:
    from .tasks import refresh_evaluations

    refresh_evaluations.enqueue()


# -- what is stored, and back -------------------------------------------------------------------
def _dump_counted(c: Counted | None) -> dict[str, Any] | None:
    if c is None:
        return None
    d: dict[str, Any] = {"p": c.period_code, "v": str(c.value), "g": c.vintage, "u": c.unapproved}
    if c.figure is not None:
        d["f"] = c.figure.pk
    if c.rollup is not None:
        r = c.rollup
        d["r"] = [str(r.value), str(r.rule), r.covered, r.expected, list(r.unweighted)]
    return d


def _dump(e: Evaluation) -> dict[str, Any]:
    return {
        "s": e.status,
        "t": e.sentence,
        "v": None if e.value is None else str(e.value),
        "y": e.year,
        "f": e.figure_id,
        "b": str(e.basis),
        "u": e.unapproved,
        "c": _dump_counted(e.counted),
        "o": _dump_counted(e.baseline),
        "p": None if e.provisional is None else _dump(e.provisional),
        "k": e.trend_unknown,
    }


def _load_counted(d: dict[str, Any] | None) -> Counted | None:
    if d is None:
        return None
    r = d.get("r")
    rollup = None if r is None else Rollup(Decimal(r[0]), Rule(r[1]), r[2], r[3], tuple(r[4]))
    return Counted(d["p"], Decimal(d["v"]), d["g"], rollup=rollup, unapproved=d["u"])


def load(d: dict[str, Any], target: Target) -> Evaluation:
    """A stored result as the Evaluation of ``target``."""
    v = d["v"]
    p = d["p"]
    return Evaluation(
        target,
        d["s"],
        d["t"],
        value=None if v is None else Decimal(v),
        year=d["y"],
        counted=_load_counted(d["c"]),
        baseline=_load_counted(d["o"]),
        basis=Basis(d["b"]),
        unapproved=d["u"],
        provisional=None if p is None else load(p, target),
        figure_id=d["f"],
        trend_unknown=d.get("k", False),
    )


def facts(e: Evaluation) -> dict[str, Any]:
    """Everything an evaluation tells, as plain values: what a stored evaluation must equal."""
    out = _dump(e)
    for part in (out, out["p"] or {}):
        for key in ("c", "o"):
            if part.get(key):
                part[key].pop("f", None)  # a stored one keeps only the evaluation's figure id
    return {"target": e.target.pk, **out}


# -- readers -------------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Now:
    version: int  # the organisations' clock
    communes: int


def _clocks(keys: Collection[int]) -> dict[int, int]:
    if not keys:
        return {}
    return dict(EvaluationClock.objects.filter(key__in=list(keys)).values_list("key", "version"))


def _table(model: type[Any]) -> str:
    return str(connection.ops.quote_name(model._meta.db_table))


def _now_sql() -> tuple[str, list[Any]]:
    """The organisations' version and the active communes and wards, as two scalar subqueries."""
    org = Organization._meta
    return (
        f"(SELECT {_q('version')} FROM {_table(EvaluationClock)} WHERE {_q('key')} = %s), "
        f"(SELECT COUNT(*) FROM {_table(Organization)} WHERE {_q(org.get_field('kind').column)}"
        f" IN (%s, %s) AND {_q(org.get_field('active').column)} = %s)",
        [GLOBAL, *COMMUNE_KINDS, True],
    )


def _q(name: str) -> str:
    return str(connection.ops.quote_name(name))


class _Row(NamedTuple):
    indicator_key: int
    indicator_version: int
    weight_key: int | None
    weight_version: int
    global_version: int
    communes: int
    algorithm: int
    result: dict[str, Any]
    now_indicator: int  # the versions now of its indicator and weight indicator
    now_weight: int

    def fresh(self, indicator_id: int, now: _Now) -> bool:
        return (
            self.algorithm == ALGORITHM
            and self.indicator_key == indicator_id
            and self.indicator_version == self.now_indicator
            and (self.weight_key is None or self.weight_version == self.now_weight)
            and self.global_version == now.version
            and self.communes == now.communes
        )


_STORED_COLUMNS = (
    "s.indicator_key, s.indicator_version, s.weight_key, s.weight_version, s.global_version, "
    "s.communes, s.algorithm, s.result"
)


def _joined() -> tuple[str, str, list[Any]]:
    """The stored row's columns with the versions of its keys now and the organisations' now, and
    the joins that give them (on a table aliased ``s``)."""
    c, key, version = _table(EvaluationClock), _q("key"), _q("version")
    now_sql, now_params = _now_sql()
    return (
        f"{_STORED_COLUMNS}, ci.{version}, cw.{version}, {now_sql}",
        f"LEFT JOIN {c} ci ON ci.{key} = s.indicator_key "
        f"LEFT JOIN {c} cw ON cw.{key} = s.weight_key",
        now_params,
    )


def _row(values: Sequence[Any], *, decode: bool = True) -> tuple[_Row | None, _Now]:
    """A stored row as :func:`_joined` selects it (None when nothing is stored), and the now."""
    *row, now_i, now_w, global_v, communes = values
    now = _Now(global_v or 0, communes)
    if row[0] is None:
        return None, now
    result = row[7]
    if decode and isinstance(result, str | bytes):
        row[7] = json.loads(result)
    return _Row(*row, now_i or 0, now_w or 0), now


def _rows(ids: list[int]) -> tuple[dict[int, _Row], _Now | None]:
    """The stored rows with the versions of their keys now, and the organisations' version now
    (one query; plain SQL because the ORM's row building costs more than the query itself at
    three hundred rows). No row, no versions read."""
    if not ids:
        return {}, None
    columns, joins, now_params = _joined()
    out = {}
    now = None
    with connection.cursor() as cursor:
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            cursor.execute(
                f"SELECT s.target_id, {columns} FROM {_table(StoredEvaluation)} s {joins} "
                f"WHERE s.target_id IN ({', '.join(['%s'] * len(chunk))})",
                [*now_params, *chunk],
            )
            for pk, *values in cursor.fetchall():
                row, now = _row(values)
                assert row is not None
                out[pk] = row
    return out, now


class PlanTarget(NamedTuple):
    """A target of a plan (heading rows left out) as the overview shows it, with its result."""

    target_id: int
    indicator_id: int
    name: str  # as the plan printed it
    group: str  # the indicator's group
    amended: bool  # a later document replaced it
    result: dict[str, Any]


def plan_rows(plan_id: int) -> list[tuple[Any, ...]]:
    """The plan's targets (heading rows left out) in the appendix's order, each with what is
    stored for it and the versions its freshness is judged by, as the database gives them (the
    results not decoded): one query, and what :func:`plan_results` reads."""
    columns, joins, now_params = _joined()
    t, i = _table(Target), _table(Indicator)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT t.id, t.indicator_id, t.printed_name, i.{_q('group')}, "
            f"t.superseded_by_id, {columns} FROM {t} t "
            f"JOIN {i} i ON i.id = t.indicator_id "
            f"LEFT JOIN {_table(StoredEvaluation)} s ON s.target_id = t.id {joins} "
            f"WHERE t.plan_id = %s AND t.kind <> '' ORDER BY t.position, t.id",
            [*now_params, plan_id],
        )
        return cursor.fetchall()


def all_fresh(rows: Iterable[Sequence[Any]]) -> bool:
    """Whether every target of :func:`plan_rows` has a stored result that is fresh."""
    for _pk, indicator_id, _name, _group, _by, *values in rows:
        row, now = _row(values, decode=False)
        if row is None or not row.fresh(indicator_id, now):
            return False
    return True


def plan_results(plan_id: int, rows: list[tuple[Any, ...]] | None = None) -> list[PlanTarget]:
    """The plan's targets in the appendix's order with their stored results (the stale or
    missing ones recomputed and stored first): what :func:`results` gives for the plan's
    targets, read with the targets in one query (``rows``, when the caller has read them)."""
    targets = []
    results: dict[int, dict[str, Any]] = {}
    stale = []
    for pk, indicator_id, name, group, by, *values in plan_rows(plan_id) if rows is None else rows:
        row, now = _row(values)
        targets.append((pk, indicator_id, name, group, by is not None))
        if row is not None and row.fresh(indicator_id, now):
            results[pk] = row.result
        else:
            stale.append((pk, indicator_id))
    if stale:
        results.update((pk, _dump(e)) for pk, e in _recompute(stale).items())
    return [PlanTarget(*t, results[t[0]]) for t in targets if t[0] in results]


def _split(pairs: Iterable[tuple[int, int]]) -> tuple[dict[int, dict[str, Any]], list[int]]:
    """The fresh stored results of (target, indicator) pairs, and the targets stale or missing."""
    pairs = list(pairs)
    rows, now = _rows([pk for pk, _ in pairs])
    fresh: dict[int, dict[str, Any]] = {}
    stale = []
    for pk, indicator_id in pairs:
        row = rows.get(pk)
        if row is not None and now is not None and row.fresh(indicator_id, now):
            fresh[pk] = row.result
        else:
            stale.append(pk)
    return fresh, stale


def stale(targets: Iterable[Target]) -> list[int]:
    """The ids of the targets (heading rows left out) whose stored evaluation is stale or
    missing, in order."""
    return sorted(_split((t.pk, t.indicator_id) for t in targets if t.kind)[1])


def results(pairs: Iterable[tuple[int, int]]) -> dict[int, dict[str, Any]]:
    """What is stored for these (target, indicator) pairs, as plain data (:func:`load` makes it an
    Evaluation): the stale or missing ones recomputed and stored first. For pages that show
    statuses and sentences without the targets' model objects."""
    pairs = list(pairs)
    fresh, stale = _split(pairs)
    if stale:
        wanted = set(stale)
        recomputed = _recompute([p for p in pairs if p[0] in wanted])
        fresh.update((pk, _dump(e)) for pk, e in recomputed.items())
    return fresh


def evaluations(targets: Sequence[Target], *, provisional: bool = True) -> list[Evaluation]:
    """The targets' evaluations as ``evaluate_targets(targets, provisional=True)`` gives them now:
    read from what is stored, the stale or missing ones recomputed (and stored) first. Without
    ``provisional`` the signed ones only."""
    fresh, stale = _split((t.pk, t.indicator_id) for t in targets if t.kind)
    by_pk = {t.pk: t for t in targets}
    out: dict[int, Evaluation] = {pk: load(d, by_pk[pk]) for pk, d in fresh.items()}
    if stale:
        out.update(_recompute([(pk, by_pk[pk].indicator_id) for pk in stale], shown=by_pk))
    result = [
        out[t.pk] if t.kind else evaluate_target(t, [])  # a heading row rests on nothing
        for t in targets
    ]
    if not provisional:
        for e in result:
            e.provisional = None
    return result


def _fetch(ids: Collection[int]) -> list[Target]:
    return list(
        Target.objects.filter(pk__in=list(ids))
        .exclude(kind="")
        .select_related("indicator")
        .prefetch_related(_leads())
        .order_by("pk")
    )


def _leads() -> Prefetch:
    return Prefetch(
        "responsibilities",
        queryset=Responsibility.objects.filter(role=RespRole.LEAD).select_related("organization"),
        to_attr="leads",
    )


def _recompute(
    pairs: Sequence[tuple[int, int]], shown: dict[int, Target] | None = None
) -> dict[int, Evaluation]:
    """Evaluate the (target, indicator) pairs afresh and store them. The versions are read before
    the inputs (the targets themselves are read after them), so a change committed meanwhile
    leaves the stored row stale, never wrong. The evaluations come with the caller's targets
    (``shown``) where it has them; a target deleted meanwhile is then evaluated, not stored."""
    guessed = {indicator_id for _, indicator_id in pairs}
    clocks = _clocks(guessed | {GLOBAL})
    communes = active_communes()
    current = _fetch([pk for pk, _ in pairs])
    indicator_ids = {t.indicator_id for t in current}
    specs = rollup_specs(indicator_ids, expected=communes)
    weights = _clocks(
        {s.weight_indicator_id for s in specs.values() if s.weight_indicator_id is not None}
    )
    figures = counting_figures(indicator_ids, specs, Basis.PROVISIONAL)
    computed = evaluate_targets(current, provisional=True, specs=specs, figures=figures)
    at = timezone.now()
    rows = []
    for t, e in zip(current, computed, strict=True):
        spec = specs.get(t.indicator_id)
        weight = spec.weight_indicator_id if spec is not None else None
        rows.append(
            StoredEvaluation(
                target_id=t.pk,
                indicator_key=t.indicator_id,
                # an indicator whose version was not read first (the target was moved to it
                # meanwhile) is stored as never fresh
                indicator_version=clocks.get(t.indicator_id, 0)
                if t.indicator_id in guessed
                else -1,
                weight_key=weight,
                weight_version=weights.get(weight, 0) if weight is not None else 0,
                global_version=clocks.get(GLOBAL, 0),
                communes=communes,
                algorithm=ALGORITHM,
                computed_at=at,
                status=e.status,
                provisional_status=e.provisional.status if e.provisional else "",
                result=_dump(e),
            )
        )
    _store(rows)
    out = {e.target.pk: e for e in computed}
    if shown is None:
        return out
    for e in computed:
        # shown with the caller's target (its plan, its leads as the page read them)
        t = e.target = shown[e.target.pk]
        if e.provisional is not None:
            e.provisional.target = t
    gone = [shown[pk] for pk, _ in pairs if pk not in out]
    if gone:
        out.update((e.target.pk, e) for e in evaluate_targets(gone, provisional=True))
    return out


_STORED = [f.attname for f in StoredEvaluation._meta.concrete_fields if f.attname != "target_id"]


def _store(rows: list[StoredEvaluation]) -> None:
    """Store each row unless what is stored was computed from newer versions: one conditional
    UPDATE a row (sent together), then one INSERT that leaves alone the rows already there (updated
    just now, or newer). On SQLite in one transaction (writers take turns anyway); on PostgreSQL
    each statement on its own, in target order, so two readers storing the same targets never
    wait on each other in a cycle. A failure to store (a database busy past its timeout) is
    logged: the page still shows what was computed."""
    if not rows:
        return
    rows = sorted(rows, key=lambda r: r.target_id)
    conn = transaction.get_connection()
    together = conn.vendor == "sqlite" or conn.in_atomic_block
    fields = [StoredEvaluation._meta.get_field(f) for f in _STORED]
    assign = ", ".join(f"{_q(f.column)} = %s" for f in fields)
    # not newer: another indicator, or an older (or equal) version of each key
    sql = (
        f"UPDATE {_table(StoredEvaluation)} SET {assign} WHERE target_id = %s "
        "AND (indicator_key <> %s OR indicator_version <= %s) AND global_version <= %s "
        "AND (weight_key IS NULL OR weight_key <> %s OR weight_version <= %s)"
    )
    params = []
    for r in rows:
        values = [f.get_db_prep_save(getattr(r, f.attname), conn) for f in fields]
        weight = r.weight_key if r.weight_key is not None else -1  # no key is ever -1
        params.append(
            [
                *values,
                r.target_id,
                r.indicator_key,
                r.indicator_version,
                r.global_version,
                weight,
                r.weight_version,
            ]
        )
    try:
        with transaction.atomic() if together else nullcontext():
            with conn.cursor() as cursor:
                cursor.executemany(sql, params)
            StoredEvaluation.objects.bulk_create(rows, ignore_conflicts=True)
    except DatabaseError:
        log.warning("Không lưu được %d đánh giá đã tính lại", len(rows), exc_info=True)


# -- whole rebuilds ------------------------------------------------------------------------------
def _all_targets() -> Iterator[list[Target]]:
    ids = list(Target.objects.exclude(kind="").order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        yield _fetch(ids[start : start + CHUNK])


def _all_pairs() -> Iterator[list[tuple[int, int]]]:
    pairs = list(Target.objects.exclude(kind="").order_by("pk").values_list("pk", "indicator_id"))
    for start in range(0, len(pairs), CHUNK):
        yield pairs[start : start + CHUNK]


def refresh() -> int:
    """Recompute what is stale or missing (the worker's job after a large change); returns how
    many targets were looked at."""
    n = 0
    for chunk in _all_pairs():
        results(chunk)
        n += len(chunk)
    return n


def rebuild() -> int:
    """Recompute and store every target's evaluation, stale or not: after writes that bypassed
    the versions (bulk loads, raw SQL). Returns how many were stored."""
    n = 0
    for chunk in _all_pairs():
        _recompute(chunk)
        n += len(chunk)
    return n


def check() -> list[str]:
    """Targets whose stored evaluation claims to be fresh but differs from a fresh evaluation (a
    write that bypassed the versions), in words; none on a quiet database. Stale or missing rows
    are not problems: they are recomputed when read."""
    problems = []
    for chunk in _all_targets():
        rows, now = _rows([t.pk for t in chunk])
        fresh = evaluate_targets(chunk, provisional=True)
        for t, e in zip(chunk, fresh, strict=True):
            row = rows.get(t.pk)
            if (
                row is not None
                and now is not None
                and row.fresh(t.indicator_id, now)
                and facts(load(row.result, t)) != facts(e)
            ):
                problems.append(f"Mục tiêu {t.pk} ({t.printed_name}): đã lưu khác với tính lại")
    return problems
