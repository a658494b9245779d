"""Links between the indicators of seeds 000, 001 and 003: proposed with a score, decided by a person."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction

from chitieu.crosscheck.models import CrosscheckEvent, IndicatorLink
from chitieu.crosscheck.selectors import indicator_groups, link_proposals
from chitieu.crosscheck.services import (
    LinkRefused,
    indicator_link_confirm,
    indicator_link_split,
)


def _proposed(rows):
    return {(r.a.name, r.a.unit, r.b.name, r.b.unit): r.proposal for r in rows}


def test_links_between_seeds_000_001_003_are_proposed_with_their_scores(plans):
    got = _proposed(link_proposals())
    expected = {
        # 000 and 003 (one catalog entry already) against 001's wording
        ("Tỷ lệ che phủ rừng", "%", "Tỷ lệ che phủ của rừng", "%"): D(1),
        # GRDP spelt out in 000, without "(GRDP)" in 003
        (
            "Tổng sản phẩm trên địa bàn (GRDP)",
            "Tỷ đồng",
            "Tổng sản phẩm trên địa bàn",
            "tỷ đồng",
        ): D(1),
        # 001 puts "trên địa bàn" at the end
        (
            "Tổng sản phẩm trên địa bàn bình quân đầu người",
            "Triệu đồng",
            "Tổng sản phẩm bình quân đầu người trên địa bàn",
            "Triệu đồng",
        ): D(1),
        # thousands of people against visits
        ("Tổng lượng khách du lịch", "Nghìn người", "Lượng khách du lịch", "lượt người"): D(1),
        ("Tổng lượng khách du lịch", "Nghìn người", "Tổng lượt khách du lịch", "Nghìn lượt"): D(1),
        (
            "Số lao động có việc làm trong nền kinh tế",
            "Nghìn người",
            "Số lao động có việc làm",
            "người",
        ): D(1),
        (
            "Tỷ lệ trường học các cấp đạt chuẩn quốc gia",
            "%",
            "Tỷ lệ trường học đạt chuẩn quốc gia",
            "%",
        ): D(1),
        (
            "Tốc độ tăng thu nội địa bình quân hằng năm",
            "%",
            "Thu nội địa tăng bình quân hằng năm",
            "%",
        ): D("0.83"),
        ("Số bác sĩ bình quân trên 10.000 dân", "Bác sĩ", "Số bác sĩ trên 1 vạn dân", "bác sĩ"): D(
            "0.76"
        ),
    }
    assert {k: got[k].score for k in expected} == expected
    tourists = got[("Tổng lượng khách du lịch", "Nghìn người", "Lượng khách du lịch", "lượt người")]
    assert "đơn vị đổi được: 1 Nghìn người = 1.000 lượt người" in tourists.reason
    # money per head in đồng and in USD are two series: never proposed as one
    assert not [k for k in got if {k[1], k[3]} == {"Triệu đồng", "USD"}]


def test_a_confirmed_link_is_remembered_audited_and_joins_the_two(plans, taichinh, indicator):
    forest = indicator(plans["000"], "Tỷ lệ che phủ rừng")
    forest_001 = indicator(plans["001"], "Tỷ lệ che phủ của rừng")
    link = indicator_link_confirm(user=taichinh, a=forest_001, b=forest, note="cùng chỉ tiêu")
    assert (link.low, link.high, link.status, link.score) == (forest, forest_001, "confirmed", D(1))
    assert indicator_groups()[forest_001.pk] == forest.pk
    assert ("Tỷ lệ che phủ rừng", "%", "Tỷ lệ che phủ của rừng", "%") not in _proposed(
        link_proposals()
    )
    [event] = CrosscheckEvent.objects.all()
    assert (event.user, event.action, event.before) == (taichinh, "link_confirm", None)
    assert event.after["status"] == "confirmed" and event.after["note"] == "cùng chỉ tiêu"
    with pytest.raises(IntegrityError), transaction.atomic():
        CrosscheckEvent.objects.filter(pk=event.pk).update(subject="sửa")


def test_a_split_link_is_never_proposed_again(plans, taichinh, indicator):
    total = indicator(plans["000"], "Tỷ trọng lao động có việc làm trong nền kinh tế")
    services = plans["003"].targets.get(printed_name="Dịch vụ", printed_text="38 - 39%").indicator
    key = (total.name, total.unit, services.name, services.unit)
    assert _proposed(link_proposals())[key].score == D("0.85")
    indicator_link_split(user=taichinh, a=total, b=services, note="tổng khác phần")
    assert key not in _proposed(link_proposals())
    assert IndicatorLink.objects.get().status == "split"


def test_a_link_between_units_that_do_not_convert_is_refused_with_the_reason(
    plans, taichinh, indicator
):
    vnd = indicator(plans["000"], "Tổng sản phẩm trên địa bàn bình quân đầu người", "Triệu đồng")
    usd = indicator(plans["000"], "Tổng sản phẩm trên địa bàn bình quân đầu người", "USD")
    with pytest.raises(LinkRefused, match="cần tỷ giá"):
        indicator_link_confirm(user=taichinh, a=vnd, b=usd)
    assert not IndicatorLink.objects.exists() and not CrosscheckEvent.objects.exists()


def test_only_finance_or_the_administrator_decides(plans, reporter, indicator):
    forest = indicator(plans["000"], "Tỷ lệ che phủ rừng")
    forest_001 = indicator(plans["001"], "Tỷ lệ che phủ của rừng")
    with pytest.raises(PermissionDenied):
        indicator_link_confirm(user=reporter, a=forest, b=forest_001)
    assert not IndicatorLink.objects.exists()
