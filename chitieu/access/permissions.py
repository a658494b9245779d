"""Who may do what: every page and every service asks here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.models import Q

from chitieu.catalog.models import Indicator, Responsibility
from chitieu.organizations.choices import OrgKind
from chitieu.organizations.models import Organization

from .choices import Role
from .models import Membership


def membership(user: Any) -> Membership | None:
    """The user's membership, or None (a superuser without one acts as administrator)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Membership.objects.select_related("organization").filter(user=user).first()


def role_of(user: Any) -> str | None:
    """The user's role (a superuser without a membership acts as administrator); asked in plain
    SQL like the saves' questions below, since many pages ask it on every request."""
    found = _rows(_MEMBERSHIP_SQL, [user.pk]) if getattr(user, "is_authenticated", False) else []
    return role_from(found[0][0] if found else None, user)


def responsible_organizations(indicator: Indicator) -> set[int]:
    """Organisations that lead or coordinate a target of the indicator, groups expanded."""
    resp = Responsibility.objects.filter(target__indicator=indicator).select_related("organization")
    ids: set[int] = set()
    kinds: set[str] = set()
    for r in resp:
        ids.add(r.organization_id)
        if r.organization.is_group:
            kinds.update(r.organization.member_kinds)
    if kinds:
        ids.update(Organization.objects.filter(kind__in=kinds).values_list("pk", flat=True))
    return ids


# A figure is saved hundreds of times a minute in a reporting round, and each save asks who the
# user is and whether the organisation is responsible for the indicator. Built by the ORM these two
# questions cost ten times their SQL (decision 0037), so they are asked in plain SQL: same tables,
# same rule, parameters bound by the driver.
_MEMBERSHIP_SQL = "SELECT role, organization_id FROM reporting_membership WHERE user_id = %s"
_RESPONSIBLE_SQL = (
    "SELECT t.indicator_id, r.organization_id, o.kind, o.member_kinds "
    "FROM catalog_responsibility r "
    "JOIN catalog_target t ON t.id = r.target_id "
    "JOIN organizations_organization o ON o.id = r.organization_id "
    "WHERE t.indicator_id IN ({})"
)


def _rows(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def responsible_for(organization: Organization, indicator_ids: Iterable[int]) -> set[int]:
    """Of these indicators, those the organisation leads or coordinates a target of (itself or
    through a group of its kind): the rule of ``responsible_organizations``, asked in one query for
    many indicators at once."""
    ids = sorted(set(indicator_ids))
    if not ids:
        return set()
    decode = Organization._meta.get_field("member_kinds").from_db_value
    out = set()
    for indicator_id, org_id, kind, member_kinds in _rows(
        _RESPONSIBLE_SQL.format(", ".join(["%s"] * len(ids))), ids
    ):
        if org_id == organization.pk or (
            kind == OrgKind.GROUP
            and organization.kind in (decode(member_kinds, None, connection) or ())
        ):
            out.add(indicator_id)
    return out


def reportable_indicators(org: Organization) -> list[Indicator]:
    """Indicators the organisation leads or coordinates (directly or through a group)."""
    group_ids = [
        g.pk for g in Organization.objects.filter(kind="group") if org.kind in g.member_kinds
    ]
    q = Q(targets__responsibilities__organization=org) | Q(
        targets__responsibilities__organization_id__in=group_ids
    )
    # heading rows ("Cơ cấu …") set no target of their own and are not reported
    return list(
        Indicator.objects.filter(q, ~Q(targets__kind="")).distinct().order_by("group", "name")
    )


def require_reporter_of(user: Any, organization: Organization) -> bool:
    """A reporter enters figures only for its own organisation; an administrator for any. True
    when the user is an administrator (who is not limited to the organisation's indicators)."""
    found = _rows(_MEMBERSHIP_SQL, [user.pk]) if getattr(user, "is_authenticated", False) else []
    if found:
        role, org_id = found[0]
    else:
        role = Role.ADMIN if getattr(user, "is_superuser", False) else None
        org_id = None
    if role == Role.ADMIN:
        return True
    if not found or role != Role.REPORTER:
        raise PermissionDenied("Chỉ cán bộ nhập số liệu của cơ quan mới được nhập số liệu.")
    if org_id != organization.pk:
        mine = Organization.objects.get(pk=org_id)
        raise PermissionDenied(
            f"Bạn thuộc {mine.name}, không được nhập số liệu của {organization.name}."
        )
    return False


def not_responsible(organization: Organization, indicator: Indicator) -> PermissionDenied:
    return PermissionDenied(
        f"{organization.name} không chủ trì hay phối hợp chỉ tiêu “{indicator.name}”."
    )


def require_reporter(user: Any, indicator: Indicator, organization: Organization) -> None:
    """A reporter enters figures only for its own organisation and indicators it is responsible for."""
    if require_reporter_of(user, organization):
        return
    if indicator.pk not in responsible_for(organization, [indicator.pk]):
        raise not_responsible(organization, indicator)


def acts_for(user: Any, organization_id: int) -> bool:
    """An administrator, or a member of the organisation."""
    if role_of(user) == Role.ADMIN:
        return True
    m = membership(user)
    return m is not None and m.organization_id == organization_id


def require_acts_for(user: Any, organization_id: int, message: str) -> None:
    if not acts_for(user, organization_id):
        raise PermissionDenied(message)


def require_role(user: Any, *roles: str) -> None:
    role = role_of(user)
    if role != Role.ADMIN and role not in roles:
        raise PermissionDenied("Bạn không có quyền thực hiện thao tác này.")


# Roles that do an organisation's work; the leader reads everything and changes nothing.
WORKING_ROLES = (Role.REPORTER, Role.REVIEWER, Role.COMPILER)


def works_for(user: Any, organization_id: int) -> bool:
    """An administrator, or a member of the organisation in a role that does its work (not a leader)."""
    role = role_of(user)
    if role == Role.ADMIN:
        return True
    return role in WORKING_ROLES and acts_for(user, organization_id)


def require_works_for(user: Any, organization_id: int, message: str) -> None:
    if role_of(user) == Role.LEADER:
        raise PermissionDenied("Lãnh đạo chỉ xem, không thực hiện thao tác này.")
    if not works_for(user, organization_id):
        raise PermissionDenied(message)


# Who uses which working page; the header offers a page only to those who may use it.
ENTRY_ROLES = (Role.REPORTER, Role.ADMIN)
REVIEW_ROLES = (Role.REVIEWER, Role.COMPILER, Role.ADMIN)
IMPORT_ROLES = (Role.COMPILER, Role.ADMIN)


def role_from(membership_role: str | None, user: Any) -> str | None:
    """The role, given the membership's role read by another query (None: no membership); a
    superuser without one acts as administrator, as in ``role_of``."""
    if membership_role:
        return membership_role
    return Role.ADMIN if getattr(user, "is_superuser", False) else None


def menu_for_role(role: str | None, *, is_staff: bool) -> dict[str, bool]:
    """The working pages the header offers (reading pages are offered to everyone)."""
    return {
        "enter_figures": role in ENTRY_ROLES,
        "review": role in REVIEW_ROLES,
        # the queue is named for what the person does in it: verify (statistics), approve (finance)
        "verify": role in (Role.REVIEWER, Role.ADMIN),
        "approve": role in (Role.COMPILER, Role.ADMIN),
        "import_documents": role in IMPORT_ROLES,
        "administer": is_staff,
    }


def menu_for(user: Any) -> dict[str, bool]:
    """The working pages the header offers this user."""
    return menu_for_role(role_of(user), is_staff=bool(getattr(user, "is_staff", False)))
