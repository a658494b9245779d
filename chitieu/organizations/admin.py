from django.contrib import admin

from .models import Organization, OrganizationAlias


class AliasInline(admin.TabularInline):
    model = OrganizationAlias
    extra = 1
    fields = ["name"]


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "active", "successor"]
    list_filter = ["kind", "active"]
    search_fields = ["name", "short_name", "aliases__name"]
    inlines = [AliasInline]
