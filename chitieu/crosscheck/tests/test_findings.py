"""Findings on the seeds: 000 against 003, 002 against 000 and 003, the arithmetic within a plan."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from chitieu.crosscheck.selectors import crosscheck_report
from chitieu.crosscheck.services import indicator_link_confirm

P000 = "Kế hoạch số 130/KH-UBND ngày 07/04/2026"
P001 = "Quyết định số 136/QĐ-UBND ngày 19/01/2024"
P002 = "Kế hoạch thực hiện Chương trình hành động số 98-CTr/TU ngày 20/11/2023"
P003 = "Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030"

# What a finance officer confirms on the links page (each pair was proposed with score 1 or 0,83).
LINKS = [
    (("000", "Tổng sản phẩm trên địa bàn (GRDP)"), ("003", "Tổng sản phẩm trên địa bàn")),
    (
        ("000", "Tổng sản phẩm trên địa bàn bình quân đầu người", "Triệu đồng"),
        ("002", "GRDP bình quân đầu người", "triệu đồng"),
    ),
    (
        ("000", "Tổng sản phẩm trên địa bàn bình quân đầu người", "USD"),
        ("002", "GRDP bình quân đầu người", "USD"),
    ),
    (
        ("001", "Tốc độ tăng tổng sản phẩm trên địa bàn"),
        ("002", "Tốc độ tăng tổng sản phẩm trên địa bàn (GRDP) bình quân hằng năm"),
    ),
    (("000", "Tổng lượng khách du lịch đến năm 2030"), ("003", "Lượng khách du lịch")),
    (("000", "Số lao động có việc làm trong nền kinh tế"), ("003", "Số lao động có việc làm")),
    (
        ("000", "Tốc độ tăng thu nội địa bình quân hằng năm"),
        ("003", "Thu nội địa tăng bình quân hằng năm"),
    ),
    (
        ("000", "Tỷ lệ trường học các cấp đạt chuẩn quốc gia"),
        ("003", "Tỷ lệ trường học đạt chuẩn quốc gia"),
    ),
]


@pytest.fixture
def linked(plans_with_002, taichinh, indicator):
    def ind(seed, name, unit=None):
        return indicator(plans_with_002[seed], name, unit)

    for a, b in LINKS:
        indicator_link_confirm(user=taichinh, a=ind(*a), b=ind(*b))
    return plans_with_002


def _shape(f):
    # the order of the two sides follows import order; the test names the sides, not the order
    return (str(f.kind), frozenset((t.plan, t.period_code, t.text) for t in f.facts))


def _f(kind, targets):
    return (kind, frozenset(targets))


def _findings(report):
    return [_shape(f) for f in report.findings]


def test_000_against_003_on_their_shared_targets(linked):
    got = _findings(crosscheck_report())
    # different numbers for 2030
    assert (
        _f("value", [(P000, "2026-2030", "75,5"), (P003, "2030", "đạt khoảng 73,5 - 74 tuổi")])
        in got
    )
    assert _f("value", [(P000, "2026-2030", "100"), (P003, "2030", "đạt trên 96%")]) in got
    assert _f("value", [(P000, "2026-2030", ">70"), (P003, "2030", "đạt trên 60%")]) in got
    assert _f("value", [(P000, "2026-2030", "≥ 10"), (P003, "2026-2030", "≥ 5%")]) in got
    # the same number, meant differently: exact against approximate, strict against inclusive
    assert (
        _f(
            "qualifier",
            [(P000, "2026-2030", "111.100"), (P003, "2030", "đạt khoảng 111.100 tỷ đồng")],
        )
        in got
    )
    assert (
        _f("qualifier", [(P000, "2026-2030", ">10"), (P003, "2026-2030", "từ 10% trở lên")]) in got
    )
    assert _f("qualifier", [(P000, "2026-2030", "65"), (P003, "2030", "duy trì mức 65%")]) in got
    assert (
        _f(
            "qualifier",
            [(P000, "2026-2030", "10.000"), (P003, "2030", "đạt từ 10.000 tỷ đồng trở lên")],
        )
        in got
    )
    # the same quantity in other units
    assert (
        _f(
            "unit",
            [(P000, "2026-2030", "6.000"), (P003, "2030", "đạt khoảng 6.000.000 lượt người")],
        )
        in got
    )
    assert (
        _f("unit", [(P000, "2026-2030", "339"), (P003, "2030", "đạt khoảng 339.000 người")]) in got
    )
    # the growth rate says the same in both: no finding
    assert not [f for f in got if any(t[2] == "10 - 11" for t in f[1])]


def test_the_messages_carry_the_documents_values_and_lines(linked):
    report = crosscheck_report()
    [life] = [f for f in report.findings if f.indicator.startswith("Tuổi thọ")]
    assert life.message == (
        "Tuổi thọ trung bình tính từ lúc sinh, năm 2030: hai văn bản đặt hai con số khác nhau — "
        f"{P000} ghi “75,5” Tuổi (giai đoạn 2026 - 2030, dòng 30); "
        f"{P003} ghi “đạt khoảng 73,5 - 74 tuổi” (năm 2030, dòng 106)."
    )
    [tourists] = [f for f in report.findings if str(f.kind) == "unit" and "khách" in f.indicator]
    assert "6.000 Nghìn người" in tourists.message and "= 6.000.000 lượt người" in tourists.message


def test_002_sets_grdp_per_head_for_2030_differently_from_000_and_003(linked):
    got = _findings(crosscheck_report())
    assert (
        _f("value", [(P000, "2026-2030", "130"), (P002, "2030", "đạt khoảng 150 triệu đồng")])
        in got
    )
    assert (
        _f(
            "value",
            [
                (P002, "2030", "đạt khoảng 150 triệu đồng"),
                (P003, "2030", "đạt khoảng 130 triệu đồng"),
            ],
        )
        in got
    )
    assert _f("value", [(P000, "2026-2030", "5.000"), (P002, "2030", "khoảng 5.400 USD")]) in got
    assert (
        _f("value", [(P002, "2030", "khoảng 5.400 USD"), (P003, "2030", "khoảng 5.000 USD")]) in got
    )


def test_the_2024_plan_grows_slower_than_the_programme_requires(linked):
    got = _findings(crosscheck_report())
    assert _f("pace", [(P001, "2024", "7 - 7,5"), (P002, "2021-2030", "từ 8 - 9%")]) in got


def test_arithmetic_within_000_and_003(plans):
    report = crosscheck_report()
    # 000 prints the product taxes as row 4, outside "Cơ cấu": the three shares make 94 - 97 %
    [structure] = [f for f in report.findings if str(f.kind) == "structure"]
    assert [(t.name, t.text) for t in structure.facts] == [
        ("Nông, lâm nghiệp và thủy sản", "12 - 13"),
        ("Công nghiệp - xây dựng", "32 - 33"),
        ("Dịch vụ", "50 - 51"),
        ("Thuế sản phẩm trừ trợ cấp sản phẩm", "4 - 5"),
    ]
    assert structure.facts[0].plan == P000
    assert "94 – 97 %" in structure.message and "98 – 102 %" in structure.message
    checks = {(c.name, c.plan): c for c in report.checks if c.ok is not None}
    # 003 lists the taxes inside the structure: 98 - 102 %
    assert checks[("structure", P003)].ok is True
    # 111.100 tỷ đồng / 854 - 856 nghìn người = 129,79 - 130,09 triệu đồng: both plans agree
    for plan in (P000, P003):
        assert checks[("per_head", plan)].ok is True
        assert "129,79 – 130,09" in checks[("per_head", plan)].message
    # no document imported holds the 2025 GRDP, so the level against the growth waits for it
    waiting = [c for c in report.checks if c.name == "level_growth"]
    assert waiting and all(c.ok is None and "năm 2025" in c.message for c in waiting)


def test_the_command_prints_json_for_one_plan(linked):
    out = StringIO()
    call_command("crosscheck", "--plan", "136", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data == {
        "findings": [
            {
                "kind": "pace",
                "indicator": "Tốc độ tăng tổng sản phẩm trên địa bàn",
                "targets": [
                    {"plan": P001, "period": "2024", "text": "7 - 7,5", "line": 14},
                    {"plan": P002, "period": "2021-2030", "text": "từ 8 - 9%", "line": 56},
                ],
                "message": data["findings"][0]["message"],
            }
        ]
    }
    assert "thấp hơn mức bình quân “từ 8 - 9%” mỗi năm" in data["findings"][0]["message"]


def test_002_converts_grdp_per_head_to_usd_at_another_rate(plans_with_002):
    report = crosscheck_report()
    rates = [f for f in report.findings if str(f.kind) == "rate"]
    assert {frozenset(t.plan for t in f.facts) for f in rates} == {
        frozenset({P000, P002}),
        frozenset({P002, P003}),
    }
    [with_000] = [f for f in rates if f.facts[0].plan == P000]
    assert "“130” Triệu đồng = “5.000” USD, tức 26.000 đồng/USD" in with_000.message
    assert "tức 27.778 đồng/USD" in with_000.message
    implied = {c.plan: c.message for c in report.checks if c.name == "usd_rate"}
    assert "26.000 đồng/USD" in implied[P000] and "26.000 đồng/USD" in implied[P003]
