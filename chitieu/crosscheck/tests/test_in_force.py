"""The target in force (decision 0039): what an amendment replaces, how evaluation follows it, and
that the side-by-side mark and the evaluation read the same rule."""

import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError

from chitieu.catalog.models import Target
from chitieu.catalog.selectors import target_in_force
from chitieu.catalog.services import plan_delete
from chitieu.catalog.signals import targets_changed
from chitieu.crosscheck.models import CrosscheckEvent
from chitieu.crosscheck.selectors import side_by_side
from chitieu.crosscheck.services import (
    indicator_link_confirm,
    plan_amendment_record,
    plan_amendment_remove,
)
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Status
from chitieu.reporting.evaluation import evaluate_target
from chitieu.reporting.models import Figure

LIFE = "Tuổi thọ trung bình tính từ lúc sinh"
TITLE_003 = "Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030"


@pytest.fixture
def sent():
    """The target ids each targets_changed carried, in order."""
    calls: list[set[int]] = []

    def listen(sender, target_ids, **kwargs):
        calls.append(set(target_ids))

    targets_changed.connect(listen, dispatch_uid="test-in-force")
    yield calls
    targets_changed.disconnect(dispatch_uid="test-in-force")


def _approved(target: Target, year: int, value: str) -> list[Figure]:
    """An approved official figure of the statistics office, which counts for every indicator."""
    return [
        Figure(
            indicator=target.indicator,
            period_code=str(year),
            period_kind="year",
            vintage="official",
            value=D(value),
            organization=Organization.objects.get(name="Thống kê tỉnh"),
            status="approved",
        )
    ]


def _target(plan, indicator_id) -> Target:
    return Target.objects.get(plan=plan, indicator_id=indicator_id)


def test_a_row_amendment_judges_the_old_target_by_the_new_and_removing_it_restores(
    plans, taichinh, indicator, sent
):
    # given: the two plans' life expectancy for 2030, as printed
    life = indicator(plans["000"], LIFE)
    old, new = _target(plans["000"], life.pk), _target(plans["003"], life.pk)
    assert (old.printed_text, old.printed_unit) == ("75,5", "Tuổi")
    assert new.printed_text == "đạt khoảng 73,5 - 74 tuổi"
    figures = _approved(old, 2030, "74")
    before = evaluate_target(old, figures)
    assert before.status == Status.MISSED
    assert before.sentence.startswith("Chỉ đạt 74 Tuổi năm 2030")
    # when: finance records that 003 amends this row of 000
    amendment = plan_amendment_record(
        user=taichinh, plan=plans["003"], amends=plans["000"], scope="rows", indicators=[life]
    )
    # then: 000's target is replaced by 003's, and what is computed from it is told
    old.refresh_from_db()
    assert old.superseded_by == new and target_in_force(old) == new
    assert sent == [{old.pk}]
    after = evaluate_target(old, figures)
    assert after.status == Status.ACHIEVED
    assert after.sentence.startswith(
        f"Theo mục tiêu điều chỉnh tại {TITLE_003}: đạt khoảng 73,5 - 74 tuổi. Đạt 74 Tuổi năm 2030"
    )
    # 003's own target is judged against itself, without a prefix
    own = evaluate_target(new, figures)
    assert own.status == Status.ACHIEVED and own.sentence.startswith("Đạt 74 tuổi năm 2030")
    # when: the amendment is removed
    plan_amendment_remove(user=taichinh, amendment=amendment, note="Ghi nhầm")
    old.refresh_from_db()
    assert old.superseded_by is None
    assert sent == [{old.pk}, {old.pk}]
    again = evaluate_target(old, figures)
    assert (again.status, again.sentence) == (before.status, before.sentence)
    [event] = CrosscheckEvent.objects.filter(action="amendment_remove")
    assert event.before == {"scope": "rows", "indicators": [life.pk], "note": ""}
    assert event.reason == "Ghi nhầm"


def test_a_whole_supersession_replaces_every_row_the_new_plan_sets_again(
    plans, taichinh, indicator
):
    insurance = indicator(plans["000"], "Tỷ lệ người dân tham gia bảo hiểm y tế đến năm 2030")
    old, new = _target(plans["000"], insurance.pk), _target(plans["003"], insurance.pk)
    assert (old.printed_text, new.printed_text) == ("100", "đạt trên 96%")
    figures = _approved(old, 2030, "97")
    assert evaluate_target(old, figures).status == Status.MISSED
    plan_amendment_record(user=taichinh, plan=plans["003"], amends=plans["000"], scope="whole")
    old.refresh_from_db()
    judged = evaluate_target(old, figures)
    assert judged.status == Status.ACHIEVED
    assert judged.sentence.startswith(f"Theo mục tiêu điều chỉnh tại {TITLE_003}: đạt trên 96%. ")
    # a row 003 does not set again has nothing to be judged against: it keeps its own target
    healthy = Target.objects.get(plan=plans["000"], printed_name="Trong đó thời gian sống khoẻ")
    assert healthy.printed_text == "68" and healthy.superseded_by is None


def test_the_side_by_side_mark_and_the_evaluation_read_the_same_rule(plans, taichinh, indicator):
    life = indicator(plans["000"], LIFE)
    plan_amendment_record(
        user=taichinh, plan=plans["003"], amends=plans["000"], scope="rows", indicators=[life]
    )
    checked = 0
    for table in side_by_side(only_shared=False):
        marked = {(r.horizon, r.target.pk) for r in table.rows if r.in_force}
        for r in table.rows:
            shown = target_in_force(r.target)
            # the target evaluation judges against is the one the page marks in force
            assert (r.horizon, shown.pk) in marked
            if shown.pk != r.target.pk:
                assert r.replaced_by.pk == shown.pk and not r.in_force
                checked += 1
    assert checked == 1


def test_a_linked_row_in_another_scale_is_not_replaced(plans, taichinh, indicator):
    # 000 counts tourists in nghìn người, 003 in lượt người: a figure filed under 000's
    # indicator cannot be judged against 6.000.000
    a = indicator(plans["000"], "Tổng lượng khách du lịch đến năm 2030")
    b = indicator(plans["003"], "Lượng khách du lịch")
    indicator_link_confirm(user=taichinh, a=a, b=b)
    plan_amendment_record(user=taichinh, plan=plans["003"], amends=plans["000"], scope="whole")
    assert _target(plans["000"], a.pk).superseded_by is None
    # while a linked row in the same unit is: GRDP, linked by meaning
    grdp_000 = indicator(plans["000"], "Tổng sản phẩm trên địa bàn (GRDP)")
    grdp_003 = indicator(plans["003"], "Tổng sản phẩm trên địa bàn")
    assert _target(plans["000"], grdp_000.pk).superseded_by is None
    indicator_link_confirm(user=taichinh, a=grdp_000, b=grdp_003)
    replaced = Target.objects.filter(plan=plans["000"], indicator=grdp_000).get()
    assert replaced.superseded_by == _target(plans["003"], grdp_003.pk)


def test_a_cycle_of_amendments_is_refused(plans, taichinh):
    plan_amendment_record(user=taichinh, plan=plans["003"], amends=plans["000"], scope="whole")
    plan_amendment_record(user=taichinh, plan=plans["001"], amends=plans["003"], scope="whole")
    with pytest.raises(ValidationError, match="không ghi ngược lại"):
        plan_amendment_record(user=taichinh, plan=plans["000"], amends=plans["001"], scope="whole")


def test_deleting_the_amending_plan_puts_the_old_target_back_and_says_so(
    plans, taichinh, indicator, sent
):
    life = indicator(plans["000"], LIFE)
    old = _target(plans["000"], life.pk)
    plan_amendment_record(
        user=taichinh, plan=plans["003"], amends=plans["000"], scope="rows", indicators=[life]
    )
    sent.clear()
    plan_delete(user=taichinh, plan=plans["003"])
    old.refresh_from_db()
    assert old.superseded_by is None
    # the deleted plan's targets first (catalog), then 000's row, judged again after the delete
    assert old.pk not in sent[0] and sent[-1] == {old.pk}


def test_the_data_migration_puts_recorded_amendments_in_force(plans, taichinh, indicator):
    life = indicator(plans["000"], LIFE)
    plan_amendment_record(
        user=taichinh, plan=plans["003"], amends=plans["000"], scope="rows", indicators=[life]
    )
    Target.objects.update(superseded_by=None)  # as before the field existed
    migration = importlib.import_module(
        "chitieu.crosscheck.migrations.0003_amendment_remove_and_targets_in_force"
    )
    migration.targets_in_force(apps, None)
    assert _target(plans["000"], life.pk).superseded_by == _target(plans["003"], life.pk)


def test_removing_through_the_comparison_page_is_for_finance_only(
    client, plans, taichinh, reporter, indicator
):
    life = indicator(plans["000"], LIFE)
    amendment = plan_amendment_record(
        user=taichinh, plan=plans["003"], amends=plans["000"], scope="rows", indicators=[life]
    )
    client.force_login(reporter)
    assert client.post("/doi-chieu/so-sanh/bo-sua-doi/", {"id": amendment.pk}).status_code == 403
    assert _target(plans["000"], life.pk).superseded_by is not None
    client.force_login(taichinh)
    page = client.get(f"/doi-chieu/so-sanh/?cu={plans['000'].pk}&moi={plans['003'].pk}")
    assert "Bỏ ghi nhận" in page.content.decode()
    response = client.post("/doi-chieu/so-sanh/bo-sua-doi/", {"id": amendment.pk}, follow=True)
    assert "các mục tiêu của văn bản trước áp dụng trở lại" in response.content.decode()
    assert _target(plans["000"], life.pk).superseded_by is None
