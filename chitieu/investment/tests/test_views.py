"""Pages and API under the same permissions: without a role 403, a leader reads but never writes,
the managing agency enters, the finance department approves, imports and transfers."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chitieu.core.numbers import format_number
from chitieu.investment.models import Disbursement, Project
from chitieu.investment.tests.test_import import xlsx
from chitieu.scenarios import demo_drivers

pytestmark = pytest.mark.django_db
PAGES = ["overview", "holding", "meeting", "transfers", "coefficients"]


@pytest.mark.parametrize("name", PAGES)
def test_pages_need_a_role(client, stranger, seeded, name):
    assert client.get(reverse(f"investment:{name}")).status_code == 302  # to the login page
    client.force_login(stranger)
    assert client.get(reverse(f"investment:{name}")).status_code == 403


@pytest.mark.parametrize("name", PAGES)
def test_a_leader_reads_every_page(client, leader, scenario, name):
    client.force_login(leader)
    response = client.get(reverse(f"investment:{name}"))
    assert response.status_code == 200


def test_the_overview_shows_the_growth_link_and_the_findings(client, leader, scenario):
    client.force_login(leader)
    text = client.get(reverse("investment:overview")).content.decode()
    assert "Kịch bản cần: giá trị tăng thêm xây dựng 6 tháng cuối năm" in text
    assert "4.436,1 tỷ đồng" in text
    assert "nhiều hơn tổng in 995 tỷ đồng 30 tỷ đồng" in text
    assert "4.445 + 995 + 650 = 6.090 tỷ đồng, khớp" in text


def test_the_overview_says_what_it_counts_beside_the_scenarios_disbursement_figure(
    client, leader, scenario
):
    # given the scenario's driver "state-budget disbursement", planned at 6.090 tỷ đồng
    demo_drivers.load(scenario)
    client.force_login(leader)
    # when
    text = client.get(reverse("investment:overview"), {"thang": 9}).content.decode()
    # then the page's own sum of state-budget sources is named as such, and the other scope too
    summary = text[text.index('id="overall-summary"') :]
    summary = summary[: summary.index("</p>")]
    assert (
        "Riêng nguồn ngân sách nhà nước (ngân sách trung ương, ngân sách tỉnh, chương trình mục "
        "tiêu quốc gia, vốn ODA, vốn vay) của các dự án này: kế hoạch 3.170 tỷ đồng, đã giải ngân "
        "(đã duyệt) đến hết tháng 9/2026 là "
    ) in summary
    assert (
        "Chỉ tiêu “Vốn đầu tư công từ ngân sách nhà nước giải ngân” của kịch bản tăng trưởng (kế "
        "hoạch 6.090 tỷ đồng) là số Sở Tài chính báo cáo cho toàn bộ vốn ngân sách nhà nước"
    ) in summary


def test_the_holding_list_filters_by_source(client, leader):
    client.force_login(leader)
    text = client.get(reverse("investment:holding"), {"nguon": "ppp"}).content.decode()
    assert "Đồng Đăng (Lạng Sơn) - Trà Lĩnh" in text
    assert "Bệnh viện TNH" not in text
    assert client.get(reverse("investment:holding"), {"nguon": "xyz"}).status_code == 400


def test_the_project_page_carries_its_curve_for_the_chart(client, leader, bridge):
    client.force_login(leader)
    response = client.get(reverse("investment:project", args=[bridge.pk]))
    text = response.content.decode()
    assert 'id="disbursement-curve"' in text
    assert "investment-chart.js" in text
    curve = response.context["curve"]
    assert curve["plan"][-1] == 50.0
    assert curve["actual"][6] == 0.0 and curve["actual"][10] is None
    # a leader sees no entry form
    assert "Ghi tháng mới (nháp)" not in text and "Sửa thành" not in text


def test_a_leader_cannot_enter_disbursement(client, leader, bridge):
    client.force_login(leader)
    response = client.post(
        reverse("investment:enter", args=[bridge.pk]), {"thang": 12, "so-tien": "1", "phien-ban": 0}
    )
    assert response.status_code == 403
    assert not Disbursement.objects.filter(project=bridge, month=12).exists()


def test_the_board_enters_and_a_stale_revision_answers_409(client, board, bridge):
    client.force_login(board)
    url = reverse("investment:enter", args=[bridge.pk])
    assert client.post(url, {"thang": 12, "so-tien": "2,5", "phien-ban": 0}).status_code == 302
    row = Disbursement.objects.get(project=bridge, month=12)
    assert row.amount == D("2.5")
    response = client.post(url, {"thang": 12, "so-tien": "3", "phien-ban": 0})
    assert response.status_code == 409
    assert "vừa được người khác sửa" in response.content.decode()


def test_a_draft_month_is_changed_from_its_own_row_without_typing_a_revision(client, board, bridge):
    client.force_login(board)
    url = reverse("investment:enter", args=[bridge.pk])
    client.post(url, {"thang": 12, "so-tien": "2,5", "phien-ban": 0})
    row = Disbursement.objects.get(project=bridge, month=12)
    page = client.get(reverse("investment:project", args=[bridge.pk])).content.decode()
    # the row's own form carries its month and revision; the new-month list no longer offers it
    assert (
        f'<input type="hidden" name="thang" value="12"><input type="hidden" name="phien-ban" '
        f'value="{row.revision}"><label>Sửa thành <input name="so-tien" value="2,5"'
    ) in page
    new_month_form = page.split('<input type="hidden" name="phien-ban" value="0">')[1]
    new_month_form = new_month_form.split("</form>")[0]
    assert f'<option value="1">1/{bridge.year}</option>' in new_month_form
    assert f'<option value="12">12/{bridge.year}</option>' not in new_month_form
    assert "Phiên bản đang sửa" not in page
    assert (
        client.post(url, {"thang": 12, "so-tien": "3", "phien-ban": row.revision}).status_code
        == 302
    )
    assert Disbursement.objects.get(pk=row.pk).amount == D("3")


def test_only_finance_opens_the_treasury_import(client, finance, board):
    client.force_login(board)
    assert client.get(reverse("investment:import")).status_code == 403
    client.force_login(finance)
    assert client.get(reverse("investment:import")).status_code == 200


def test_a_refused_transfer_keeps_the_form_and_says_why(client, finance):
    client.force_login(finance)
    a, b = Project.objects.get(code="KM07"), Project.objects.get(code="KM12")
    response = client.post(
        reverse("investment:transfers"),
        {
            "tu": a.pk,
            "den": b.pk,
            "so-von": "5",
            "ly-do": "Giải ngân chậm",
            "so-quyet-dinh": "9/QĐ-UBND",
            "ngay-quyet-dinh": "2026-10-20",
        },
    )
    assert response.status_code == 400
    assert "tổng vốn của từng nguồn" in response.content.decode()


# API ------------------------------------------------------------------------------------------


def test_api_projects_need_a_role(client, stranger, leader):
    client.force_login(stranger)
    assert client.get("/api/investment/projects/").status_code == 403
    client.force_login(leader)
    response = client.get("/api/investment/projects/", {"source": "ntp"})
    assert response.status_code == 200
    assert sorted(p["capital_plan"] for p in response.json()) == [149, 150, 351]


def test_api_writes_go_through_the_service_with_409_on_a_stale_revision(
    client, board, leader, bridge
):
    client.force_login(leader)
    payload = {"project": bridge.pk, "month": 12, "amount": "1,5", "revision": 0}
    assert (
        client.post(
            "/api/investment/disbursements/", payload, content_type="application/json"
        ).status_code
        == 403
    )
    client.force_login(board)
    created = client.post(
        "/api/investment/disbursements/", payload, content_type="application/json"
    )
    assert created.status_code == 201
    assert created.json()["amount"] == 1.5
    pk = created.json()["id"]
    stale = client.put(
        f"/api/investment/disbursements/{pk}/",
        {"amount": "2", "revision": 0},
        content_type="application/json",
    )
    assert stale.status_code == 409
    assert stale.json()["current"]["amount"] == 1.5
    over = client.put(
        f"/api/investment/disbursements/{pk}/",
        {"amount": "500", "revision": 1},
        content_type="application/json",
    )
    assert over.status_code == 400
    assert "vượt kế hoạch vốn" in over.json()["detail"]
    submitted = client.post(
        f"/api/investment/disbursements/{pk}/transition/",
        {"action": "submit", "revision": 1},
        content_type="application/json",
    )
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    refused = client.post(
        f"/api/investment/disbursements/{pk}/transition/",
        {"action": "approve", "revision": 2},
        content_type="application/json",
    )
    assert refused.status_code == 403


def test_the_board_records_a_promise_and_a_milestone_from_the_project_page(client, board, bridge):
    client.force_login(board)
    client.post(reverse("investment:commitment", args=[bridge.pk]), {"thang": 12, "so-tien": "4,5"})
    assert bridge.commitments.get(month=12).amount == D("4.5")
    response = client.post(
        reverse("investment:milestone", args=[bridge.pk]),
        {"moc": "completion", "ke-hoach": "", "thuc-te": "2026-08-01"},
        follow=True,
    )
    assert "hoàn thành 01/08/2026 trước khởi công 20/08/2026" in response.content.decode()
    assert not bridge.milestones.filter(kind="completion").exists()


def test_the_import_page_lists_every_bad_row_and_saves_nothing(client, finance, fresh):
    client.force_login(finance)
    before = Disbursement.objects.count()
    upload = SimpleUploadedFile(
        "khobac.xlsx", xlsx([[1, "TEST1", "", 3, "4"], [2, "TEST1", "", "tháng ba", "x"]])
    )
    response = client.post(reverse("investment:import"), {"tep": upload})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Không ghi dòng nào" in text
    assert "Dòng 4, cột Tháng" in text and "Dòng 4, cột Số tiền" in text
    assert Disbursement.objects.count() == before


def test_the_scenario_page_shows_how_far_disbursement_supports_construction(client):
    from django.core.management import call_command

    from chitieu.investment import selectors
    from chitieu.scenarios.models import GrowthScenario

    # given the demo: seed 004's scenario and projects with their approved months
    call_command("load_demo", verbosity=0)
    scenario = GrowthScenario.objects.get(year=2026)
    month = selectors.latest_month(2026)
    link = selectors.growth_link(year=2026, as_of_month=month)
    assert link is not None
    client.force_login(get_user_model().objects.get(username="lanhdao"))
    # when the leader opens the scenario page
    page = client.get(reverse("scenarios:detail", args=[scenario.pk])).content.decode()
    # then its construction row is set against the disbursement plan, with the same numbers as
    # the investment overview computes
    assert "Đầu tư công và ngành xây dựng" in page
    share = format_number(D(str(link.support.share_of_required)), 1)
    assert f"bằng {share} % mức kịch bản cần" in page
    assert f"trong tháng {month}/2026" in page


def test_the_overview_and_a_project_page_keep_their_query_count_as_projects_grow(
    client, leader, scenario, fresh, django_assert_num_queries
):
    client.force_login(leader)
    # session, user, role (twice: who may read, who is finance), then the page's own reads
    # the overview's 16th: the growth scenario's disbursement target, named beside this page's scope
    pages = {reverse("investment:overview"): 16, reverse("investment:project", args=[fresh.pk]): 21}
    for url, count in pages.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
    # given more projects
    for n in range(3):
        copy = Project.objects.get(pk=fresh.pk)
        copy.pk, copy.code = None, f"{fresh.code}-{n}"
        copy.save()
    for url, count in pages.items():
        with django_assert_num_queries(count):
            assert client.get(url).status_code == 200
