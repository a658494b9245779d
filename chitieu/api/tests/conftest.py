import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="module")
def demo_module(django_db_setup, django_db_blocker):
    """The demo data once per test module, rolled back after it (each test nests in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", verbosity=0)
        yield django_db_blocker
        transaction.set_rollback(True)


@pytest.fixture
def demo(demo_module, db):
    return None


@pytest.fixture
def user_of():
    """A user of an organisation with a role."""
    from django.contrib.auth import get_user_model

    from chitieu.access.models import Membership
    from chitieu.organizations.models import Organization

    def make(org_name: str, role: str, username: str):
        user = get_user_model().objects.create_user(username, password="x")
        Membership.objects.create(
            user=user, organization=Organization.objects.get(name=org_name), role=role
        )
        return user

    return make


@pytest.fixture
def token_client(client, user_of):
    """A machine with the token of a reporter of the Department of Agriculture and Environment."""
    from rest_framework.authtoken.models import Token

    from chitieu.access.choices import Role

    user = user_of("Sở Nông nghiệp và Môi trường", Role.REPORTER, "may-nnmt")
    token = Token.objects.create(user=user)
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {token.key}"
    return client
