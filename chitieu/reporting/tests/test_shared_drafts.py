"""A draft saved on a shared row is work left like any other (decision 0059). Dates are pinned,
never today's."""

from __future__ import annotations

from datetime import date

import lxml.html
import pytest
from django.urls import reverse
from django.utils import timezone

from chitieu.reporting.choices import Frequency
from chitieu.reporting.models import ReportingSpec
from chitieu.reporting.services import figure_save, figure_transition
from chitieu.reporting.worklist import my_figures

TODAY = date(2026, 12, 6)


@pytest.fixture
def yearly(demo):
    ReportingSpec.objects.update(frequency=Frequency.YEAR)


@pytest.fixture
def reporter(client, people):
    client.force_login(people["reporter"])
    return people["reporter"]


@pytest.fixture
def pinned(monkeypatch):
    """The page's today pinned to TODAY (the view reads it from django.utils.timezone)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)


def _page(client, ky: str) -> lxml.html.HtmlElement:
    response = client.get(reverse("reporting:mine") + f"?ky={ky}")
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _shared_indicator(nnmt):
    return my_figures(nnmt, "2025").shared[0].indicator


def _draft(people, indicator, org, period):
    return figure_save(
        user=people["reporter"],
        indicator=indicator,
        organization=org,
        period_code=period,
        vintage="estimate",
        value="12",
        expected_revision=0,
    ).figure


# -- drafts on shared rows ------------------------------------------------------------------


def test_a_draft_on_a_shared_row_is_counted_and_opens_the_shared_list(
    yearly, client, reporter, nnmt, people, pinned
):
    # given
    before = my_figures(nnmt, "2025")
    assert before.shared_todo == 0
    shared = _shared_indicator(nnmt)
    # when
    _draft(people, shared, nnmt, "2025")
    # then
    after = my_figures(nnmt, "2025")
    assert after.shared_todo == 1
    assert after.todo_count == before.todo_count + 1
    doc = _page(client, "2025")
    (total,) = doc.xpath('//*[@id="todo-total"]')
    assert total.xpath(".//strong")[0].text_content() == (
        f"{after.todo_count} chỉ tiêu còn phải nhập hoặc gửi"
    )
    (pointer,) = total.xpath('.//a[@href="#giao-chung"]')
    assert pointer.text_content() == "1 ở mục chỉ tiêu giao chung"
    (details,) = doc.xpath('//details[@id="giao-chung"]')
    assert details.get("open") is not None
    assert "1 số liệu đã lưu, chưa gửi" in details.xpath("./summary")[0].text_content()
    # the draft heads the shared table
    first = details.xpath(".//tbody/tr")[0]
    assert first.get("id") == f"chi-tieu-{shared.pk}"


def test_a_sent_shared_figure_is_no_longer_work_and_the_list_stays_folded(
    yearly, client, reporter, nnmt, people, pinned
):
    figure = _draft(people, _shared_indicator(nnmt), nnmt, "2025")
    figure_transition(user=people["reporter"], figure=figure, action="submit")
    assert my_figures(nnmt, "2025").shared_todo == 0
    (details,) = _page(client, "2025").xpath('//details[@id="giao-chung"]')
    assert details.get("open") is None
