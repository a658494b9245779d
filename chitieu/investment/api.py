"""REST API for projects (read) and monthly disbursement (read, create, change, submit/approve/
return). Reads need a role like the pages; writes go through the services, so a stale revision
answers 409 and a refused value 400, exactly as on the project page."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from . import rules, selectors
from .choices import DisbursementAction
from .models import Disbursement, Project
from .services import (
    MISSING_REVISION,
    DisbursementConflict,
    InvestmentError,
    disbursement_save,
    disbursement_transition,
)


class ProjectSerializer(serializers.ModelSerializer):
    agency = serializers.CharField(source="agency.name")
    communes = serializers.SlugRelatedField(many=True, read_only=True, slug_field="name")

    class Meta:
        model = Project
        fields = [
            "id",
            "code",
            "name",
            "investor",
            "agency",
            "communes",
            "sector",
            "source",
            "group",
            "year",
            "total_investment",
            "capital_plan",
            "printed_amount",
            "revision",
        ]
        read_only_fields = fields


class DisbursementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Disbursement
        fields = [
            "id",
            "project",
            "year",
            "month",
            "amount",
            "status",
            "revision",
            "note",
            "entry_source",
            "updated_at",
        ]
        read_only_fields = fields


class DisbursementChangeSerializer(serializers.Serializer):
    """The amount (tỷ đồng) and the revision the writer saw (required; 0 for a new month)."""

    amount = serializers.CharField(max_length=40)
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    revision = serializers.IntegerField(
        min_value=0, error_messages={"required": MISSING_REVISION, "null": MISSING_REVISION}
    )


class DisbursementCreateSerializer(DisbursementChangeSerializer):
    project = serializers.PrimaryKeyRelatedField(queryset=Project.objects.all())
    month = serializers.IntegerField(min_value=1, max_value=12)


class DisbursementTransitionSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=DisbursementAction.choices)
    revision = serializers.IntegerField(min_value=0)
    reason = serializers.CharField(required=False, allow_blank=True, default="")


def _digits(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    if value == "":
        return None
    if not value.isdigit():
        raise ValidationError({name: f"“{value}” không phải số."})
    return int(value)


class _ViewerMixin:
    def initial(self, request: Request, *args: Any, **kwargs: Any) -> None:
        super().initial(request, *args, **kwargs)  # type: ignore[misc]
        rules.require_view(request.user)


class ProjectViewSet(_ViewerMixin, viewsets.ReadOnlyModelViewSet):
    """The year's projects, filtered like the pages (year, agency, commune, source, group)."""

    serializer_class = ProjectSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if getattr(self, "swagger_fake_view", False):  # the schema asks without a request
            return Project.objects.none()
        year = _digits(self.request, "year")
        if year is None:
            year = Project.objects.order_by("-year").values_list("year", flat=True).first() or 0
        return selectors.projects(
            year=year,
            filters=selectors.Filters(
                agency=_digits(self.request, "agency"),
                commune=_digits(self.request, "commune"),
                source=self.request.query_params.get("source", ""),
                group=self.request.query_params.get("group", ""),
            ),
        ).order_by("code")


def _conflict(exc: DisbursementConflict) -> Response:
    return Response(
        {
            "detail": str(exc),
            "current": DisbursementSerializer(exc.current).data,
            "attempted": str(exc.proposed),
        },
        status=status.HTTP_409_CONFLICT,
    )


class DisbursementViewSet(
    _ViewerMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Monthly disbursement; ``?project=`` and ``?year=`` narrow the list."""

    serializer_class = DisbursementSerializer

    def get_queryset(self):  # type: ignore[no-untyped-def]
        qs = Disbursement.objects.all().order_by("project_id", "year", "month")
        project = _digits(self.request, "project")
        year = _digits(self.request, "year")
        if project is not None:
            qs = qs.filter(project_id=project)
        if year is not None:
            qs = qs.filter(year=year)
        return qs

    def _save(self, created: bool, **kwargs: Any) -> Response:
        try:
            row = disbursement_save(user=self.request.user, entry_source="api", **kwargs)
        except DisbursementConflict as exc:
            return _conflict(exc)
        except InvestmentError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            DisbursementSerializer(row).data,
            status=status.HTTP_201_CREATED if created else status.HTTP_200_OK,
        )

    @extend_schema(request=DisbursementCreateSerializer, responses={201: DisbursementSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        s = DisbursementCreateSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        project = d["project"]
        exists = Disbursement.objects.filter(
            project=project, year=project.year, month=d["month"]
        ).exists()
        return self._save(
            not exists,
            project=project,
            year=project.year,
            month=d["month"],
            amount=d["amount"],
            note=d["note"],
            expected_revision=d["revision"],
        )

    @extend_schema(request=DisbursementChangeSerializer, responses={200: DisbursementSerializer})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        row = get_object_or_404(Disbursement.objects.select_related("project"), pk=kwargs["pk"])
        s = DisbursementChangeSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        return self._save(
            False,
            project=row.project,
            year=row.year,
            month=row.month,
            amount=d["amount"],
            note=d["note"] if "note" in request.data else row.note,
            expected_revision=d["revision"],
        )

    @extend_schema(request=DisbursementChangeSerializer, responses={200: DisbursementSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, **kwargs)

    @extend_schema(
        request=DisbursementTransitionSerializer, responses={200: DisbursementSerializer}
    )
    @action(detail=True, methods=["post"])
    def transition(self, request: Request, pk: str | None = None) -> Response:
        """Submit (the managing agency), approve or return with a reason (the finance department)."""
        row = get_object_or_404(Disbursement.objects.select_related("project__agency"), pk=pk)
        s = DisbursementTransitionSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        try:
            row = disbursement_transition(
                user=request.user,
                disbursement=row,
                action=d["action"],
                expected_revision=d["revision"],
                reason=d["reason"],
            )
        except DisbursementConflict as exc:
            return _conflict(exc)
        except InvestmentError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(DisbursementSerializer(row).data)
