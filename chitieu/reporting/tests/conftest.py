import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from chitieu.access.models import Membership
from chitieu.catalog.models import Indicator
from chitieu.organizations.models import Organization


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
