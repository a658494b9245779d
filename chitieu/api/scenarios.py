"""Scenario writes through the API: a version from a grid, proposing, adopting, thresholds.

Each goes through the function the scenario page calls (``scenarios.forms.grid_to_data`` reads
the cells, ``scenarios.services`` writes and asks who may), so a machine meets the page's rules:
the same refusals, the same stale-version check, the same message for a bad cell."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.exceptions import ValidationError

from chitieu.core.growth.model import GrowthError
from chitieu.core.numbers import NumberError, parse_number
from chitieu.scenarios.forms import QUARTERS, grid_to_data
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion
from chitieu.scenarios.services import (
    ScenarioStatusError,
    scenario_require,
    scenario_set_thresholds,
    scenario_version_save,
)

NUMBER_SCHEMA = {
    "oneOf": [{"type": "number"}, {"type": "string", "maxLength": 40}],
    "description": "Số: 7.02 (JSON) hoặc chuỗi “7,02”, “1.234,5”.",
}
GRID_SCHEMA = {
    "type": "object",
    "description": "Theo khu vực (mã chuỗi, ví dụ “A”), rồi theo quý (Q1-Q4): chỉ những ô đổi.",
    "additionalProperties": {
        "type": "object",
        "properties": {q: NUMBER_SCHEMA for q in QUARTERS},
        "additionalProperties": False,
    },
}


@extend_schema_field(NUMBER_SCHEMA)
class NumberText(serializers.Field):  # type: ignore[type-arg]
    """A number as JSON or as text written the Vietnamese way; passed on as text, so the page's
    reader is the one that parses it."""

    def to_internal_value(self, data: Any) -> str:
        try:
            return cell_text(data, self.field_name)
        except ValidationError as exc:  # the field's own error, not one nested under its name
            raise ValidationError(exc.detail[self.field_name]) from exc  # type: ignore[index,call-overload]

    def to_representation(self, value: Any) -> Any:
        return value


@extend_schema_field(GRID_SCHEMA)
class GridField(serializers.JSONField):
    pass


def cell_text(value: Any, where: str) -> str:
    """A posted cell as the text the grid reader takes; a JSON number keeps its exact digits."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ValidationError({where: f"{where}: cần một số, ví dụ 7,02."})
    text = value if isinstance(value, str) else format(Decimal(str(value)), "f")
    if len(text) > 40:
        raise ValidationError({where: f"{where}: “{text[:20]}…” dài quá 40 ký tự, không phải số."})
    return text


class VersionWriteSerializer(serializers.Serializer):
    """A new version: the cells changed from the version ``based_on`` (the latest one seen)."""

    scenario = serializers.IntegerField(min_value=1, max_value=2**31 - 1)
    based_on = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        help_text="Số phiên bản đang sửa (phiên bản mới nhất); đã cũ thì trả 409, không lưu gì.",
    )
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    growth = GridField(required=False, help_text="Tốc độ tăng so với cùng kỳ (%).")
    base = GridField(required=False, help_text="Giá trị gốc (lớn hơn 0).")
    target = NumberText(required=False, help_text="Mục tiêu tăng trưởng cả năm (%).")
    rule = serializers.ChoiceField(choices=["additive", "proportional"], required=False)


class ThresholdsSerializer(serializers.Serializer):
    """How far behind the scenario an actual may fall before people are told."""

    points = NumberText(help_text="Tăng trưởng thấp hơn kịch bản quá bao nhiêu điểm %.")
    percent = NumberText(help_text="Chỉ tiêu dẫn dắt chậm quá bao nhiêu % tiến độ.")


def posted_grid(data: dict[str, Any], components: list[str]) -> tuple[dict[str, str], dict]:
    """The request's cells as the page's form posts them (``g_A_Q1``…), and which request field
    each posted name stands for, so an error names the cell the sender wrote."""
    post: dict[str, str] = {}
    where: dict[str, str] = {}
    for key, prefix in (("growth", "g"), ("base", "b")):
        grid = data.get(key)
        if grid is None:
            continue
        if not isinstance(grid, dict):
            raise ValidationError({key: f"{key}: cần {{khu vực: {{quý: số}}}}."})
        for comp, quarters in grid.items():
            if comp not in components:
                raise ValidationError(
                    {
                        f"{key}.{comp}"[:80]: f"Không có khu vực “{str(comp)[:40]}”; "
                        f"các khu vực: {', '.join(sorted(components))}."
                    }
                )
            if not isinstance(quarters, dict):
                raise ValidationError({f"{key}.{comp}": f"{key}.{comp}: cần {{quý: số}}."})
            for q, value in quarters.items():
                if q not in QUARTERS:
                    raise ValidationError(
                        {f"{key}.{comp}.{q}"[:80]: f"Quý “{str(q)[:20]}” không có; dùng Q1-Q4."}
                    )
                name = f"{prefix}_{comp}_{q}"
                post[name] = cell_text(value, f"{key}.{comp}.{q}")
                where[name] = f"{key}.{comp}.{q}"
    if "target" in data:
        post["target"] = data["target"]
        where["target"] = "target"
    if "rule" in data:
        post["rule"] = data["rule"]
    return post, where


def version_save(*, user: Any, data: dict[str, Any]) -> ScenarioVersion:
    """Save a version as the page's save button does; raises what the API answers."""
    scenario_require(user, "save")
    s = VersionWriteSerializer(data=data)
    s.is_valid(raise_exception=True)
    d = s.validated_data
    scenario = GrowthScenario.objects.filter(pk=d["scenario"]).first()
    if scenario is None:
        raise ValidationError({"scenario": f"Không có kịch bản mã {d['scenario']}."})
    version = ScenarioVersion.objects.filter(scenario=scenario, number=d["based_on"]).first()
    if version is None:
        raise ValidationError(
            {"based_on": f"Kịch bản “{scenario.title}” không có phiên bản {d['based_on']}."}
        )
    post, where = posted_grid(d, list(version.data.get("components") or []))
    new, errors = grid_to_data(post, version.data)
    if errors:
        raise ValidationError({where.get(name, name): message for name, message in errors.items()})
    if new == version.data:
        raise ValidationError(
            {
                "non_field_errors": f"Không có ô nào khác phiên bản {version.number}: chưa lưu phiên bản mới."
            }
        )
    try:
        return scenario_version_save(
            scenario=scenario, data=new, based_on=version.number, note=d["note"], user=user
        )
    except GrowthError as exc:
        raise ValidationError({exc.field: exc.message}) from exc


def thresholds_set(*, user: Any, scenario: GrowthScenario, data: dict[str, Any]) -> GrowthScenario:
    """Set the scenario's alert thresholds as finance does on the page."""
    scenario_require(user, "adopt")
    s = ThresholdsSerializer(data=data)
    s.is_valid(raise_exception=True)
    values = {}
    for name in ("points", "percent"):
        try:
            values[name] = parse_number(s.validated_data[name])
        except NumberError as exc:
            raise ValidationError({name: f"Ngưỡng không đọc được: {exc}"}) from exc
    try:
        return scenario_set_thresholds(scenario=scenario, user=user, **values)
    except ScenarioStatusError as exc:  # out of range: about both values together
        raise ValidationError({"non_field_errors": str(exc)}) from exc
