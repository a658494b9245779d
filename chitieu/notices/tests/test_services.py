"""notify: an organisation's members each get one notice; marking read is per person."""

from datetime import datetime

import pytest
from django.contrib.auth import get_user_model

from chitieu.access.choices import Role
from chitieu.access.models import Membership
from chitieu.core.calendar import VN
from chitieu.notices.models import Notice
from chitieu.notices.selectors import unread_count
from chitieu.notices.services import notices_mark_read, notify
from chitieu.organizations.models import Organization

pytestmark = pytest.mark.django_db
AT = datetime(2026, 12, 14, 9, 0, tzinfo=VN)


@pytest.fixture
def health():
    return Organization.objects.create(name="Sở Y tế (thử)", kind="department")


def _member(name, org, role=Role.REPORTER, active=True):
    user = get_user_model().objects.create_user(name, password="x", is_active=active)
    Membership.objects.create(user=user, organization=org, role=role)
    return user


def test_an_organisation_means_each_of_its_active_members(health):
    # given two members, a former member whose account is closed, and someone elsewhere
    a, b = _member("a", health), _member("b", health, Role.LEADER)
    _member("cu", health, active=False)
    other = Organization.objects.create(name="Sở khác", kind="department")
    _member("khac", other)
    # when
    written = notify(health, "Báo cáo tháng 11 đến hạn hôm nay.", "/lich-bao-cao/", "reminder")
    # then
    assert sorted(n.user.username for n in written) == ["a", "b"]
    assert unread_count(a) == unread_count(b) == 1
    n = Notice.objects.get(user=a)
    assert (n.kind, n.link, n.read_at) == ("reminder", "/lich-bao-cao/", None)


def test_a_list_of_users_gets_one_notice_each(health):
    a = _member("a", health)
    assert len(notify([a, a], "Một lần thôi.")) == 1
    assert Notice.objects.get().kind == "info"


def test_an_unknown_kind_or_empty_text_is_refused(health):
    a = _member("a", health)
    with pytest.raises(ValueError, match="Loại thông báo"):
        notify([a], "x", kind="urgent")
    with pytest.raises(ValueError, match="không có nội dung"):
        notify([a], "  ")
    assert not Notice.objects.exists()


def test_marking_read_touches_only_the_persons_own_unread_notices(health):
    a, b = _member("a", health), _member("b", health)
    notify(health, "Nhắc hạn.")
    theirs = Notice.objects.get(user=b)
    mine = Notice.objects.get(user=a)
    assert notices_mark_read(user=a, ids=[mine.pk, theirs.pk], at=AT) == 1
    assert notices_mark_read(user=a, ids=[mine.pk], at=AT) == 0
    assert (unread_count(a), unread_count(b)) == (0, 1)
