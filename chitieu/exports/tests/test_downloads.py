"""The export command and the download links."""

import docx
import openpyxl
import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command
from django.urls import reverse

from chitieu.catalog.models import Plan
from chitieu.organizations.models import Organization
from chitieu.scenarios.models import GrowthScenario

pytestmark = pytest.mark.django_db


def test_command_writes_the_appendix_of_a_plan_named_by_number(demo, tmp_path):
    out = tmp_path / "phu-luc.docx"
    call_command("export", "appendix", "--format", "docx", "--out", str(out), "--plan", "136")
    d = docx.Document(str(out))
    assert d.tables[0].cell(1, 0).text == "Số: 136/QĐ-UBND"
    assert d.tables[1].rows[0].cells[3].text == "Mục tiêu 2023"


def test_command_writes_a_scorecard_as_excel(demo, tmp_path):
    out = tmp_path / "bang-diem.xlsx"
    call_command(
        "export",
        "scorecard",
        "--format",
        "xlsx",
        "--out",
        str(out),
        "--organization",
        "Sở Tài chính",
    )
    ws = openpyxl.load_workbook(out).worksheets[0]
    assert ws["A3"].value == "KẾT QUẢ THỰC HIỆN CHỈ TIÊU CỦA SỞ TÀI CHÍNH"


def test_command_refuses_an_unknown_plan_and_a_bad_period(demo, tmp_path):
    out = tmp_path / "x.pdf"
    with pytest.raises(CommandError, match="Không có kế hoạch số “999”"):
        call_command("export", "evaluation", "--format", "pdf", "--out", str(out), "--plan", "999")
    with pytest.raises(CommandError, match="Kỳ “2026-Q9” không hợp lệ"):
        call_command(
            "export", "evaluation", "--format", "pdf", "--out", str(out), "--period", "2026-Q9"
        )
    assert not out.exists()


def test_monthly_report_in_the_decree_layout(demo, tmp_path):
    out = tmp_path / "thang.docx"
    call_command("export", "monthly", "--format", "docx", "--out", str(out), "--period", "2026-06")
    d = docx.Document(str(out))
    assert d.sections[0].different_first_page_header_footer
    texts = [p.text for p in d.paragraphs]
    assert "1. Tình hình thực hiện chỉ tiêu" in texts
    assert "3. Nhiệm vụ quá hạn" in texts


@pytest.fixture
def signed_in(client):
    user = get_user_model().objects.create_user("xem", password="x")
    client.force_login(user)
    return client


def test_every_download_link_answers_a_file(demo, signed_in):
    plan = Plan.objects.get(number="130/KH-UBND")
    org = Organization.objects.get(name="Sở Tài chính")
    scenario = GrowthScenario.objects.get()
    urls = [
        (reverse("exports:appendix", args=[plan.pk, "xlsx"]), "phu-luc-ke-hoach"),
        (reverse("exports:evaluation", args=["xlsx"]) + f"?ke-hoach={plan.pk}", "danh-gia"),
        (reverse("exports:scenario", args=[scenario.pk, "docx"]) + "?phien-ban=1", "kich-ban"),
        (reverse("exports:scorecard", args=[org.pk, "xlsx"]), "bang-diem"),
        (reverse("exports:monthly", args=["docx"]) + "?thang=2026-06", "bao-cao-thang-2026-06"),
    ]
    for url, name in urls:
        response = signed_in.get(url)
        assert response.status_code == 200, url
        assert f'filename="{name}' in response["Content-Disposition"]
        assert response.content[:2] == b"PK"


def test_downloads_need_a_signed_in_user_and_a_good_request(demo, client, signed_in):
    plan = Plan.objects.get(number="130/KH-UBND")
    url = reverse("exports:appendix", args=[plan.pk, "pdf"])
    client.logout()
    assert client.get(url).status_code == 302
    user = get_user_model().objects.create_user("xem2", password="x")
    client.force_login(user)
    assert (
        client.get(reverse("exports:evaluation", args=["pdf"]) + "?ky=2026-Q9").status_code == 400
    )
    assert (
        client.get(reverse("exports:evaluation", args=["pdf"]) + "?ke-hoach=x").status_code == 400
    )
    assert client.get(reverse("exports:appendix", args=[999999, "pdf"])).status_code == 404
    assert client.get(f"/xuat/ke-hoach/{plan.pk}/phu-luc.doc").status_code == 404
