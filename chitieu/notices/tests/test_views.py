"""The notices page and the bell: what the person sees, and the count after opening."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from chitieu.notices.models import Notice
from chitieu.notices.services import notify

pytestmark = pytest.mark.django_db


@pytest.fixture
def person(client):
    user = get_user_model().objects.create_user("chuyenvien", password="x")
    client.force_login(user)
    return user


def test_the_bell_counts_unread_notices_and_opening_the_page_reads_them(client, person):
    notify([person], "Nhiệm vụ “Rà soát kế hoạch” quá hạn.", "/nhiem-vu/1/", "escalation")
    notify([person], "Báo cáo tháng 11 đến hạn hôm nay.", "", "reminder")
    home = client.get(reverse("web:plans")).content.decode()
    assert 'aria-label="Thông báo: 2 chưa đọc"' in home
    page = client.get(reverse("notices:list")).content.decode()
    # the page shows both as new, each with its link, then counts them as seen
    assert page.count("<strong>Mới</strong>") == 2
    assert '<a href="/nhiem-vu/1/">Nhiệm vụ “Rà soát kế hoạch” quá hạn.</a>' in page
    assert not Notice.objects.filter(user=person, read_at__isnull=True).exists()
    again = client.get(reverse("web:plans")).content.decode()
    assert "chưa đọc" not in again and "không có thông báo mới" in again
    assert "<strong>Mới</strong>" not in client.get(reverse("notices:list")).content.decode()


def test_a_person_sees_only_their_own_notices(client, person):
    other = get_user_model().objects.create_user("nguoikhac", password="x")
    notify([other], "Của người khác.")
    page = client.get(reverse("notices:list")).content.decode()
    assert "Của người khác." not in page and "Chưa có thông báo nào." in page
    assert Notice.objects.get(user=other).read_at is None


def test_the_notices_page_needs_a_login(client):
    response = client.get(reverse("notices:list"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
