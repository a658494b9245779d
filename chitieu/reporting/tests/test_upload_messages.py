"""What the upload preview says: a refused file announces nothing it would save, and every bad
cell is named the same way (file, row, column) (decision 0059)."""

from __future__ import annotations

import io
import re

import lxml.html
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chitieu.reporting.excel import FIRST_ROW, HEADER
from chitieu.reporting.models import FigureUpload


@pytest.fixture
def reporter(client, people):
    client.force_login(people["reporter"])
    return people["reporter"]


def _template(client) -> openpyxl.Workbook:
    data = client.get(reverse("reporting:template") + "?ky=2026").content
    return openpyxl.load_workbook(io.BytesIO(data))


def _column(name: str) -> int:
    return HEADER.index(name) + 1


def _preview(client, wb: openpyxl.Workbook, name: str) -> lxml.html.HtmlElement:
    buf = io.BytesIO()
    wb.save(buf)
    response = client.post(
        reverse("reporting:upload") + "?ky=2026",
        {"file": SimpleUploadedFile(name, buf.getvalue())},
    )
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _main(doc: lxml.html.HtmlElement) -> lxml.html.HtmlElement:
    (main,) = doc.xpath("//main")
    return main


def test_a_refused_file_says_nothing_will_be_saved_and_announces_no_rows(demo, client, reporter):
    # given: one good row and one row whose value is not a number
    wb = _template(client)
    ws = wb.active
    ws.cell(FIRST_ROW, _column("Giá trị")).value = "61"
    ws.cell(FIRST_ROW + 1, _column("Giá trị")).value = "chín mươi"
    # when
    main = _main(_preview(client, wb, "sai.xlsx"))
    # then
    (box,) = main.xpath('.//*[@id="loi-tai-len"]')
    assert box.xpath("./strong")[0].text_content() == "1 lỗi; chưa lưu dòng nào."
    assert main.xpath('.//*[@id="tom-tat"]') == []
    assert [h.text_content() for h in main.xpath(".//h3")] == []
    assert not [b for b in main.xpath(".//button") if b.text_content().startswith("Lưu")]
    assert "Sẽ lưu" not in main.text_content()
    assert FigureUpload.objects.count() == 0


def test_every_bad_cell_is_named_by_file_row_and_column(demo, client, reporter):
    wb = _template(client)
    ws = wb.active
    ws.cell(FIRST_ROW, _column("Giá trị")).value = "chín mươi"
    ws.cell(FIRST_ROW + 1, _column("Kỳ")).value = "2026-13"
    ws.cell(FIRST_ROW + 1, _column("Giá trị")).value = "5"
    ws.cell(FIRST_ROW + 2, _column("Mã")).value = "99999"
    ws.cell(FIRST_ROW + 3, _column("Loại số liệu")).value = "Dự kiến"
    main = _main(_preview(client, wb, "sai.xlsx"))
    items = [
        " ".join(li.text_content().split()) for li in main.xpath('.//*[@id="loi-tai-len"]//li')
    ]
    named = {}
    for item in items:
        found = re.match(r"sai\.xlsx, dòng (\d+), cột ([^:]+): ", item)
        assert found, f"not named as file, row, column: {item}"
        named[int(found.group(1))] = found.group(2)
    assert named == {
        FIRST_ROW: "Giá trị",
        FIRST_ROW + 1: "Kỳ",
        FIRST_ROW + 2: "Mã",
        FIRST_ROW + 3: "Loại số liệu",
    }


def test_a_file_without_errors_still_says_what_it_will_save(demo, client, reporter):
    wb = _template(client)
    wb.active.cell(FIRST_ROW, _column("Giá trị")).value = "61"
    main = _main(_preview(client, wb, "dung.xlsx"))
    assert main.xpath('.//*[@id="loi-tai-len"]') == []
    (summary,) = main.xpath('.//*[@id="tom-tat"]')
    assert summary.xpath("./strong")[0].text_content() == "1 dòng"
    (button,) = [b for b in main.xpath(".//button") if b.text_content().startswith("Lưu")]
    assert button.text_content() == "Lưu 1 số liệu"
