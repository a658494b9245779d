"""The overview's rows escape what a plan or a sentence may hold, and only that."""

from types import SimpleNamespace

from django.utils.html import escape

from chitieu.reporting.templatetags.evaluations import overview_rows


def _row(name: str, status: str, sentence: str, provisional: dict | None = None) -> object:
    return SimpleNamespace(
        indicator_id=7,
        name=name,
        amended=False,
        result={"s": status, "t": sentence, "p": provisional},
    )


def test_names_and_sentences_are_escaped_and_plain_text_is_left_as_it_is():
    # given a plan row named with markup and a sentence with an ampersand and quotes
    hostile = "<b onclick=\"x()\">Tỷ lệ</b> & 'hộ'"
    rows = [
        _row(hostile, "missed", 'Đạt 5 < 6 & "kế hoạch"', {"s": "achieved", "t": "<i>tạm</i>"}),
        _row("Tốc độ tăng trưởng GRDP", "achieved", "Đạt 8,2 %, vượt mục tiêu 8 %."),
    ]
    # when the rows are built
    html = str(overview_rows(rows, {7: '/chi-tieu/7/?a=1&b="2"'}))
    # then every value with markup is escaped as Django escapes it, and no markup of it survives
    assert f"{escape(hostile)}</a>" in html
    assert escape('Đạt 5 < 6 & "kế hoạch"') in html
    assert f"Tạm tính: {escape('<i>tạm</i>')}" in html
    assert f'href="{escape("/chi-tieu/7/?a=1&b=" + chr(34) + "2" + chr(34))}"' in html
    assert "<b " not in html and "<i>" not in html
    # and plain names and sentences are printed unchanged, with their statuses' labels
    assert ">Tốc độ tăng trưởng GRDP</a>" in html
    assert "<td>Đạt 8,2 %, vượt mục tiêu 8 %.</td>" in html
    assert '<span class="st achieved">Đạt</span>' in html
    assert '<span class="st missed">Không đạt</span>' in html
