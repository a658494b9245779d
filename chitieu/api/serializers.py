"""Serializers of what the catalog's and reporting's own modules do not already describe."""

from __future__ import annotations

from typing import Any

from rest_framework import serializers

from chitieu.actions.models import Action, Obligation
from chitieu.reporting.choices import Action as Step
from chitieu.reporting.evaluation import Evaluation
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion
from chitieu.scenarios.selectors import scenario_view, series_labels


class EvaluationSerializer(serializers.Serializer):
    """A target's status, the sentence that explains it and the value it rests on."""

    target = serializers.IntegerField(source="target.pk")
    plan = serializers.IntegerField(source="target.plan_id")
    indicator = serializers.IntegerField(source="target.indicator_id")
    name = serializers.CharField(source="target.printed_name")
    unit = serializers.CharField(source="target.printed_unit")
    target_text = serializers.CharField(source="target.printed_text")
    period = serializers.CharField(source="target.period_code")
    status = serializers.CharField()
    status_label = serializers.CharField(source="get_status_label")
    sentence = serializers.CharField()
    value = serializers.DecimalField(max_digits=24, decimal_places=6, allow_null=True)
    value_period = serializers.SerializerMethodField()
    provisional_status = serializers.SerializerMethodField()

    def get_value_period(self, e: Evaluation) -> str | None:
        c = e.counted if e.value is not None else None
        return c.period_code if c else None

    def get_provisional_status(self, e: Evaluation) -> str | None:
        return e.provisional.status if e.provisional else None


class EvaluationQuery(serializers.Serializer):
    """The evaluation list's filters."""

    plan = serializers.IntegerField(required=False, min_value=1)
    indicator = serializers.IntegerField(required=False, min_value=1)
    organization = serializers.IntegerField(required=False, min_value=1)
    period = serializers.CharField(required=False, max_length=20)
    status = serializers.CharField(required=False, max_length=20)


class VersionSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = ScenarioVersion
        fields = ["id", "number", "kind", "status", "note", "created_at", "adopted_at"]


class ScenarioSerializer(serializers.ModelSerializer):
    versions = VersionSummarySerializer(many=True, read_only=True)

    class Meta:
        model = GrowthScenario
        fields = [
            "id",
            "year",
            "title",
            "source",
            "alert_points",
            "alert_percent",
            "created_at",
            "versions",
        ]


class VersionSerializer(serializers.ModelSerializer):
    """A version's input, what it published, and the table the engine computes from it."""

    table = serializers.SerializerMethodField()

    class Meta:
        model = ScenarioVersion
        fields = [
            "id",
            "scenario",
            "number",
            "kind",
            "status",
            "note",
            "created_at",
            "adopted_at",
            "data",
            "published",
            "table",
        ]

    def get_table(self, v: ScenarioVersion) -> dict[str, Any]:
        view = scenario_view(v.data, v.published, series_labels(v.data))

        def rows(items: list[Any]) -> list[dict[str, Any]]:
            return [
                {
                    "series": r.series,
                    "label": r.label,
                    "level": r.level,
                    "values": [None if c.value is None else round(c.value, 4) for c in r.cells],
                }
                for r in items
            ]

        return {
            "columns": [code for code, _ in view.columns],
            "growth": rows(view.rows),
            "contributions": rows(view.contributions),
            "error": str(view.error) if view.error else None,
        }


class ActionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Action
        fields = [
            "id",
            "title",
            "plan",
            "source",
            "section",
            "lead",
            "coordinating",
            "start_on",
            "deadline",
            "expected_result",
            "quantity",
            "quantity_unit",
            "target",
            "status",
            "progress",
        ]


class ObligationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Obligation
        fields = [
            "id",
            "name",
            "organization",
            "recipient",
            "frequency",
            "day",
            "months_after",
            "before",
            "depends_on",
            "active",
        ]


class TransitionSerializer(serializers.Serializer):
    """A workflow step on a figure: submit, verify, approve, return (with a reason), reopen."""

    action = serializers.ChoiceField(
        choices=[(a.value, a.label) for a in Step if a not in (Step.CREATE, Step.UPDATE)]
    )
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)
