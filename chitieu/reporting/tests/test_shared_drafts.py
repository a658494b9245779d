"""A draft saved on a shared row is work left like any other (decision 0059). Dates are pinned,
never today's."""

from __future__ import annotations

import pytest

from chitieu.reporting.services import figure_transition
from chitieu.reporting.tests.entry_pages import draft, page, shared_indicator
from chitieu.reporting.worklist import my_figures


@pytest.fixture
def reporter(client, people):
    client.force_login(people["reporter"])
    return people["reporter"]


# -- drafts on shared rows ------------------------------------------------------------------


def test_a_draft_on_a_shared_row_is_counted_and_opens_the_shared_list(
    yearly, client, reporter, nnmt, people, pinned
):
    # given
    before = my_figures(nnmt, "2025")
    assert before.shared_todo == 0
    shared = shared_indicator(nnmt)
    # when
    draft(people, shared, nnmt, "2025")
    # then
    after = my_figures(nnmt, "2025")
    assert after.shared_todo == 1
    assert after.todo_count == before.todo_count + 1
    doc = page(client, "2025")
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
    figure = draft(people, shared_indicator(nnmt), nnmt, "2025")
    figure_transition(user=people["reporter"], figure=figure, action="submit")
    assert my_figures(nnmt, "2025").shared_todo == 0
    (details,) = page(client, "2025").xpath('//details[@id="giao-chung"]')
    assert details.get("open") is None
