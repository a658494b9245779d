"""The v1 resources. Reads go through the apps' selectors, writes through their services, and
permission questions to ``chitieu.access`` (inside those services): no rule is copied here."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from chitieu.actions.models import Action, Obligation
from chitieu.catalog import selectors as catalog
from chitieu.catalog.models import Plan, Target
from chitieu.catalog.serializers import (
    IndicatorSerializer,
    OrganizationSerializer,
    PlanSerializer,
    TargetSerializer,
)
from chitieu.reporting import api as reporting_api
from chitieu.reporting import selectors as reporting
from chitieu.reporting.models import Figure
from chitieu.reporting.services import figure_transition
from chitieu.scenarios.models import GrowthScenario, ScenarioVersion

from . import filters
from .base import V1, refuse_unknown
from .serializers import (
    ActionSerializer,
    EvaluationQuery,
    EvaluationSerializer,
    ObligationSerializer,
    ScenarioSerializer,
    TransitionSerializer,
    VersionSerializer,
)


class PlanViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    serializer_class = PlanSerializer
    filterset_class = filters.PlanFilter
    # undated plans last on every database (PostgreSQL puts NULLs first in a descending order)
    queryset = catalog.plan_list().order_by(F("issued_on").desc(nulls_last=True), "pk")


class IndicatorViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    serializer_class = IndicatorSerializer
    filterset_class = filters.IndicatorFilter
    queryset = catalog.indicator_list().order_by("group", "name", "pk")


class TargetViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    serializer_class = TargetSerializer
    filterset_class = filters.TargetFilter
    queryset = Target.objects.prefetch_related("responsibilities__organization").order_by(
        "plan_id", "position"
    )


class OrganizationViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    serializer_class = OrganizationSerializer
    filterset_class = filters.OrganizationFilter
    queryset = catalog.organization_list().order_by("name")


class FigureViewSet(V1, reporting_api.FigureViewSet):  # type: ignore[misc]
    """Figures; create and change them with the revision you saw (an old one answers 409 and
    changes nothing), and move them through the workflow."""

    filterset_class = filters.FigureFilter

    def get_queryset(self):  # type: ignore[no-untyped-def]
        return reporting.figure_list()

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        response = super().finalize_response(request, response, *args, **kwargs)
        if response.status_code == 409 and isinstance(response.data, dict):
            # the conflict is about the revision the writer saw
            response.data["field"] = "revision"
        return response

    @extend_schema(request=TransitionSerializer, responses={200: reporting_api.FigureSerializer})
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """One workflow step: submit, verify, approve, return (reason required) or reopen."""
        figure = get_object_or_404(Figure, pk=pk)
        s = TransitionSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        figure = figure_transition(
            user=request.user,
            figure=figure,
            action=s.validated_data["action"],
            reason=s.validated_data["reason"],
        )
        return Response(reporting_api.FigureSerializer(figure).data)


class EvaluationViewSet(V1, viewsets.GenericViewSet):  # type: ignore[misc]
    """Statuses of a plan's targets (approved figures; the provisional status beside them)."""

    serializer_class = EvaluationSerializer
    filter_backends: list[Any] = []

    @extend_schema(
        parameters=[
            OpenApiParameter(name, int if name != "period" and name != "status" else str)
            for name in EvaluationQuery().fields
        ]
    )
    def list(self, request: Request) -> Response:
        refuse_unknown(request, set(EvaluationQuery().fields))
        q = EvaluationQuery(data=request.query_params)
        q.is_valid(raise_exception=True)
        f = q.validated_data
        plan = get_object_or_404(Plan, pk=f["plan"]) if "plan" in f else reporting.default_plan()
        items = [] if plan is None else reporting.overview(plan).evaluations
        if "indicator" in f:
            items = [e for e in items if e.target.indicator_id == f["indicator"]]
        if "organization" in f:
            items = [
                e
                for e in items
                if any(
                    r.organization_id == f["organization"] for r in getattr(e.target, "leads", [])
                )
            ]
        if "period" in f:
            items = [e for e in items if e.target.period_code == f["period"]]
        if "status" in f:
            items = [e for e in items if e.status == f["status"]]
        page = self.paginate_queryset(items)
        return self.get_paginated_response(EvaluationSerializer(page, many=True).data)


class ScenarioViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    serializer_class = ScenarioSerializer
    queryset = GrowthScenario.objects.prefetch_related("versions").order_by("-year", "pk")
    filter_backends: list[Any] = []

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        refuse_unknown(request, set())
        return super().list(request, *args, **kwargs)


class VersionViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    serializer_class = VersionSerializer
    filterset_class = filters.VersionFilter
    queryset = ScenarioVersion.objects.order_by("scenario_id", "number")


class ActionViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    serializer_class = ActionSerializer
    filterset_class = filters.ActionFilter
    queryset = Action.objects.prefetch_related("coordinating").order_by(
        F("deadline").asc(nulls_last=True), "pk"
    )


class ObligationViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    serializer_class = ObligationSerializer
    filterset_class = filters.ObligationFilter
    queryset = Obligation.objects.prefetch_related("depends_on").order_by("day", "name", "pk")
