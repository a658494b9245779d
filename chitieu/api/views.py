"""The v1 resources. Reads go through the apps' selectors, writes through their services, and
permission questions to ``chitieu.access`` (inside those services): no rule is copied here."""

from __future__ import annotations

from typing import Any

from django.db.models import F
from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import status, viewsets
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
from chitieu.scenarios.services import (
    ScenarioConflict,
    ScenarioStatusError,
    scenario_version_adopt,
    scenario_version_propose,
)

from . import filters
from . import scenarios as scenario_writes
from .base import V1, refuse_unknown
from .serializers import (
    ActionSerializer,
    EvaluationQuery,
    EvaluationSerializer,
    ObligationSerializer,
    ScenarioSerializer,
    TransitionSerializer,
    VersionSerializer,
    VersionSummarySerializer,
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

    @extend_schema(
        request=scenario_writes.ThresholdsSerializer, responses={200: ScenarioSerializer}
    )
    @action(detail=True, methods=["post"])
    def thresholds(self, request: Request, pk: str | None = None) -> Response:
        """Set how far behind the scenario an actual may fall before people are told (finance)."""
        scenario = get_object_or_404(GrowthScenario, pk=pk)
        scenario = scenario_writes.thresholds_set(
            user=request.user, scenario=scenario, data=request.data
        )
        return Response(ScenarioSerializer(scenario).data)


class VersionViewSet(V1, viewsets.ReadOnlyModelViewSet):  # type: ignore[misc]
    """Versions with the table the engine computes. A new version is the cells changed from the
    latest version (``based_on``); proposing and adopting are the page's buttons."""

    serializer_class = VersionSerializer
    filterset_class = filters.VersionFilter
    queryset = ScenarioVersion.objects.order_by("scenario_id", "number")

    @extend_schema(
        request=scenario_writes.VersionWriteSerializer, responses={201: VersionSerializer}
    )
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        try:
            version = scenario_writes.version_save(user=request.user, data=request.data)
        except ScenarioConflict as exc:
            return Response(
                {
                    "message": str(exc),
                    "field": "based_on",
                    "current": VersionSummarySerializer(exc.latest).data,
                },
                status=status.HTTP_409_CONFLICT,
            )
        return Response(VersionSerializer(version).data, status=status.HTTP_201_CREATED)

    def _status(self, pk: str | None, change: Any) -> Response:
        version = get_object_or_404(ScenarioVersion, pk=pk)
        try:
            version = change(version)
        except ScenarioStatusError as exc:
            return Response(
                {"message": str(exc), "field": "status"}, status=status.HTTP_409_CONFLICT
            )
        return Response(VersionSerializer(version).data)

    @extend_schema(request=None, responses={200: VersionSerializer})
    @action(detail=True, methods=["post"])
    def propose(self, request: Request, pk: str | None = None) -> Response:
        """Put a trial version forward for adoption (finance or statistics)."""
        return self._status(pk, lambda v: scenario_version_propose(version=v, user=request.user))

    @extend_schema(request=None, responses={200: VersionSerializer})
    @action(detail=True, methods=["post"])
    def adopt(self, request: Request, pk: str | None = None) -> Response:
        """Adopt a version (finance): from now on reports and the page use it."""
        return self._status(
            pk,
            lambda v: scenario_version_adopt(version=v, user=request.user, at=timezone.now()),
        )


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
