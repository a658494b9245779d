import pytest

from chitieu.organizations.services import organizations_load_directory


@pytest.fixture
def orgs(db):
    organizations_load_directory()
