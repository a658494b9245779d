import datetime

import pytest
from django.core.management import call_command
from django.db import transaction

ON = datetime.date(2026, 4, 7)


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


@pytest.fixture(scope="module")
def build(demo_module):
    """Build a report in a format once per module: build(name, fmt, **request) -> bytes."""
    from chitieu.exports.render import Request, render, report_for

    made: dict[tuple, bytes] = {}

    def make(name: str, fmt: str, **kw):
        key = (name, fmt, tuple(sorted((k, str(v)) for k, v in kw.items())))
        if key not in made:
            with demo_module.unblock():
                made[key] = render(report_for(Request(name, ON, **kw)), fmt)[0]
        return made[key]

    return make
