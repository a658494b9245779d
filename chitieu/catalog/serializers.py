from rest_framework import serializers

from chitieu.organizations.models import Organization

from .models import Indicator, Plan, Responsibility, Target


class OrganizationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "kind", "active", "successor"]


class IndicatorSerializer(serializers.ModelSerializer):
    class Meta:
        model = Indicator
        fields = ["id", "name", "unit", "group", "parent", "direction", "is_structure"]


class ResponsibilitySerializer(serializers.ModelSerializer):
    organization = serializers.CharField(source="organization.name")

    class Meta:
        model = Responsibility
        fields = ["organization", "role"]


class TargetSerializer(serializers.ModelSerializer):
    responsibilities = ResponsibilitySerializer(many=True, read_only=True)
    description = serializers.SerializerMethodField()

    class Meta:
        model = Target
        fields = [
            "id",
            "plan",
            "indicator",
            "period_code",
            "row_no",
            "parent_no",
            "printed_name",
            "printed_unit",
            "printed_text",
            "kind",
            "low",
            "high",
            "value",
            "strict",
            "description",
            "lead_text",
            "coordinating_text",
            "unresolved_agencies",
            "responsibilities",
            "source_line",
        ]

    def get_description(self, obj: Target) -> str:
        t = obj.typed
        return t.describe() if t else ""


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = [
            "id",
            "kind",
            "doc_kind",
            "number",
            "issued_on",
            "issuer",
            "title",
            "period_code",
            "status",
            "source_name",
            "source_checksum",
            "layout",
            "warnings",
        ]
