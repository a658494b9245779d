"""Pages: login required, the appendix as on paper, bounded query counts."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from chitieu.catalog.models import Indicator, Plan, Responsibility
from chitieu.organizations.models import Organization, OrganizationAlias
from chitieu.scenarios.models import GrowthScenario


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


@pytest.fixture
def user_client(client, django_user_model):
    user = django_user_model.objects.create_user("chuyenvien", password="mat-khau-1")
    client.force_login(user)
    return client


def _pages():
    plan = Plan.objects.get(number="130/KH-UBND")
    return [
        reverse("web:plans"),
        reverse("web:plan", args=[plan.pk]),
        reverse("web:indicators"),
        reverse("web:indicator", args=[Indicator.objects.get(name="Tỷ lệ che phủ rừng").pk]),
        reverse("web:organizations"),
        reverse("web:organization", args=[Organization.objects.get(name="Sở Y tế").pk]),
        reverse("imports:upload"),
        reverse("scenarios:list"),
        reverse("scenarios:detail", args=[GrowthScenario.objects.get().pk]),
        "/api/plans/",
        "/api/targets/",
    ]


def test_every_page_requires_login(demo, client):
    for url in _pages():
        response = client.get(url)
        if url.startswith("/api/"):
            # machines get a 401 that asks for a token, not a redirect to a login page
            assert response.status_code == 401 and response["WWW-Authenticate"] == "Token", url
            continue
        assert response.status_code in (302, 403), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login")), url


def test_every_page_renders_for_a_user(demo, user_client):
    for url in _pages():
        assert user_client.get(url).status_code == 200, url


def test_plan_page_shows_the_appendix_as_printed(demo, user_client):
    plan = Plan.objects.get(number="130/KH-UBND")
    html = user_client.get(reverse("web:plan", args=[plan.pk])).content.decode()
    for text in [
        "TT",
        "Chỉ tiêu",
        "Đơn vị tính",
        "Mục tiêu 2026 - 2030",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "CHỈ TIÊU XÃ HỘI",
        "Tuổi thọ trung bình tính từ lúc sinh",
        "75,5",
        "111.100",
        "≥76",
        "Kế hoạch số 130/KH-UBND ngày 07/04/2026",
        "UBND tỉnh Lạng Sơn",
    ]:
        assert text in html, text
    life = Indicator.objects.get(name="Tuổi thọ trung bình tính từ lúc sinh")
    assert reverse("web:indicator", args=[life.pk]) in html


def test_indicator_page_lists_targets_across_plans(demo, user_client):
    ind = Indicator.objects.get(name="Tỷ lệ chất thải y tế được xử lý")
    html = user_client.get(reverse("web:indicator", args=[ind.pk])).content.decode()
    assert "Kế hoạch số 130/KH-UBND" in html and "Quyết định số 136/QĐ-UBND" in html
    assert "Giai đoạn 2026 - 2030" in html and "Năm 2024" in html


def test_organization_page_shows_what_it_leads_and_coordinates(demo, user_client):
    org = Organization.objects.get(name="Sở Y tế")
    response = user_client.get(reverse("web:organization", args=[org.pk]))
    leads = response.context["leads"]
    assert "Tuổi thọ trung bình tính từ lúc sinh" in [t.printed_name for t in leads]
    assert response.context["coordinates"] == []


def test_main_pages_have_bounded_query_counts(demo, user_client, django_assert_max_num_queries):
    plan = Plan.objects.get(number="130/KH-UBND")
    org = Organization.objects.get(name="Sở Nông nghiệp và Môi trường")
    ind = Indicator.objects.get(name="Tỷ lệ che phủ rừng")
    for url in [
        reverse("web:plan", args=[plan.pk]),
        reverse("web:organization", args=[org.pk]),
        reverse("web:indicator", args=[ind.pk]),
        reverse("web:indicators"),
    ]:
        # a fixed number per page, whatever the data size; one of them is the header's (the
        # person's role for the menu and the bell's unread count, read together)
        with django_assert_max_num_queries(13):
            user_client.get(url)


def test_api_targets_filtered_by_plan(demo, user_client):
    plan = Plan.objects.get(number="136/QĐ-UBND")
    data = user_client.get(f"/api/targets/?plan={plan.pk}").json()
    assert len(data) == 35
    first = data[0]
    assert first["printed_text"] == "7 - 7,5" and first["kind"] == "range"
    assert first["description"] == "từ 7 đến 7,5 %"
    assert {"organization": "Sở Kế hoạch và Đầu tư", "role": "lead"} in first["responsibilities"]


def test_finance_names_an_unrecognised_agency_on_the_plan_page(db, client, django_user_model):
    # given a row of plan 130 whose lead cell printed a name the directory did not know
    call_command("load_demo", verbosity=0)
    plan = Plan.objects.get(number="130/KH-UBND")
    target = plan.targets.exclude(kind="").order_by("position").first()
    target.lead_text = f"{target.lead_text}; Ban Dân tộc tỉnh"
    target.unresolved_agencies = ["Ban Dân tộc tỉnh"]
    target.save()
    org = Organization.objects.create(name="Ban Dân tộc tỉnh Lạng Sơn", kind="agency")
    url = reverse("web:plan_agency", args=[plan.pk])
    # the leader reads the warning but is offered no form and may not post one
    client.force_login(django_user_model.objects.get(username="lanhdao"))
    page = client.get(reverse("web:plan", args=[plan.pk])).content.decode()
    assert "1 dòng có tên cơ quan chưa nhận ra" in page and "“Ban Dân tộc tỉnh” là" not in page
    assert client.post(url, {"name": "Ban Dân tộc tỉnh", "organization": org.pk}).status_code == 403
    # finance chooses the organisation on the page, without the admin
    client.force_login(django_user_model.objects.get(username="taichinh"))
    assert (
        "“Ban Dân tộc tỉnh” là" in client.get(reverse("web:plan", args=[plan.pk])).content.decode()
    )
    answer = client.post(url, {"name": "Ban Dân tộc tỉnh", "organization": org.pk}, follow=True)
    assert (
        "Đã ghi “Ban Dân tộc tỉnh” là Ban Dân tộc tỉnh Lạng Sơn ở 1 dòng" in answer.content.decode()
    )
    target.refresh_from_db()
    assert target.unresolved_agencies == []
    assert Responsibility.objects.filter(target=target, organization=org, role="lead").exists()
    assert OrganizationAlias.objects.filter(organization=org, name="Ban Dân tộc tỉnh").exists()
    # a second post finds nothing left to fix and says so
    again = client.post(url, {"name": "Ban Dân tộc tỉnh", "organization": org.pk}, follow=True)
    assert "Không còn dòng nào của kế hoạch ghi “Ban Dân tộc tỉnh” chưa nhận ra" in (
        again.content.decode()
    )
