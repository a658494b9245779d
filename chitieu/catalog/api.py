"""Read-only REST API over the catalog."""

import re

from rest_framework import viewsets
from rest_framework.exceptions import ValidationError

from chitieu.organizations.models import Organization

from .models import Indicator, Plan, Target
from .serializers import (
    IndicatorSerializer,
    OrganizationSerializer,
    PlanSerializer,
    TargetSerializer,
)


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Plan.objects.all()
    serializer_class = PlanSerializer


class IndicatorViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Indicator.objects.all()
    serializer_class = IndicatorSerializer


class TargetViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = TargetSerializer
    filterset_fields = ["plan", "indicator"]

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = Target.objects.prefetch_related("responsibilities__organization").order_by(
            "plan_id", "position"
        )
        for field in ("plan", "indicator"):
            value = self.request.query_params.get(field, "")
            if not value:
                continue
            # a filter that cannot be read is refused (400), never dropped to return everything
            if not re.fullmatch(r"[0-9]{1,15}", value):
                raise ValidationError({field: f"“{value[:40]}” không hợp lệ: cần mã số nguyên."})
            qs = qs.filter(**{f"{field}_id": int(value)})
        return qs


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
