"""The filters of each list: plan, indicator, organisation, period, status where they apply."""

from __future__ import annotations

import django_filters as df

from chitieu.actions.models import Action, Obligation
from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.organizations.models import Organization
from chitieu.reporting.models import Figure
from chitieu.scenarios.models import ScenarioVersion


class PlanFilter(df.FilterSet):
    period = df.CharFilter(field_name="period_code")

    class Meta:
        model = Plan
        fields = ["kind", "status", "period"]


class IndicatorFilter(df.FilterSet):
    plan = df.NumberFilter(field_name="targets__plan", distinct=True)
    organization = df.NumberFilter(
        field_name="targets__responsibilities__organization", distinct=True
    )

    class Meta:
        model = Indicator
        fields = ["group", "plan", "organization"]


class TargetFilter(df.FilterSet):
    organization = df.NumberFilter(field_name="responsibilities__organization", distinct=True)
    period = df.CharFilter(field_name="period_code")

    class Meta:
        model = Target
        fields = ["plan", "indicator", "organization", "period"]


class OrganizationFilter(df.FilterSet):
    class Meta:
        model = Organization
        fields = ["kind", "active"]


class FigureFilter(df.FilterSet):
    period = df.CharFilter(field_name="period_code")
    plan = df.NumberFilter(field_name="indicator__targets__plan", distinct=True)

    class Meta:
        model = Figure
        fields = ["indicator", "organization", "period", "status", "vintage", "plan"]


class VersionFilter(df.FilterSet):
    class Meta:
        model = ScenarioVersion
        fields = ["scenario", "kind"]


class ActionFilter(df.FilterSet):
    organization = df.NumberFilter(field_name="lead")

    class Meta:
        model = Action
        fields = ["plan", "organization", "status"]


class ObligationFilter(df.FilterSet):
    class Meta:
        model = Obligation
        fields = ["organization", "recipient", "frequency", "active"]
