"""Validation rules, kept as data (ValidationRule rows) and explained to the reporter."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from django.db import connection

from chitieu.catalog.models import Indicator
from chitieu.core.numbers import format_number

from .choices import RuleKind
from .models import ValidationRule

# Read on every save of a figure: plain SQL, which the ORM would take ten times as long to build
# as the database takes to answer (decision 0037).
_RULES_SQL = (
    "SELECT id, kind, indicator_id, params FROM reporting_validationrule "
    "WHERE active = %s AND indicator_id IN ({}) ORDER BY id"
)


def active_rules(indicator_ids: Iterable[int]) -> dict[int, list[ValidationRule]]:
    """The active rules of many indicators in one query, in the order they were made (an indicator
    without any is absent)."""
    ids = sorted(set(indicator_ids))
    out: dict[int, list[ValidationRule]] = {}
    if not ids:
        return out
    decode = ValidationRule._meta.get_field("params").from_db_value
    with connection.cursor() as cursor:
        cursor.execute(_RULES_SQL.format(", ".join(["%s"] * len(ids))), [True, *ids])
        for pk, kind, indicator_id, params in cursor.fetchall():
            rule = ValidationRule(
                id=pk,
                kind=kind,
                indicator_id=indicator_id,
                params=decode(params, None, connection),
                active=True,
            )
            rule._state.adding = False  # a stored rule, as the ORM would have loaded it
            out.setdefault(indicator_id, []).append(rule)
    return out


def rules_for(indicator: Indicator) -> list[ValidationRule]:
    return active_rules([indicator.pk]).get(indicator.pk, [])


def describe(rule: ValidationRule) -> str:
    """The rule in a sentence, shown beside the entry form."""
    p = rule.params
    match rule.kind:
        case RuleKind.PERCENT_RANGE:
            return f"Giá trị là tỷ lệ phần trăm: phải từ {p.get('min', 0)} đến {p.get('max', 100)}."
        case RuleKind.STRUCTURE_SUM:
            return (
                f"Các phần của cơ cấu này cộng lại phải bằng 100 % (sai lệch cho phép "
                f"{format_number(Decimal(str(p.get('tolerance', '0.1'))))} điểm %)."
            )
        case RuleKind.PER_CAPITA:
            return "Bình quân đầu người phải khớp với tổng sản phẩm chia dân số cùng kỳ (sai lệch cho phép 1 %)."
        case RuleKind.JUMP:
            return (
                f"Nếu thay đổi quá {format_number(Decimal(str(p.get('threshold', 20))))} % so với kỳ trước, "
                "phải ghi giải thích trước khi gửi."
            )
    return rule.get_kind_display()


def hard_errors(
    indicator: Indicator, value: Decimal, rules: list[ValidationRule] | None = None
) -> list[str]:
    """Checks that refuse the value outright; ``rules`` when the caller has read them already."""
    out = []
    for rule in rules_for(indicator) if rules is None else rules:
        if rule.kind == RuleKind.PERCENT_RANGE:
            lo, hi = (
                Decimal(str(rule.params.get("min", 0))),
                Decimal(str(rule.params.get("max", 100))),
            )
            if not lo <= value <= hi:
                out.append(
                    f"{format_number(value)} nằm ngoài khoảng {format_number(lo)} - {format_number(hi)} của tỷ lệ này"
                )
        elif rule.kind == RuleKind.STRUCTURE_SUM and not 0 <= value <= 100 and not out:
            # a part of a structure is a share of its whole, even with no range rule of its own
            out.append(
                f"{format_number(value)} nằm ngoài khoảng 0 - 100: đây là tỷ trọng một phần của "
                "cơ cấu (các phần cộng lại bằng 100 %)"
            )
    return out
