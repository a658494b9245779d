"""Crosscheck decisions in the admin: read only; they are made on the crosscheck pages, audited."""

from __future__ import annotations

from django.contrib import admin

from chitieu.audit.admin import ReadOnlyAuditAdmin

from .models import CrosscheckEvent, FindingExplanation, IndicatorLink, PlanAmendment


@admin.register(CrosscheckEvent)
class CrosscheckEventAdmin(ReadOnlyAuditAdmin):
    list_display = ["at", "user", "action", "subject"]
    list_filter = ["action"]


@admin.register(IndicatorLink)
class IndicatorLinkAdmin(ReadOnlyAuditAdmin):
    list_display = ["low", "high", "status", "score", "decided_by", "decided_at"]
    list_filter = ["status"]


@admin.register(FindingExplanation)
class FindingExplanationAdmin(ReadOnlyAuditAdmin):
    list_display = ["indicator", "kind", "note", "explained_by", "explained_at"]


@admin.register(PlanAmendment)
class PlanAmendmentAdmin(ReadOnlyAuditAdmin):
    list_display = ["plan", "scope", "amends", "recorded_by", "recorded_at"]
