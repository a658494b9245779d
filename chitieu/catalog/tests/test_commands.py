import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chitieu.catalog.models import Plan
from chitieu.conftest import SEED_000, SEED_001, SEEDS


def _run(*args) -> str:
    out = StringIO()
    call_command("import_plan", *args, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_dry_run_json_prints_the_document_and_writes_nothing():
    data = json.loads(_run(str(SEEDS / SEED_000), "--dry-run", "--json"))
    assert set(data) == {"document", "rows", "warnings"}
    assert data["document"]["number"] == "130/KH-UBND"
    row = next(r for r in data["rows"] if r["no"] == "12")
    assert row["name"] == "Tuổi thọ trung bình tính từ lúc sinh"
    assert (row["unit"], row["target_text"], row["lead"]) == ("Tuổi", "75,5", ["Sở Y tế"])
    assert row["target"] == {
        "kind": "exact",
        "low": None,
        "high": None,
        "value": 75.5,
        "strict": False,
    }
    sub = next(r for r in data["rows"] if r["name"] == "Trong đó thời gian sống khoẻ")
    assert (sub["no"], sub["parent_no"]) == (None, "12")
    gt = next(r for r in data["rows"] if r["target_text"] == ">30")
    assert gt["target"] == {"kind": "min", "low": 30, "high": None, "value": None, "strict": True}
    assert Plan.objects.count() == 0


@pytest.mark.django_db
def test_dry_run_json_of_the_pdf_text_layout():
    data = json.loads(_run(str(SEEDS / SEED_001), "--dry-run", "--json"))
    first = data["rows"][0]
    assert first["lead_text"] == "Sở Kế hoạch và Đầu tư"
    assert (
        first["coordinating_text"] == "Các sở, ban, ngành, Cục thống kê UBND các huyện, thành phố"
    )
    assert first["coordinating"] == [
        "Các sở, ban, ngành",
        "Cục Thống kê tỉnh",
        "UBND các huyện, thành phố",
    ]
    assert any("2023" in w for w in data["warnings"])


@pytest.mark.django_db
def test_import_then_import_again():
    call_command("load_demo", stdout=StringIO())
    Plan.objects.filter(number="130/KH-UBND").delete()
    assert "Đã nhập Kế hoạch số 130/KH-UBND" in _run(str(SEEDS / SEED_000))
    assert "đã có từ trước" in _run(str(SEEDS / SEED_000))
    assert Plan.objects.filter(number="130/KH-UBND").count() == 1


@pytest.mark.django_db
def test_missing_or_bad_files_are_refused(tmp_path):
    with pytest.raises(CommandError, match="Không tìm thấy tệp"):
        _run(str(tmp_path / "khong-co.docx"))
    bad = tmp_path / "hong.pdf"
    bad.write_bytes(b"%PDF-1.4 rubbish")
    with pytest.raises(CommandError, match="hong.pdf: tệp PDF bị hỏng"):
        _run(str(bad), "--dry-run", "--json")
