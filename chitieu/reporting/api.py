"""REST API for figures: list, read, create and change. Every write goes through ``figure_save``,
so it is revision-checked and permission-checked exactly like the entry form and the Excel upload."""

from __future__ import annotations

from typing import Any

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization

from . import selectors
from .choices import Vintage
from .models import Figure
from .services import MISSING_REVISION, FigureConflict, FigureError, SaveResult, figure_save


class FigureSerializer(serializers.ModelSerializer):
    class Meta:
        model = Figure
        fields = [
            "id",
            "indicator",
            "organization",
            "period_code",
            "vintage",
            "value",
            "comment",
            "source",
            "status",
            "revision",
            "updated_at",
        ]
        read_only_fields = fields


class FigureChangeSerializer(serializers.Serializer):
    """What a change sends: the value and the revision the writer saw (required, 0 for none)."""

    value = serializers.CharField(max_length=60)
    comment = serializers.CharField(required=False, allow_blank=True, default="")
    source = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    revision = serializers.IntegerField(
        min_value=0,
        error_messages={"required": MISSING_REVISION, "null": MISSING_REVISION},
    )


class FigureCreateSerializer(FigureChangeSerializer):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.all())
    organization = serializers.PrimaryKeyRelatedField(queryset=Organization.objects.all())
    period_code = serializers.CharField(max_length=20)
    vintage = serializers.ChoiceField(choices=Vintage.choices)


def _digits(request: Request, name: str) -> int | None:
    value = request.query_params.get(name, "")
    if value == "":
        return None
    if not value.isdigit():
        raise ValidationError({name: f"“{value}” không phải mã số."})
    return int(value)


class FigureViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet,
):
    """Figures by indicator, organisation and period; create and change them with their revision."""

    serializer_class = FigureSerializer
    # an id is digits: anything else is a 404 from the router, never a lookup that raises
    lookup_value_regex = "[0-9]{1,15}"

    def get_queryset(self):  # type: ignore[no-untyped-def]
        if self.action != "list":
            return Figure.objects.all()
        return selectors.figure_list(
            indicator_id=_digits(self.request, "indicator"),
            organization_id=_digits(self.request, "organization"),
            period_code=self.request.query_params.get("period_code") or None,
        )

    def _save(self, **kwargs: Any) -> Response:
        try:
            result: SaveResult = figure_save(user=self.request.user, **kwargs)
        except FigureConflict as exc:
            return Response(
                {
                    "detail": str(exc),
                    "current": FigureSerializer(exc.current).data,
                    "attempted": str(exc.attempted),
                },
                status=status.HTTP_409_CONFLICT,
            )
        except FigureError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(
            FigureSerializer(result.figure).data,
            status=status.HTTP_201_CREATED if result.created else status.HTTP_200_OK,
        )

    @extend_schema(request=FigureCreateSerializer, responses={201: FigureSerializer})
    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        s = FigureCreateSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        return self._save(
            indicator=d["indicator"],
            organization=d["organization"],
            period_code=d["period_code"],
            vintage=d["vintage"],
            value=d["value"],
            comment=d["comment"],
            source=d["source"],
            expected_revision=d["revision"],
        )

    @extend_schema(request=FigureChangeSerializer, responses={200: FigureSerializer})
    def partial_update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return self.update(request, *args, **kwargs)

    @extend_schema(request=FigureChangeSerializer, responses={200: FigureSerializer})
    def update(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        figure = get_object_or_404(Figure, pk=kwargs["pk"])
        s = FigureChangeSerializer(data=request.data)
        s.is_valid(raise_exception=True)
        d = s.validated_data
        # a partial change keeps what it does not send, but never the revision: it is always required
        comment = d["comment"] if "comment" in request.data else figure.comment
        source = d["source"] if "source" in request.data else figure.source
        return self._save(
            indicator=figure.indicator,
            organization=figure.organization,
            period_code=figure.period_code,
            vintage=figure.vintage,
            value=d["value"],
            comment=comment,
            source=source,
            expected_revision=d["revision"],
        )
