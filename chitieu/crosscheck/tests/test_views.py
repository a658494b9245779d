"""The pages: who sees them, who decides, and that what is decided shows."""

import pytest
from django.core.exceptions import ValidationError

from chitieu.crosscheck.models import CrosscheckEvent, FindingExplanation, IndicatorLink
from chitieu.crosscheck.selectors import crosscheck_report
from chitieu.crosscheck.services import finding_explain


def _life(report):
    [f] = [f for f in report.findings if f.indicator.startswith("Tuổi thọ")]
    return f


def test_a_person_not_signed_in_is_sent_to_the_login(client, plans):
    response = client.get("/doi-chieu/")
    assert response.status_code == 302 and response.url.startswith("/dang-nhap/")


@pytest.mark.parametrize("view", ["", "?theo=chi-tieu"])
def test_the_findings_page_shows_both_sides_of_a_finding(client, plans, reporter, view):
    client.force_login(reporter)
    html = client.get(f"/doi-chieu/{view}").content.decode()
    assert "Tuổi thọ trung bình tính từ lúc sinh" in html
    assert "đạt khoảng 73,5 - 74 tuổi" in html and "75,5" in html
    # a reporter reads, but has no form to explain
    assert 'name="note"' not in html


def test_a_reporter_cannot_decide_a_link(client, plans, reporter, indicator):
    client.force_login(reporter)
    a = indicator(plans["000"], "Tỷ lệ che phủ rừng")
    b = indicator(plans["001"], "Tỷ lệ che phủ của rừng")
    response = client.post(
        "/doi-chieu/lien-ket/quyet-dinh/", {"a": a.pk, "b": b.pk, "decision": "confirm"}
    )
    assert response.status_code == 403
    assert not IndicatorLink.objects.exists()


def test_finance_confirms_a_link_on_the_page(client, plans, taichinh, indicator):
    client.force_login(taichinh)
    a = indicator(plans["000"], "Tỷ lệ che phủ rừng")
    b = indicator(plans["001"], "Tỷ lệ che phủ của rừng")
    assert "Tỷ lệ che phủ của rừng" in client.get("/doi-chieu/lien-ket/").content.decode()
    response = client.post(
        "/doi-chieu/lien-ket/quyet-dinh/",
        {"a": a.pk, "b": b.pk, "decision": "confirm", "note": "cùng chỉ tiêu"},
        follow=True,
    )
    html = response.content.decode()
    assert "Đã xác nhận “Tỷ lệ che phủ rừng” và “Tỷ lệ che phủ của rừng” là một chỉ tiêu." in html
    assert IndicatorLink.objects.get().note == "cùng chỉ tiêu"


def test_finance_explains_a_finding_and_the_note_is_kept_and_audited(client, plans, taichinh):
    finding = _life(crosscheck_report())
    client.force_login(taichinh)
    response = client.post(
        "/doi-chieu/giai-trinh/",
        {
            "key": finding.key,
            "note": "Kế hoạch 5 năm điều chỉnh theo Thống kê",
            "back": "/doi-chieu/",
        },
        follow=True,
    )
    assert "Đã giải trình" in response.content.decode()
    kept = FindingExplanation.objects.get()
    assert (kept.key, kept.note, kept.explained_by) == (
        finding.key,
        "Kế hoạch 5 năm điều chỉnh theo Thống kê",
        taichinh,
    )
    finding_explain(user=taichinh, key=finding.key, note="Ghi lại lý do")
    events = list(CrosscheckEvent.objects.values_list("action", "before", "after"))
    assert events[-1] == (
        "finding_explain",
        {"note": "Kế hoạch 5 năm điều chỉnh theo Thống kê"},
        {"key": finding.key, "note": "Ghi lại lý do"},
    )
    # the finding stays on the list, marked, with both targets
    assert _life(crosscheck_report()).key in crosscheck_report().explanations


def test_an_explanation_needs_a_note_and_a_finding(plans, taichinh):
    with pytest.raises(ValidationError, match="Hãy ghi"):
        finding_explain(user=taichinh, key=_life(crosscheck_report()).key, note="  ")
    with pytest.raises(ValidationError, match="Không còn"):
        finding_explain(user=taichinh, key="value:1,2", note="x")


def test_side_by_side_marks_the_latest_in_force_with_source_lines(client, plans, reporter):
    client.force_login(reporter)
    html = client.get("/doi-chieu/song-song/").content.decode()
    assert "Đang áp dụng" in html
    assert "Tỷ lệ che phủ rừng" in html and "duy trì mức 65%" in html


def test_a_decision_other_than_confirm_or_split_is_a_bad_request(
    client, plans, taichinh, indicator
):
    client.force_login(taichinh)
    a = indicator(plans["000"], "Tỷ lệ che phủ rừng")
    b = indicator(plans["001"], "Tỷ lệ che phủ của rừng")
    response = client.post("/doi-chieu/lien-ket/quyet-dinh/", {"a": a.pk, "b": b.pk})
    assert response.status_code == 400
    assert not IndicatorLink.objects.exists()


def test_the_findings_of_one_plan(client, plans, reporter):
    client.force_login(reporter)
    html = client.get(f"/doi-chieu/?ke-hoach={plans['001'].pk}").content.decode()
    # 001 (2024) shares no period with 000 or 003 and its structure sums to 98 - 102 %
    assert "Không có phát hiện nào." in html
