"""Who may do what with projects and disbursement, built on the access layer's answers.

Everyone with a role reads; the managing agency's working staff enter and submit its projects'
disbursement; the finance department (compiler) approves, returns, transfers capital, imports the
treasury's file and edits the growth coefficients; the leader only reads."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied

from chitieu.access.choices import Role
from chitieu.access.permissions import role_of, works_for

from .models import Project


def may_view(user: Any) -> bool:
    return role_of(user) is not None


def require_view(user: Any) -> None:
    if not may_view(user):
        raise PermissionDenied("Bạn chưa được cấp vai trò để xem dự án đầu tư.")


def may_enter(user: Any, project: Project) -> bool:
    """The managing agency's staff (or an administrator) enter its projects' figures."""
    return works_for(user, project.agency_id) or role_of(user) == Role.COMPILER


def require_enter(user: Any, project: Project) -> None:
    if role_of(user) == Role.LEADER:
        raise PermissionDenied("Lãnh đạo chỉ xem, không nhập số liệu.")
    if not may_enter(user, project):
        raise PermissionDenied(
            f"Chỉ cán bộ của {project.agency.name} hoặc Sở Tài chính được nhập số liệu của dự án này."
        )


def is_finance(user: Any) -> bool:
    return role_of(user) in (Role.COMPILER, Role.ADMIN)


def require_finance(user: Any, what: str) -> None:
    if not is_finance(user):
        raise PermissionDenied(f"Chỉ Sở Tài chính được {what}.")
