"""The late-project ranking, the growth link, the monthly meeting and the plan's own sums, read from
seed 004's projects with the demo history (approved through October 2026)."""

from __future__ import annotations

import json
from decimal import Decimal as D
from io import StringIO

import pytest
from django.core.management import call_command

from chitieu.investment import selectors
from chitieu.investment.models import Project
from chitieu.organizations.models import Organization

pytestmark = pytest.mark.django_db


def test_the_measuring_month_is_the_last_approved_one(seeded):
    assert selectors.latest_month(2026) == 10


def test_projects_holding_growth_back_are_ranked_by_capital_stuck(seeded):
    rows = selectors.holding_back(year=2026, as_of_month=10)
    stuck = [r.progress.stuck for r in rows]
    assert stuck == sorted(stuck, reverse=True)
    # the Đồng Đăng - Trà Lĩnh expressway: 1.600 planned, the most money behind its path
    assert rows[0].project.code == "HT10"
    assert rows[0].progress.stuck > D(500)
    # Cảng cạn Yên should have started by 31/7/2026 and has not: 92 days late at 31/10
    port = next(r for r in rows if r.project.code == "NN18")
    assert "Mốc khởi công chậm 92 ngày." in port.reasons
    # projects on their path are not listed
    listed = {r.project.code for r in rows}
    assert "HT04" not in listed


def test_filters_narrow_the_ranking(seeded):
    ppp = selectors.holding_back(year=2026, as_of_month=10, filters=selectors.Filters(source="ppp"))
    assert {r.project.source for r in ppp} == {"ppp"}
    agency = Project.objects.get(code="NN18").agency
    by_agency = selectors.holding_back(
        year=2026, as_of_month=10, filters=selectors.Filters(agency=agency.pk)
    )
    assert by_agency and {r.project.agency_id for r in by_agency} == {agency.pk}
    na_duong = Organization.objects.get(name="Xã Na Dương")
    by_commune = selectors.holding_back(
        year=2026, as_of_month=10, filters=selectors.Filters(commune=na_duong.pk)
    )
    assert {"NN07", "NN16"} <= {r.project.code for r in by_commune}
    assert all(na_duong in r.project.communes.all() for r in by_commune)


def test_a_higher_threshold_lists_fewer_projects(seeded):
    loose = selectors.holding_back(year=2026, as_of_month=10)
    strict = selectors.holding_back(year=2026, as_of_month=10, behind_points=D(30), late_days=100)
    assert 0 < len(strict) < len(loose)
    assert all(r.progress.behind_points > 30 for r in strict)


def test_the_growth_link_reads_the_scenarios_bases(seeded, scenario):
    link = selectors.growth_link(year=2026, as_of_month=10)
    assert link is not None
    assert link.base.construction_growth_h2 == D("22.16")
    assert link.base.construction_base_h2 == D("3631.4")
    assert link.support.required.quantize(D("0.1")) == D("4436.1")
    # the coefficient every source starts with: 4.436,1 / 17.967,3
    assert set(link.coefficients.values()) == {D("0.2469")}
    assert link.support.value_added == (link.support.disbursement * D("0.2469"))
    cost = link.month_cost
    assert cost.value_added == cost.shortfall * D("0.2469")
    assert cost.grdp_points_year == cost.value_added / link.base.grdp_base_year * 100


def test_no_scenario_no_growth_link(seeded):
    assert selectors.growth_link(year=2026, as_of_month=10) is None


def test_the_meeting_lists_promise_against_what_happened(seeded):
    rows = selectors.meeting_rows(year=2026, month=10)
    expressway = next(r for r in rows if r.project.code == "HT10")
    assert expressway.promised == (D(1600) / 12 * D("1.1")).quantize(D("0.001"))
    assert expressway.approved is not None and expressway.gap < 0
    assert expressway.open_obstacles[0].action.title.startswith("Hoàn thành giải phóng mặt bằng")
    gaps = [r.gap for r in rows if r.gap is not None]
    assert gaps == sorted(gaps)


def test_seed_004_arithmetic_findings(seeded):
    findings = {f.code: f for f in selectors.plan_findings(2026)}
    groups = findings["nsnn-groups"]
    assert groups.ok and (groups.printed, groups.computed) == (D(6090), D(6090))
    programmes = findings["ctmtqg-projects"]
    assert programmes.ok and programmes.computed == D(650)
    new_starts = findings["khoi-cong-moi-projects"]
    assert not new_starts.ok
    assert (new_starts.printed, new_starts.computed) == (D(995), D(1025))
    assert (
        "30 + 20 + 20 + 50 + 30 + 50 + 50 + 20 + 30 + 80 + 45 + 600 = 1.025" in new_starts.message
    )
    assert not findings["khoi-cong-moi-count"].ok
    assert findings["hoan-thanh-count"].ok
    non_budget = findings["ngoai-ngan-sach-groups"]
    assert non_budget.ok and (non_budget.printed, non_budget.computed) == (D(8656), D(6236))


def test_projects_command_prints_groups_and_findings_as_json(seeded):
    out = StringIO()
    call_command("projects", "--json", stdout=out)
    report = json.loads(out.getvalue())
    groups = {g["group"]: g for g in report["groups"]}
    new_starts = groups["Nhóm dự án khởi công mới"]
    assert set(new_starts) >= {"group", "printed_total", "listed_total", "projects"}
    assert (new_starts["printed_total"], new_starts["listed_total"]) == (995, 1025)
    assert len(new_starts["projects"]) == 12
    completions = groups["Nhóm dự án hoàn thành trong năm kế hoạch"]
    assert (completions["printed_total"], completions["listed_total"]) == (4445, None)
    assert len(completions["projects"]) == 13
    programmes = groups["Nguồn vốn thực hiện Chương trình mục tiêu quốc gia"]
    assert programmes["listed_total"] == 650
    bad = [f for f in report["findings"] if not f["ok"]]
    assert {f["code"] for f in bad} == {"khoi-cong-moi-projects", "khoi-cong-moi-count"}
    assert all(f["message"] for f in report["findings"])


def test_measuring_every_project_takes_the_same_five_queries_however_many_there_are(
    seeded, django_assert_num_queries
):
    # projects, their communes, their milestones, approved months, commitments
    with django_assert_num_queries(5):
        rows = selectors.project_rows(year=2026, as_of_month=10)
    assert len(rows) == Project.objects.filter(year=2026).count() > 50


def test_a_source_without_its_coefficient_row_uses_seed_004s_ratio(db):
    from chitieu.investment.models import GrowthCoefficient
    from chitieu.investment.selectors import DEFAULT_COEFFICIENT, coefficients

    # given every stored coefficient removed but one (a flushed database, a new source)
    GrowthCoefficient.objects.exclude(source="central").delete()
    GrowthCoefficient.objects.filter(source="central").update(coefficient=D("0.3"))
    # then each source still has one: its own where stored, seed 004's ratio otherwise
    got = coefficients()
    assert got["central"] == D("0.3")
    assert got["non_budget"] == DEFAULT_COEFFICIENT == D("0.2469")
    assert set(got) == {"central", "provincial", "ntp", "oda", "non_budget", "ppp"}
