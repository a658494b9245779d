"""A bounded property-based fuzz of every /api/v1/ operation (schemathesis): no server error, and
every answer the schema documents matches it. A few examples each, so it stays quick."""

import pytest
import schemathesis
from django.contrib.auth import get_user_model
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error, response_schema_conformance

pytestmark = pytest.mark.django_db


@pytest.fixture
def in_process():
    """Requests served in the test's own transaction: Django's WSGI handler would close the
    database connection after each request (Django's test client keeps it open the same way)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(demo, in_process):
    from drf_spectacular.generators import SchemaGenerator

    raw = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    raw["paths"] = {
        path: item
        for path, item in raw["paths"].items()
        if path.startswith("/api/v1/") and not path.startswith(("/api/v1/schema", "/api/v1/docs"))
    }
    loaded = schemathesis.openapi.from_dict(raw)
    loaded.app = WSGIHandler()
    return loaded


@pytest.fixture
def token(demo):
    admin = get_user_model().objects.create_superuser("fuzz", password="x")
    return Token.objects.create(user=admin).key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=2,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_errors_or_answers_off_schema(case, token):
    response = case.call(headers={"Authorization": f"Token {token}"})
    case.validate_response(response, checks=[not_a_server_error, response_schema_conformance])
