"""Every period with work left is named on the entry page, with a link, its count and the
overdue badge (decision 0059). Dates are passed in or pinned, never today's."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from chitieu.core.periods import Period
from chitieu.core.timeliness import scoring_deadline
from chitieu.reporting import selectors
from chitieu.reporting.choices import Frequency
from chitieu.reporting.models import Figure, ReportingSpec
from chitieu.reporting.services import figure_transition
from chitieu.reporting.tests.entry_pages import TODAY, draft, page, shared_indicator
from chitieu.reporting.timeliness import adoption_deadline
from chitieu.reporting.worklist import my_figures, work_left


@pytest.fixture
def reporter(client, people):
    client.force_login(people["reporter"])
    return people["reporter"]


def _due(code: str) -> date:
    """The 12th of the month after the period ends (the rule, without the holidays)."""
    end = Period.parse(code).end
    return date(end.year + (end.month == 12), end.month % 12 + 1, 12)


def _scored_due(org, code: str) -> date:
    """The period's deadline as the scorecard reads it: the statutory day, or thirty days after
    the adoption of the plan in force naming the organisation when that is later (decision 0060)."""
    (plan,) = {r.target.plan for r in org.responsibilities.select_related("target__plan")}
    adopted = adoption_deadline(plan, *selectors.calendar_rules())
    return scoring_deadline(selectors.figures_deadline()(code), adopted)


# -- the periods with work left -------------------------------------------------------------


def test_each_period_with_work_left_counts_what_its_page_counts(yearly, nnmt):
    work = work_left(nnmt, TODAY, _due)
    # the plan in force naming NN&MT is 2026-2030: from its base year 2025 to the one in course
    assert [p.period.code for p in work.periods] == ["2025", "2026"]
    for left in work.periods:
        assert left.todo == my_figures(nnmt, left.period.code).todo_count > 0
    assert [p.overdue for p in work.periods] == [328, 0]  # 12/01/2026 to 06/12/2026


def test_a_period_whose_work_is_sent_drops_out_of_the_list(yearly, nnmt, people):
    reporter = people["reporter"]
    for row in my_figures(nnmt, "2025").rows:
        if not row.todo or not row.role:  # the named rows only: the shared ask nothing
            continue
        figure = row.figures[0] if row.figures else draft(people, row.indicator, nnmt, "2025")
        figure_transition(user=reporter, figure=figure, action="submit")
    assert [p.period.code for p in work_left(nnmt, TODAY, _due).periods] == ["2026"]


def test_the_page_names_the_other_periods_with_work_left_and_marks_the_overdue(
    yearly, client, reporter, nnmt, pinned
):
    # when
    doc = page(client, "2026")
    # then
    (line,) = doc.xpath('//*[@id="ky-con-viec"]')
    links = {a.get("href"): a.text_content() for a in line.xpath(".//a")}
    assert links == {"?ky=2025": "năm 2025"}
    text = " ".join(line.text_content().split())
    todo = my_figures(nnmt, "2025").todo_count
    overdue = (TODAY - _scored_due(nnmt, "2025")).days
    assert f"năm 2025 — {todo} chỉ tiêu, quá hạn {overdue} ngày" in text
    badges = [b.text_content() for b in line.xpath('.//strong[@class="st overdue"]')]
    assert badges == [f"quá hạn {overdue} ngày"]


def test_a_period_not_yet_due_is_named_with_its_deadline_and_no_badge(
    yearly, client, reporter, nnmt, pinned
):
    doc = page(client, "2025")
    (line,) = doc.xpath('//*[@id="ky-con-viec"]')
    (link,) = [a for a in line.xpath(".//a") if a.get("href") == "?ky=2026"]
    deadline = selectors.figures_deadline()("2026").strftime("%d/%m/%Y")
    assert f"năm 2026 — {my_figures(nnmt, '2026').todo_count} chỉ tiêu, hạn {deadline}" in (
        " ".join(line.text_content().split())
    )
    assert "?ky=2025" not in {a.get("href") for a in line.xpath(".//a")}  # the one shown


def test_the_list_costs_the_same_queries_however_many_periods(
    yearly, client, reporter, forest, pinned
):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("reporting:mine") + "?ky=2026")
        return len(queries)

    few = count()  # two yearly periods
    ReportingSpec.objects.update_or_create(
        indicator=forest, defaults={"frequency": Frequency.MONTH}
    )
    doc = page(client, "2026")
    assert len(doc.xpath('//*[@id="ky-con-viec"]//a')) > 20  # every month since January 2025
    assert count() == few


# -- drafts on shared rows


def test_a_shared_draft_counts_in_its_periods_work(yearly, nnmt, people):
    before = {p.period.code: p.todo for p in work_left(nnmt, TODAY, _due).periods}
    draft(people, shared_indicator(nnmt), nnmt, "2025")
    after = {p.period.code: p.todo for p in work_left(nnmt, TODAY, _due).periods}
    assert after["2025"] == before["2025"] + 1
    assert Figure.objects.filter(organization=nnmt, period_code="2025", status="draft").exists()


def test_the_page_opens_on_a_period_whose_only_work_left_is_a_shared_draft(yearly, nnmt, people):
    # given: 1 February 2026, every named figure of 2025 sent, one shared draft left
    today = date(2026, 2, 1)
    for row in my_figures(nnmt, "2025").rows:
        if row.todo and row.role:
            figure = row.figures[0] if row.figures else draft(people, row.indicator, nnmt, "2025")
            figure_transition(user=people["reporter"], figure=figure, action="submit")
    assert work_left(nnmt, today, _due).default == "2026"
    # when
    draft(people, shared_indicator(nnmt), nnmt, "2025")
    # then
    assert work_left(nnmt, today, _due).default == "2025"


def test_the_page_and_the_scorecard_count_the_same_days_overdue(
    yearly, client, reporter, nnmt, pinned
):
    # given the base year's figures, due (statutory) on 12/01/2026, before the plan in force
    # naming NN&MT was adopted on 07/04/2026
    assert selectors.figures_deadline()("2025") < date(2026, 4, 7)
    # when the entry page and the scorecard judge them on the same day
    doc = page(client, "2026")
    text = " ".join(doc.xpath('//*[@id="ky-con-viec"]')[0].text_content().split())
    (plan,) = {r.target.plan for r in nnmt.responsibilities.select_related("target__plan")}
    now = timezone.make_aware(datetime(TODAY.year, TODAY.month, TODAY.day, 12))
    card = selectors.agency_scorecard(nnmt, plan, now)
    # then both count from the later deadline (thirty days after adoption), by the same days
    missing = [o for o in card.late if o.period_code == "2025" and o.sent_on is None]
    assert missing, "the scorecard counts no 2025 figure missing"
    assert {o.days_late for o in missing} == {(TODAY - _scored_due(nnmt, "2025")).days}
    assert f"quá hạn {missing[0].days_late} ngày" in text
    assert missing[0].days_late < (TODAY - selectors.figures_deadline()("2025")).days
