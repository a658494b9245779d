"""Plans that amend plans: the diff between 000 and 003, and the target in force after an amendment."""

import pytest
from django.core.exceptions import ValidationError

from chitieu.crosscheck.models import CrosscheckEvent, PlanAmendment
from chitieu.crosscheck.selectors import plan_diff, side_by_side
from chitieu.crosscheck.services import plan_amendment_record


def _row(rows, name, horizon="2030"):
    [r] = [r for r in rows if r.name == name and r.horizon == horizon]
    return r


def test_the_diff_names_changed_targets_wordings_and_agencies(plans):
    rows = plan_diff(plans["000"], plans["003"])
    life = _row(rows, "Tuổi thọ trung bình tính từ lúc sinh")
    assert (life.old.printed_text, life.new.printed_text) == ("75,5", "đạt khoảng 73,5 - 74 tuổi")
    assert life.changes == ["Mục tiêu", "Cơ quan"]
    # 003 is prose: it names no agency where 000 names Sở Y tế
    assert life.old_agencies.startswith("Sở Y tế") and life.new_agencies == "(không ghi)"
    insurance = _row(rows, "Tỷ lệ người dân tham gia bảo hiểm y tế")
    assert insurance.changes == ["Mục tiêu", "Cách ghi tên", "Cơ quan"]
    assert (insurance.old.printed_name, insurance.new.printed_name) == (
        "Tỷ lệ người dân tham gia bảo hiểm y tế đến năm 2030",
        "Tỷ lệ người dân tham gia bảo hiểm y tế",
    )
    # a row only the older plan has is shown as dropped, with its target
    healthy = _row(rows, "Trong đó thời gian sống khoẻ")
    assert healthy.changes == ["Bỏ"] and healthy.old.printed_text == "68" and healthy.new is None
    # the newer plan's order first
    assert rows[0].new is not None and rows[0].new.row_no == "1"


def _in_force(table_name, horizon="2030"):
    [table] = [t for t in side_by_side() if t.name == table_name]
    return [
        (r.target.plan_id, r.target.printed_text)
        for r in table.rows
        if r.horizon == horizon and r.in_force
    ]


def test_an_amendment_of_some_rows_puts_the_newer_target_in_force(plans, taichinh, indicator):
    life = indicator(plans["000"], "Tuổi thọ trung bình tính từ lúc sinh")
    # two active plans that disagree are both in force until finance records an amendment
    assert _in_force("Tuổi thọ trung bình tính từ lúc sinh") == [
        (plans["003"].pk, "đạt khoảng 73,5 - 74 tuổi"),
        (plans["000"].pk, "75,5"),
    ]
    plan_amendment_record(
        user=taichinh,
        plan=plans["003"],
        amends=plans["000"],
        scope="rows",
        indicators=[life],
        note="Tuổi thọ theo kế hoạch 5 năm",
    )
    assert _in_force("Tuổi thọ trung bình tính từ lúc sinh") == [
        (plans["003"].pk, "đạt khoảng 73,5 - 74 tuổi")
    ]
    # the other rows keep both targets
    assert _in_force("Tỷ lệ che phủ rừng") == [
        (plans["003"].pk, "duy trì mức 65%"),
        (plans["000"].pk, "65"),
    ]
    [event] = CrosscheckEvent.objects.filter(action="amendment_record")
    assert event.after == {
        "scope": "rows",
        "indicators": [life.pk],
        "note": "Tuổi thọ theo kế hoạch 5 năm",
    }


def test_a_whole_supersession_and_what_is_refused(plans, taichinh):
    plan_amendment_record(user=taichinh, plan=plans["003"], amends=plans["000"], scope="whole")
    assert _in_force("Tỷ lệ che phủ rừng") == [(plans["003"].pk, "duy trì mức 65%")]
    with pytest.raises(ValidationError, match="không ghi ngược lại"):
        plan_amendment_record(user=taichinh, plan=plans["000"], amends=plans["003"], scope="whole")
    with pytest.raises(ValidationError, match="không tự sửa đổi"):
        plan_amendment_record(user=taichinh, plan=plans["000"], amends=plans["000"], scope="whole")
    with pytest.raises(ValidationError, match="chọn các dòng"):
        plan_amendment_record(user=taichinh, plan=plans["001"], amends=plans["000"], scope="rows")
    assert PlanAmendment.objects.count() == 1


def test_the_diff_page_and_recording_through_it(client, plans, taichinh, indicator):
    client.force_login(taichinh)
    old, new = plans["000"], plans["003"]
    html = client.get(f"/doi-chieu/so-sanh/?cu={old.pk}&moi={new.pk}").content.decode()
    assert "đạt khoảng 73,5 - 74 tuổi" in html and "Mục tiêu, Cơ quan" in html
    life = indicator(old, "Tuổi thọ trung bình tính từ lúc sinh")
    response = client.post(
        "/doi-chieu/so-sanh/sua-doi/",
        {"cu": old.pk, "moi": new.pk, "scope": "rows", "dong": [life.pk], "note": ""},
        follow=True,
    )
    assert "Đã ghi nhận văn bản sửa đổi, thay thế." in response.content.decode()
    assert list(PlanAmendment.objects.get().indicators.all()) == [life]
