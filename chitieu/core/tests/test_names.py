"""An indicator is named with what tells it apart only where its name is not unique among those
shown (decision 0057)."""

import pytest

from chitieu.core.names import Named, distinct_labels

GRDP = "Cơ cấu tổng sản phẩm trên địa bàn"
JOBS = "Tỷ trọng lao động có việc làm trong nền kinh tế"
PER_HEAD = "Tổng sản phẩm trên địa bàn bình quân đầu người"


@pytest.mark.parametrize(
    ("items", "expected"),
    [
        # a unique name is left as it is, however many parts it could be given
        (
            [Named(1, "Dịch vụ", GRDP, "%"), Named(2, "Dân số", "", "Nghìn người")],
            ["Dịch vụ", "Dân số"],
        ),
        # the same sector under two structures: its structure
        (
            [Named(6, "Dịch vụ", GRDP, "%"), Named(25, "Dịch vụ", JOBS, "%")],
            [f"Dịch vụ ({GRDP})", f"Dịch vụ ({JOBS})"],
        ),
        # no parent on either: the unit
        (
            [
                Named(29, "Năng suất lao động", "", "Triệu đồng"),
                Named(95, "Năng suất lao động", "", "triệu đồng/người"),
            ],
            ["Năng suất lao động (Triệu đồng)", "Năng suất lao động (triệu đồng/người)"],
        ),
        # a parent named like its part says nothing: the unit
        (
            [Named(8, PER_HEAD, "", "Triệu đồng"), Named(9, PER_HEAD, PER_HEAD, "USD")],
            [f"{PER_HEAD} (Triệu đồng)", f"{PER_HEAD} (USD)"],
        ),
        # the one without a parent keeps its bare name; the others are told by theirs
        (
            [
                Named(7, "Thuế", "", "%"),
                Named(56, "Thuế", "Cơ cấu kinh tế", "%"),
                Named(85, "Thuế", GRDP, "%"),
            ],
            ["Thuế", "Thuế (Cơ cấu kinh tế)", f"Thuế ({GRDP})"],
        ),
        # same parent, different units: both
        (
            [
                Named(1, "Vốn", "Đầu tư", "Tỷ đồng"),
                Named(2, "Vốn", "Đầu tư", "%"),
                Named(3, "Vốn", "Ngân sách", "Tỷ đồng"),
            ],
            ["Vốn (Đầu tư, Tỷ đồng)", "Vốn (Đầu tư, %)", "Vốn (Ngân sách)"],
        ),
        # nothing else tells them apart: the code the template carries
        (
            [Named(4, "Dịch vụ", GRDP, "%"), Named(5, "dịch  vụ", GRDP, "%")],
            ["Dịch vụ (mã 4)", "dịch  vụ (mã 5)"],
        ),
    ],
)
def test_a_name_is_qualified_only_as_far_as_it_must(items, expected):
    labels = distinct_labels(items)
    assert [labels[i.pk] for i in items] == expected
