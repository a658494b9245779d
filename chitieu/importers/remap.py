"""The column roles a person chooses in the preview, laid over the reader's proposal.

The preview's form sends one value per column: a role, with the period for a target or an
actual column ("target@2026"), or "" for a column the person has not decided. Columns the
reader was unsure of must be decided before anything is saved; the others keep the proposal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from chitieu.core.text import clean

from .columns import ROLE_LABELS, ROLES, ColumnRole, Mapping, kind_of

SURE = 0.7  # below this the reader's guess is shown but the person is asked to choose
CHOSEN = 1.0
# Roles the reader takes from one column only: a second one would be silently left out.
ONE_COLUMN = ("number", "indicator", "unit", "lead", "coordinating", "deadline")
WITH_PERIOD = ("target", "actual")
_PERIOD = re.compile(r"^(?:19|20)\d{2}(?:-(?:19|20)\d{2})?$")
_UNIT = re.compile(r"\(([^()]{1,20})\)\s*$")  # "Lượng (Tấn)"


@dataclass(frozen=True)
class Choice:
    """One column's role as the person set it."""

    role: str
    period: str = ""

    @property
    def value(self) -> str:
        return f"{self.role}@{self.period}" if self.role in WITH_PERIOD else self.role


class ChoiceError(ValueError):
    """A value the form should never send (an edited page); the message is Vietnamese."""


def parse_choice(value: str) -> Choice | None:
    """ "target@2026" -> Choice("target", "2026"); "" -> None (not decided)."""
    value = value.strip()
    if not value:
        return None
    role, _, period = value.partition("@")
    if role not in ROLES:
        raise ChoiceError(f"vai trò “{role}” không có trong danh sách")
    if period and (role not in WITH_PERIOD or not _PERIOD.match(period)):
        raise ChoiceError(f"kỳ “{period}” không hợp lệ cho vai trò này")
    return Choice(role, period)


def choice_of(col: ColumnRole) -> Choice:
    """The column's role as it stands, in the form's terms."""
    return Choice(col.role, col.period if col.role in WITH_PERIOD else "")


def is_sure(col: ColumnRole) -> bool:
    return col.confidence >= SURE


def role_label(role: str, period: str = "", document_period: str = "") -> str:
    """ "Mục tiêu (kỳ 2026)"; a target without its own period is for the document's."""
    label = ROLE_LABELS[role]
    if role not in WITH_PERIOD:
        return label
    if period:
        return f"{label} (kỳ {period})"
    return f"{label} (kỳ của văn bản{': ' + document_period if document_period else ''})"


def confidence_words(confidence: float) -> str:
    """How sure the reader is, as a person would say it."""
    if confidence >= CHOSEN:
        return "chắc chắn"
    if confidence >= 0.9:
        return "gần như chắc chắn"
    if confidence >= 0.8:
        return "khá chắc"
    if confidence >= SURE:
        return "có thể, nên xem lại"
    return "không chắc — hãy chọn"


def _leaf(header: str) -> str:
    return header.rsplit(" / ", 1)[-1]


def apply_choices(proposed: Mapping, choices: dict[int, Choice]) -> Mapping:
    """The proposal with the roles the person set (each then certain); others as proposed."""
    columns = []
    for col in proposed.columns:
        choice = choices.get(col.index)
        if choice is None:
            columns.append(replace(col))  # a copy: the proposal stays as read
            continue
        organisation = col.organisation or _leaf(col.header)
        columns.append(
            replace(
                col,
                role=choice.role,
                period=choice.period if choice.role in WITH_PERIOD else "",
                organisation=organisation if choice.role == "organisation" else "",
                confidence=CHOSEN,
            )
        )
    mapping = Mapping(columns, proposed.header_rows, proposed.kind, list(proposed.warnings))
    _name_measures(mapping)
    mapping.kind = kind_of(mapping)
    return mapping


def _name_measures(mapping: Mapping) -> None:
    # Two target columns of one period need their sub-headings to tell their rows apart;
    # a target left alone in its period needs none.
    for role in WITH_PERIOD:
        by_period: dict[str, list[ColumnRole]] = {}
        for col in mapping.of(role):
            by_period.setdefault(col.period, []).append(col)
        for same in by_period.values():
            for col in same:
                col.measure = (
                    (col.measure or clean(_UNIT.sub("", _leaf(col.header))))
                    if len(same) > 1
                    else ""
                )


def remembered_onto(proposed: Mapping, remembered: Mapping) -> Mapping:
    """A mapping confirmed for a table of the same headings, on this table's own header rows."""
    if len(remembered.columns) != len(proposed.columns):
        return proposed
    columns = [
        replace(
            mine,
            role=theirs.role,
            period=theirs.period,
            organisation=theirs.organisation,
            measure=theirs.measure,
            unit=theirs.unit,
            confidence=CHOSEN,
        )
        for mine, theirs in zip(proposed.columns, remembered.columns, strict=True)
    ]
    return Mapping(columns, proposed.header_rows, remembered.kind)


def _named(label: str, col: ColumnRole) -> str:
    return f"{label}, cột {col.index + 1} “{col.header}”"


def undecided(mapping: Mapping, label: str, choices: dict[int, Choice]) -> list[str]:
    """A message for each column the reader was unsure of and the person has not decided."""
    return [
        f"{_named(label, col)}: chưa rõ chứa gì, máy đoán là “{role_label(col.role, col.period)}” — "
        "hãy chọn vai trò cho cột này."
        for col in mapping.columns
        if not is_sure(col) and col.index not in choices
    ]


def problems(mapping: Mapping, label: str) -> list[str]:
    """Why the rows cannot be read with these roles, naming the columns."""
    out = []
    if not mapping.of("indicator"):
        out.append(f"{label}: chưa có cột nào là “Chỉ tiêu” — hãy chọn cột tên chỉ tiêu.")
    for role in ONE_COLUMN:
        cols = mapping.of(role)
        if len(cols) > 1:
            named = " và ".join(f"cột {c.index + 1} “{c.header}”" for c in cols)
            out.append(
                f"{label}: {named} cùng là “{ROLE_LABELS[role]}”; mỗi bảng chỉ có một cột như vậy."
            )
    return out
