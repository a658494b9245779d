"""Fixtures: the province's directory, seed 004's projects (investment demo only), and one user per
role that matters here."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.contrib.auth import get_user_model

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.investment import demo
from chitieu.investment.models import Project
from chitieu.investment.services import project_create
from chitieu.organizations.models import Organization
from chitieu.organizations.services import organizations_load_directory
from chitieu.scenarios import demo as scenario_demo
from chitieu.scenarios.models import ScenarioVersion
from chitieu.scenarios.services import scenario_create


@pytest.fixture
def seeded(db):
    """Seed 004's projects and the invented history, as load_demo gives them."""
    organizations_load_directory()
    demo.load()


def _user(username: str, org_name: str, role: str):
    user = get_user_model().objects.create_user(username, "", "pw")
    Membership.objects.create(
        user=user, organization=Organization.objects.get(name=org_name), role=role
    )
    return user


@pytest.fixture
def finance(seeded):
    return _user("tc", "Sở Tài chính", Role.COMPILER)


@pytest.fixture
def leader(seeded):
    return _user("ld", "UBND tỉnh Lạng Sơn", Role.LEADER)


@pytest.fixture
def board(seeded):
    """A reporter of the board that manages the transport projects."""
    return _user("gt", demo.BQLGT, Role.REPORTER)


@pytest.fixture
def health(seeded):
    return _user("yt1", "Sở Y tế", Role.REPORTER)


@pytest.fixture
def stranger(db):
    """Signed in, but with no role anywhere."""
    return get_user_model().objects.create_user("x", "", "pw")


@pytest.fixture
def scenario(db):
    """Seed 004's growth scenario with its printed table (the bases the growth link reads)."""
    s = scenario_create(
        year=2026,
        title="Kịch bản 2026",
        source="seed 004",
        data=scenario_demo.engine_input(),
        published=scenario_demo.published(),
    )
    # adopted, as the province's scenario is: only an adopted version sets what must be supported
    s.versions.update(
        status=ScenarioVersion.Status.ADOPTED, adopted_at=datetime(2026, 7, 2, tzinfo=UTC)
    )
    return s


@pytest.fixture
def bridge(seeded) -> Project:
    """Cầu Na Sầm: a provincial-budget new start of 50 tỷ đồng, managed by the transport board."""
    return Project.objects.get(code="KM04")


@pytest.fixture
def fresh(seeded) -> Project:
    """A project with no disbursement yet: the transport board's, provincial budget, 100 tỷ đồng."""
    return project_create(
        user=None,
        code="TEST1",
        name="Đường thử nghiệm",
        agency=Organization.objects.get(name=demo.BQLGT),
        source="provincial",
        group="ongoing",
        year=2026,
        capital_plan=Decimal(100),
    )
