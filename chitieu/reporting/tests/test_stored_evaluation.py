"""Stored evaluations equal a fresh evaluation after every kind of change (docs/decisions/0036).

Each test makes one kind of change through the path that makes it in the application, then
checks, field by field against ``evaluate_targets`` computed afresh:
- that every stored row still claiming to be fresh equals it (the change marked what it touched);
- that what the pages read (the overview, the scorecards, the indicator page) equals it.
"""

import threading
from decimal import Decimal as D

import lxml.html
import pytest
from django.core.management import call_command
from django.db import connection
from django.urls import reverse

from chitieu.catalog.models import Indicator, Plan, Responsibility, Target
from chitieu.catalog.services import (
    ImportDecisions,
    plan_agency_resolve,
    plan_delete,
    plan_import,
)
from chitieu.importers import read_document
from chitieu.organizations.models import Organization
from chitieu.organizations.selectors import organization_directory
from chitieu.reporting import stored
from chitieu.reporting.choices import Aggregation, FigureStatus, Status
from chitieu.reporting.evaluation import evaluate_targets
from chitieu.reporting.models import EvaluationClock, Figure, ReportingSpec, StoredEvaluation
from chitieu.reporting.selectors import (
    agency_scorecard,
    indicator_status,
    overview,
    plan_targets,
)
from chitieu.reporting.services import figure_transition
from chitieu.reporting.tasks import refresh_evaluations
from chitieu.reporting.views import OVERVIEW_TABLES

SEED_002 = "002_ad4a9c0b18438c67.txt"


# -- the check ----------------------------------------------------------------------------------
def assert_stored_equals_fresh() -> None:
    # what is stored and claims to be fresh equals a fresh evaluation: the change marked it
    assert stored.check() == []
    for plan in Plan.objects.all():
        fresh = {
            e.target.pk: stored.facts(e)
            for e in evaluate_targets(plan_targets(plan), provisional=True)
        }
        ov = overview(plan)
        # the overview page's rows and the exports' and the API's evaluations
        assert [r.target_id for r in ov.rows] == list(fresh)
        for row, e in zip(ov.rows, ov.evaluations, strict=True):
            want = fresh[row.target_id]
            got = stored.facts(e)
            for field, value in want.items():
                assert got[field] == value, (e.target.printed_name, field)
            assert row.status == want["s"] and row.sentence == want["t"]
            assert (row.provisional or {}).get("t") == (want["p"] or {}).get("t")
        # each agency's scorecard (signed only)
        for org in Organization.objects.filter(
            responsibilities__target__plan=plan, responsibilities__role="lead"
        ).distinct():
            card = agency_scorecard(org, plan)
            for e in card.evaluations:
                want = dict(fresh[e.target.pk], p=None)
                assert stored.facts(e) == want, (org.name, e.target.printed_name)
    # the indicator pages
    for ind in Indicator.objects.filter(targets__isnull=False).exclude(targets__kind="").distinct():
        fresh_ind = evaluate_targets(
            list(ind.targets.exclude(kind="").select_related("indicator", "plan")),
            provisional=True,
        )
        want_by = {e.target.pk: stored.facts(e) for e in fresh_ind}
        for e in indicator_status(ind).evaluations:
            assert stored.facts(e) == want_by[e.target.pk], ind.name
    # and now everything read is stored and fresh
    assert stored.stale(Target.objects.exclude(kind="")) == []


def status_of(plan: Plan, indicator: Indicator) -> str:
    ov = overview(plan)
    return next(r.status for r in ov.rows if r.indicator_id == indicator.pk)


@pytest.fixture
def plan(demo):
    return Plan.objects.get(number="130/KH-UBND")


def _step(people, figure, action, who, reason=""):
    return figure_transition(user=people[who], figure=figure, action=action, reason=reason)


# -- after load_demo -----------------------------------------------------------------------------
def test_load_demo_leaves_every_evaluation_stored_and_fresh(demo):
    targets = Target.objects.exclude(kind="")
    assert StoredEvaluation.objects.count() == targets.count() > 100
    assert stored.stale(targets) == []
    assert_stored_equals_fresh()


# -- figures: every step of the workflow ---------------------------------------------------------
def test_every_workflow_step_of_a_figure(enter, people, plan, forest, nnmt):
    before = status_of(plan, forest)
    f = enter(forest, nnmt, "66")  # saved (a draft): nothing changes, but it is marked
    assert stored.stale(forest.targets.all()) == sorted(forest.targets.values_list("pk", flat=True))
    assert_stored_equals_fresh()
    f = enter(forest, nnmt, "66.5")  # saved again
    assert_stored_equals_fresh()
    f = _step(people, f, "submit", "reporter")
    assert_stored_equals_fresh()
    f = _step(people, f, "verify", "reviewer")  # the tạm tính changes
    assert_stored_equals_fresh()
    assert next(r for r in overview(plan).rows if r.indicator_id == forest.pk).provisional
    f = _step(people, f, "approve", "compiler")  # the signed status changes
    assert_stored_equals_fresh()
    after = status_of(plan, forest)
    assert after != before and after == Status.ON_TRACK
    f = _step(people, f, "reopen", "compiler", "sai số")
    assert_stored_equals_fresh()
    assert status_of(plan, forest) == before
    f = _step(people, f, "submit", "reporter")
    f = _step(people, f, "return", "reviewer", "thiếu nguồn")
    assert_stored_equals_fresh()


def test_a_change_to_one_indicator_marks_only_its_targets(enter, people, plan, forest, nnmt):
    targets = Target.objects.exclude(kind="")
    assert stored.stale(targets) == []
    enter(forest, nnmt, "66")
    assert stored.stale(targets) == sorted(
        forest.targets.exclude(kind="").values_list("pk", flat=True)
    )


# -- targets: imported, deleted, agencies resolved, edited ----------------------------------------
def test_a_plan_imported_and_deleted(demo, seed_bytes):
    data = seed_bytes(SEED_002)
    doc = read_document(data, SEED_002, organization_directory())
    skip = {i for i, r in enumerate(doc.rows) if r.error}  # sentences it cannot read
    decisions = ImportDecisions(skip=skip, period_code="2024-2030", number="25/KH-UBND")
    result = plan_import(document=doc, decisions=decisions, source_bytes=data)
    assert result.created and result.plan.targets.exclude(kind="").exists()
    assert_stored_equals_fresh()
    ids = list(result.plan.targets.values_list("pk", flat=True))
    plan_delete(user=None, plan=result.plan)
    assert not StoredEvaluation.objects.filter(target_id__in=ids).exists()
    assert_stored_equals_fresh()


def test_an_agency_resolved_makes_its_approved_figure_count(plan):
    target = plan.targets.exclude(kind="").order_by("position").first()
    org = Organization.objects.create(name="Ban Dân tộc tỉnh Lạng Sơn", kind="agency")
    target.lead_text = f"{target.lead_text}; Ban Dân tộc tỉnh"
    target.unresolved_agencies = ["Ban Dân tộc tỉnh"]
    target.save()
    Figure.objects.create(
        indicator=target.indicator,
        organization=org,
        period_code="2030",
        vintage="official",
        value=D("1000000"),
        status=FigureStatus.APPROVED,
    )
    before = status_of(plan, target.indicator)
    assert_stored_equals_fresh()
    assert plan_agency_resolve(user=None, plan=plan, name="Ban Dân tộc tỉnh", organization=org)
    assert_stored_equals_fresh()
    assert status_of(plan, target.indicator) != before  # its figure now counts


def test_a_target_and_its_lead_agencies_edited_in_the_admin(plan, forest):
    target = plan.targets.get(indicator=forest)
    target.low = D("99")  # the admin's save
    target.save()
    assert_stored_equals_fresh()
    Responsibility.objects.filter(target=target, role="lead").delete()
    assert_stored_equals_fresh()
    forest.direction = "down"
    forest.save()
    assert_stored_equals_fresh()


# -- reporting specs, communes, weights -----------------------------------------------------------
@pytest.fixture
def communes(demo):
    Organization.objects.filter(kind__in=["commune", "ward"]).update(active=False)
    return [
        Organization.objects.create(name=f"Xã Thử {i}", kind="ward" if i == 1 else "commune")
        for i in range(1, 4)
    ]


def _commune_fig(indicator, org, value, period="2026", status=FigureStatus.APPROVED):
    return Figure.objects.create(
        indicator=indicator,
        organization=org,
        period_code=period,
        vintage="official",
        value=D(value),
        status=status,
    )


def test_a_spec_aggregation_changed_and_a_commune_deactivated(plan, communes):
    houses = Indicator.objects.get(name__startswith="Tổng số nhà ở xã hội")
    for c in communes:
        _commune_fig(houses, c, "600")
    assert_stored_equals_fresh()
    spec = ReportingSpec.objects.get(indicator=houses)
    spec.aggregation = Aggregation.SUM  # the admin's save
    spec.save()
    assert_stored_equals_fresh()
    signed = status_of(plan, houses)
    assert signed != Status.NO_DATA  # 3/3 communes: the sum is the province's
    communes[0].active = False
    communes[0].save()
    assert_stored_equals_fresh()
    for i in (4, 5):  # 3 of 4 communes and wards: the sum is no longer the province's
        Organization.objects.create(name=f"Xã Thử {i}", kind="commune")
    assert_stored_equals_fresh()
    assert status_of(plan, houses) == Status.NO_DATA


def test_a_weight_indicators_figure_approved(people, plan, communes):
    water = Indicator.objects.get(name="Tỷ lệ dân số nông thôn sử dụng nước sạch đáp ứng quy chuẩn")
    households = Indicator.objects.create(name="Số hộ (thử)", unit="hộ", key="thu|so-ho")
    spec = ReportingSpec.objects.get(indicator=water)
    spec.aggregation, spec.aggregation_weight = Aggregation.WEIGHTED_MEAN, households
    spec.save()
    for c, rate in zip(communes, ["60", "90", "70"], strict=True):
        _commune_fig(water, c, rate)
    _commune_fig(households, communes[0], "1")
    _commune_fig(households, communes[1], "3")
    weight = _commune_fig(households, communes[2], "1", status=FigureStatus.VERIFIED)
    assert_stored_equals_fresh()
    before = next(r.sentence for r in overview(plan).rows if r.indicator_id == water.pk)
    # approving the weight changes the water target's value though no water figure changed
    _step(people, weight, "approve", "compiler")
    assert stored.stale([plan.targets.get(indicator=water)]) != []
    assert_stored_equals_fresh()
    after = next(r.sentence for r in overview(plan).rows if r.indicator_id == water.pk)
    assert after != before and after.startswith("Đạt 80 % năm 2026 (tổng hợp từ 3/3 xã, phường)")


# -- writes that bypass the signals ---------------------------------------------------------------
def test_a_bulk_update_is_followed_by_touch_or_rebuild(plan, forest, nnmt):
    Figure.objects.create(
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="official",
        value=D("66"),
        status=FigureStatus.VERIFIED,
    )
    status_of(plan, forest)  # read: stored
    Figure.objects.filter(indicator=forest).update(status=FigureStatus.APPROVED)
    assert stored.check() != []  # a bulk update is invisible to the signals...
    stored.touch([forest.pk])  # ...so its writer says which indicators it changed
    assert_stored_equals_fresh()
    Figure.objects.filter(indicator=forest, period_code="2026").update(value=D("50"))
    call_command("evaluations_rebuild", verbosity=0)  # or rebuilds everything
    assert stored.check() == []
    assert_stored_equals_fresh()


def test_the_worker_refreshes_after_an_organisation_changes(plan):
    targets = Target.objects.exclude(kind="")
    org = Organization.objects.get(name="Sở Nông nghiệp và Môi trường")
    org.name = "Sở Nông nghiệp và Môi trường tỉnh"
    org.save()
    # every evaluation is stale (an organisation's name may be in a sentence) and, once the
    # transaction commits, the worker is asked to recompute them before a page does
    assert stored.stale(targets) == sorted(t.pk for t in targets)
    assert any(cb.__name__ == "_enqueue_refresh" for _, cb, _ in connection.run_on_commit)
    refresh_evaluations.enqueue()  # what that callback does (the tests' backend runs it at once)
    assert stored.stale(targets) == []
    assert_stored_equals_fresh()


# -- what a person sees ---------------------------------------------------------------------------
def _row_status(html: str, name: str) -> str:
    """The status shown in the overview's row of the target printed as ``name``."""
    doc = lxml.html.fromstring(html)
    for tr in doc.xpath("//h2[.='Từng mục tiêu']/following-sibling::table[1]/tbody/tr"):
        if tr.xpath("string(td[1])").strip() == name:
            return tr.xpath("string(td[2]/span[contains(@class, 'st')][1])").strip()
    raise AssertionError(f"no row for {name}")


def test_a_figure_changed_and_approved_changes_the_overview_at_once(
    enter, people, client, plan, forest, nnmt
):
    client.force_login(people["compiler"])
    url = reverse("reporting:overview") + f"?ke-hoach={plan.pk}"
    name = plan.targets.get(indicator=forest).printed_name
    assert _row_status(client.get(url).content.decode(), name) == "Chưa có số liệu trong kỳ"
    f = enter(forest, nnmt, "66")
    f = _step(people, f, "submit", "reporter")
    f = _step(people, f, "verify", "reviewer")
    page = client.get(url).content.decode()
    assert _row_status(page, name) == "Chưa có số liệu trong kỳ"  # verified: only tạm tính
    assert "Tạm tính: Đúng tiến độ" in page
    _step(people, f, "approve", "compiler")
    assert _row_status(client.get(url).content.decode(), name) == "Đúng tiến độ"
    f = Figure.objects.get(pk=f.pk)
    _step(people, f, "reopen", "compiler", "nhập nhầm")
    assert _row_status(client.get(url).content.decode(), name) == "Chưa có số liệu trong kỳ"


def test_the_kept_overview_tables_follow_any_change_of_what_they_show_at_once(
    enter, people, client, plan, forest, nnmt
):
    # given: the overview shown once, its tables kept for the plan
    client.force_login(people["compiler"])
    url = reverse("reporting:overview") + f"?ke-hoach={plan.pk}"
    target = plan.targets.get(indicator=forest)
    first = client.get(url).content.decode()
    again = client.get(url).content.decode()  # from the kept tables: the same content
    assert plan.pk in OVERVIEW_TABLES and again.split("<main")[1] == first.split("<main")[1]
    assert f">{nnmt.name}</a>" in first
    # the lead agency renamed outside the services: shown at once
    Organization.objects.filter(pk=nnmt.pk).update(name="Sở Nông nghiệp (tên mới)")
    page = client.get(url).content.decode()
    assert ">Sở Nông nghiệp (tên mới)</a>" in page and f">{nnmt.name}</a>" not in page
    # the target's printed name changed outside the services: shown at once, status kept
    Target.objects.filter(pk=target.pk).update(printed_name="Che phủ rừng (in lại)")
    page = client.get(url).content.decode()
    assert _row_status(page, "Che phủ rừng (in lại)") == "Chưa có số liệu trong kỳ"
    # a stored result changed under the kept tables: the row follows
    f = enter(forest, nnmt, "66")
    _step(
        people,
        _step(people, _step(people, f, "submit", "reporter"), "verify", "reviewer"),
        "approve",
        "compiler",
    )
    assert _row_status(client.get(url).content.decode(), "Che phủ rừng (in lại)") == "Đúng tiến độ"


# -- concurrency ----------------------------------------------------------------------------------
def test_an_older_result_is_never_stored_over_a_newer_one(plan, forest, nnmt):
    target = plan.targets.get(indicator=forest)
    old = StoredEvaluation.objects.get(target=target)
    Figure.objects.create(
        indicator=forest,
        organization=nnmt,
        period_code="2026",
        vintage="official",
        value=D("66"),
        status=FigureStatus.APPROVED,
    )
    status_of(plan, forest)  # recomputed and stored from the newer version
    new = StoredEvaluation.objects.get(target=target)
    assert new.indicator_version > old.indicator_version and new.result != old.result
    # a reader that read the older version finishes late: refused, no error
    old.result = {**old.result, "t": "cũ"}
    stored._store([old])
    assert StoredEvaluation.objects.get(target=target).result == new.result
    # two readers inserting the same missing row: one insert is ignored, no error
    StoredEvaluation.objects.filter(target=target).delete()
    stored._store([new])
    stored._store([new])
    assert StoredEvaluation.objects.filter(target=target).count() == 1
    assert_stored_equals_fresh()


def test_the_versions_only_grow(demo, forest):
    stored.touch([forest.pk, forest.pk, None])
    v = EvaluationClock.objects.get(key=forest.pk).version
    stored.touch([forest.pk])
    assert EvaluationClock.objects.get(key=forest.pk).version == v + 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_readers_and_writers_at_once_never_crash_and_end_fresh(django_user_model):
    call_command("load_demo", verbosity=0)
    plan = Plan.objects.get(number="130/KH-UBND")
    forest = Indicator.objects.get(name="Tỷ lệ che phủ rừng")
    nnmt = Organization.objects.get(name="Sở Nông nghiệp và Môi trường")
    stored.touch_everything()  # every row stale: the readers all recompute the same targets
    errors: list[BaseException] = []
    barrier = threading.Barrier(4)

    def reader():
        try:
            barrier.wait()
            for _ in range(3):
                overview(plan)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    def writer():
        try:
            barrier.wait()
            for value in ("60", "61", "62"):
                f, _ = Figure.objects.update_or_create(
                    indicator=forest,
                    organization=nnmt,
                    period_code="2026",
                    vintage="official",
                    defaults={"value": D(value), "status": "approved"},
                )
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=reader) for _ in range(3)] + [
        threading.Thread(target=writer)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    overview(plan)
    assert stored.check() == []
    assert_stored_equals_fresh()
