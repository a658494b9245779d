"""The header offers each person only the working pages their role may use."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.access.permissions import menu_for
from chitieu.notices.choices import NoticeKind
from chitieu.notices.models import Notice
from chitieu.organizations.models import Organization

pytestmark = pytest.mark.django_db

WORKING = {
    "enter": reverse("reporting:mine"),
    "review": reverse("reporting:review"),
    "import": reverse("imports:upload"),
}


def _user(role, **extra):
    user = get_user_model().objects.create_user(f"u-{role or 'none'}", password="x", **extra)
    if role:
        org = Organization.objects.create(name=f"Cơ quan {role}", kind="department")
        Membership.objects.create(user=user, organization=org, role=role)
    return user


def _offered(client, user):
    client.force_login(user)
    html = client.get(reverse("web:plans")).content.decode()
    nav = html[html.index('<nav id="menu-chinh"') : html.index("</nav>")]
    return {name for name, url in WORKING.items() if f'href="{url}"' in nav}


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        (Role.LEADER, set()),
        (Role.REPORTER, {"enter"}),
        (Role.REVIEWER, {"review"}),
        (Role.COMPILER, {"review", "import"}),
        (Role.ADMIN, {"enter", "review", "import"}),
        (None, set()),
    ],
)
def test_the_menu_offers_what_the_role_may_do(client, role, offered):
    assert _offered(client, _user(role)) == offered


def test_a_superuser_without_membership_acts_as_administrator(client):
    boss = _user(None, is_superuser=True, is_staff=True)
    assert _offered(client, boss) == {"enter", "review", "import"}
    assert menu_for(boss) == {
        "enter_figures": True,
        "review": True,
        "verify": True,
        "approve": True,
        "import_documents": True,
        "administer": True,
    }


def test_the_pages_the_menu_hides_from_a_leader_are_refused_to_them(client):
    # the menu mirrors the views: what it leaves out, the leader could not use anyway
    client.force_login(_user(Role.LEADER))
    assert client.get(WORKING["review"]).status_code == 403
    assert client.post(WORKING["import"], {}).status_code == 403
    assert client.post(reverse("reporting:upload"), {}).status_code == 403


def test_the_header_follows_a_new_notice_and_a_new_role_at_once(client):
    # given a leader with nothing unread
    user = _user(Role.LEADER)
    client.force_login(user)
    html = client.get(reverse("web:plans")).content.decode()
    assert "không có thông báo mới" in html and _offered(client, user) == set()
    # when a notice arrives and the role becomes reporter
    Notice.objects.create(user=user, kind=NoticeKind.choices[0][0], text="Nhắc hạn")
    Membership.objects.filter(user=user).update(role=Role.REPORTER)
    # then the very next page counts the notice and offers the entry page
    html = client.get(reverse("web:plans")).content.decode()
    assert "Thông báo: 1 chưa đọc" in html and _offered(client, user) == {"enter"}
