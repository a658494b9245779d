import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Frequency
from chitieu.reporting.models import Figure, ReportingSpec
from chitieu.reporting.services import figure_save
from chitieu.reporting.tests.entry_pages import TODAY


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def user_of():
    """A user of an organisation with a role."""

    def make(org_name: str, role: str, username: str | None = None):
        user = get_user_model().objects.create_user(
            username or f"u{Membership.objects.count()}", password="x"
        )
        Membership.objects.create(
            user=user, organization=Organization.objects.get(name=org_name), role=role
        )
        return user

    return make


@pytest.fixture
def forest(demo):
    return Indicator.objects.get(name="Tỷ lệ che phủ rừng")


@pytest.fixture
def nnmt(demo):
    return Organization.objects.get(name="Sở Nông nghiệp và Môi trường")


@pytest.fixture
def people(demo, user_of):
    """The three people a figure's workflow needs: NN&MT's reporter, the statistics office's
    reviewer, the finance department's compiler (their user names are their roles)."""
    return {
        "reporter": user_of("Sở Nông nghiệp và Môi trường", Role.REPORTER, "reporter"),
        "reviewer": user_of("Thống kê tỉnh", Role.REVIEWER, "reviewer"),
        "compiler": user_of("Sở Tài chính", Role.COMPILER, "compiler"),
    }


@pytest.fixture
def enter(people):
    """Save a figure as the reporter, sending the revision stored (0 for a new figure)."""

    def save(indicator, org, value, period="2026", vintage="official"):
        seen = Figure.objects.filter(
            indicator=indicator, organization=org, period_code=period, vintage=vintage
        ).first()
        return figure_save(
            user=people["reporter"],
            indicator=indicator,
            organization=org,
            period_code=period,
            vintage=vintage,
            value=value,
            expected_revision=seen.revision if seen else 0,
        ).figure

    return save


@pytest.fixture
def yearly(demo):
    """Every indicator reported yearly (the demo has GRDP growth quarterly)."""
    ReportingSpec.objects.update(frequency=Frequency.YEAR)


@pytest.fixture
def pinned(monkeypatch):
    """The page's today pinned to entry_pages.TODAY (the view reads django.utils.timezone)."""
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: TODAY)
