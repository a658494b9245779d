"""The filters that write periods and sources the way people do."""

from types import SimpleNamespace

import pytest

from chitieu.web.templatetags.vn import ky, source_of, vnnum


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("2026-10", "Tháng 10/2026"),
        ("2026-Q3", "Quý III/2026"),
        ("2026-H1", "6 tháng đầu năm 2026"),
        ("2025", "Năm 2025"),
        ("2026-2030", "Giai đoạn 2026 - 2030"),
        ("không-phải-kỳ", "không-phải-kỳ"),
    ],
)
def test_a_period_code_is_written_as_people_write_it(code, shown):
    assert ky(code) == shown


def test_in_a_sentence_the_period_starts_lower_case():
    assert ky("2026-Q3", "thường") == "quý III/2026"
    assert ky("2026-2030", "thường") == "giai đoạn 2026 - 2030"


def test_a_year_is_never_grouped_but_a_figure_is():
    assert ky("2026") == "Năm 2026"
    assert vnnum(2026) == "2.026"  # a figure of 2026 people is grouped; a year never passes here


def test_a_plan_is_cited_by_its_file_name_unless_a_machine_named_the_file():
    named = SimpleNamespace(
        source_name="KH 130 phu luc.docx", reference="Kế hoạch số 130", title=""
    )
    stored = SimpleNamespace(
        source_name="000_2572cdf0c591401d.txt", reference="Kế hoạch số 130/KH-UBND", title="PL"
    )
    untitled = SimpleNamespace(
        source_name="003_9c9170de04c84ef3.txt", reference="", title="KH 5 năm"
    )
    assert source_of(named) == "KH 130 phu luc.docx"
    assert source_of(stored) == "Kế hoạch số 130/KH-UBND"
    assert source_of(untitled) == "KH 5 năm"
