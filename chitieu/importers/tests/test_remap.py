"""The roles a person chooses in the preview: laid over the proposal, checked, remembered."""

import pytest

from chitieu.importers import read_document
from chitieu.importers.columns import Mapping
from chitieu.importers.remap import (
    Choice,
    ChoiceError,
    apply_choices,
    confidence_words,
    parse_choice,
    problems,
    remembered_onto,
    role_label,
    undecided,
)

from .shapes import ONE_YEAR_TWICE, PERIODS, build


def _proposal(shape, fmt="xlsx", directory=None):
    doc = read_document(build(shape, fmt), f"x.{fmt}", directory)
    table = doc.tables[0]
    return doc, table["label"], Mapping.from_dict(table["mapping"])


def test_two_unlabelled_columns_of_one_year_are_asked_not_assumed(directory):
    _, label, proposed = _proposal(ONE_YEAR_TWICE, directory=directory)
    asked = undecided(proposed, label, {})
    assert asked == [
        f"{label}, cột 4 “Năm 2025 / Giao”: chưa rõ chứa gì, máy đoán là “Mục tiêu (kỳ 2025)” — "
        "hãy chọn vai trò cho cột này.",
        f"{label}, cột 5 “Năm 2025 / Đạt được”: chưa rõ chứa gì, máy đoán là “Mục tiêu (kỳ 2025)” — "
        "hãy chọn vai trò cho cột này.",
    ]
    # once both are decided nothing is left to ask
    chosen = {3: Choice("target", "2025"), 4: Choice("actual", "2025")}
    assert undecided(proposed, label, chosen) == []


def test_a_column_switched_to_actual_gives_actual_rows_under_the_plain_name(directory):
    # given the proposal: both 2025 columns taken as targets told apart by their sub-headings
    _, label, proposed = _proposal(ONE_YEAR_TWICE, directory=directory)
    # when the person says "Đạt được" is what was achieved
    chosen = apply_choices(proposed, {3: Choice("target", "2025"), 4: Choice("actual", "2025")})
    doc = read_document(
        build(ONE_YEAR_TWICE, "xlsx"), "x.xlsx", directory, mappings={label: chosen}
    )
    # then the row is an actual, and the target alone in its year needs no "(Giao)"
    assert [(r.no, r.name, r.kind, r.period, r.target_text) for r in doc.rows] == [
        ("1", "Tổng sản phẩm trên địa bàn (GRDP)", "target", "2025", "100.000"),
        ("1", "Tổng sản phẩm trên địa bàn (GRDP)", "target", "2026", "112.000"),
        ("1", "Tổng sản phẩm trên địa bàn (GRDP)", "actual", "2025", "101.500"),
        ("2", "Tỷ lệ che phủ rừng", "target", "2025", "64"),
        ("2", "Tỷ lệ che phủ rừng", "target", "2026", "64,5"),
        ("2", "Tỷ lệ che phủ rừng", "actual", "2025", "64,3"),
    ]
    # and the proposal the preview shows beside the choice is untouched
    assert [c.role for c in proposed.columns][3:5] == ["target", "target"]
    assert proposed.columns[3].measure == "Giao"


def test_a_column_ignored_and_a_period_changed(directory):
    _, label, proposed = _proposal(ONE_YEAR_TWICE, directory=directory)
    chosen = apply_choices(
        proposed,
        {3: Choice("ignore"), 4: Choice("ignore"), 5: Choice("target", "2026-2030")},
    )
    doc = read_document(
        build(ONE_YEAR_TWICE, "xlsx"), "x.xlsx", directory, mappings={label: chosen}
    )
    assert [(r.kind, r.period, r.target_text) for r in doc.rows] == [
        ("target", "2026-2030", "112.000"),
        ("target", "2026-2030", "64,5"),
    ]


@pytest.mark.parametrize(
    "value, expected",
    [
        ("", None),
        ("indicator", Choice("indicator")),
        ("target@2026", Choice("target", "2026")),
        ("actual@2021-2025", Choice("actual", "2021-2025")),
        ("target@", Choice("target", "")),
    ],
)
def test_the_form_value_of_a_role(value, expected):
    assert parse_choice(value) == expected
    if expected is not None:
        assert parse_choice(expected.value) == expected


@pytest.mark.parametrize("value", ["owner", "target@năm sau", "unit@2026", "target@2026-20"])
def test_a_value_no_select_offers_is_refused(value):
    with pytest.raises(ChoiceError):
        parse_choice(value)


def test_roles_that_cannot_be_read_are_named(directory):
    _, label, proposed = _proposal(PERIODS, "html", directory)
    chosen = apply_choices(proposed, {1: Choice("ignore"), 2: Choice("lead")})
    assert problems(chosen, label) == [
        f"{label}: chưa có cột nào là “Chỉ tiêu” — hãy chọn cột tên chỉ tiêu.",
        f"{label}: cột 3 “Đơn vị tính” và cột 7 “Cơ quan chủ trì” cùng là “Chủ trì”; "
        "mỗi bảng chỉ có một cột như vậy.",
    ]
    assert problems(proposed, label) == []


def test_a_remembered_mapping_keeps_this_tables_own_header_rows(directory):
    # given a mapping confirmed on a sheet whose table started two rows lower
    _, label, proposed = _proposal(ONE_YEAR_TWICE, directory=directory)
    confirmed = apply_choices(proposed, {3: Choice("target", "2025"), 4: Choice("actual", "2025")})
    confirmed.header_rows += 2
    # when it is laid on this table
    mapping = remembered_onto(proposed, Mapping.from_dict(confirmed.as_dict()))
    # then the roles are the confirmed ones, certain, and the header is this table's
    assert mapping.header_rows == proposed.header_rows
    assert [(c.role, c.period) for c in mapping.columns][3:5] == [
        ("target", "2025"),
        ("actual", "2025"),
    ]
    assert undecided(mapping, label, {}) == []


def test_labels_and_confidence_in_words():
    assert role_label("target", "2026") == "Mục tiêu (kỳ 2026)"
    assert role_label("actual", "", "2026") == "Thực hiện/ước thực hiện (kỳ của văn bản: 2026)"
    assert role_label("organisation") == "Đơn vị (cột theo xã/cơ quan)"
    assert [confidence_words(c) for c in (1.0, 0.95, 0.8, 0.7, 0.6)] == [
        "chắc chắn",
        "gần như chắc chắn",
        "khá chắc",
        "có thể, nên xem lại",
        "không chắc — hãy chọn",
    ]
