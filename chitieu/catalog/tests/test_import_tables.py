"""The loader accepts what the table model reads: a target per period, actual figures and
tasks left unsaved with a warning per row, unnumbered rows filed under a row only when part of it."""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from chitieu.catalog.models import Indicator, Plan, Target
from chitieu.catalog.services import plan_import
from chitieu.importers import read_document
from chitieu.importers.tests.shapes import PERIODS, TASKS, build
from chitieu.organizations.selectors import organization_directory


def _import(shape, fmt="html"):
    data = build(shape, fmt)
    doc = read_document(data, f"phu-luc.{fmt}", organization_directory())
    return plan_import(document=doc, source_bytes=data)


def test_each_period_column_becomes_its_own_target(orgs):
    result = _import(PERIODS)
    plan = result.plan
    assert (plan.number, plan.period_code) == ("25/KH-UBND", "2026")
    grdp = Target.objects.filter(plan=plan, printed_name="Tổng sản phẩm trên địa bàn (GRDP)")
    assert sorted(grdp.values_list("period_code", "printed_text", "value")) == [
        ("2025", "100.000", 100000),
        ("2026", "112.000", 112000),
    ]
    assert grdp.values("indicator").distinct().count() == 1


def test_actual_figures_are_not_saved_as_targets_and_say_so(orgs):
    result = _import(PERIODS)
    assert not Target.objects.filter(printed_text="101.500").exists()
    note = "“Tổng sản phẩm trên địa bàn (GRDP)” là số ước thực hiện/thực hiện kỳ 2025 — chưa nhập"
    assert any(note in w for w in result.plan.warnings)
    assert any(note in w for w in result.not_loaded)


def test_unnumbered_row_of_another_indicator_is_not_filed_under_the_row_above(orgs):
    _import(PERIODS)
    doctors = Indicator.objects.get(name="Số bác sĩ trên 10.000 dân")
    assert doctors.parent is None
    usd = Indicator.objects.get(name="GRDP bình quân đầu người", unit="USD")
    assert (usd.parent.name, usd.parent.unit) == ("GRDP bình quân đầu người", "Triệu đồng")


def test_task_table_saves_no_target_and_lists_every_task(orgs):
    result = _import(TASKS)
    assert Target.objects.filter(plan=result.plan).count() == 0
    assert [w for w in result.plan.warnings if "là nhiệm vụ" in w] == [
        "Dòng 1: “Xây dựng kế hoạch chuyển đổi số” là nhiệm vụ kỳ 2026 — chưa nhập ở bước này, không lưu thành mục tiêu.",
        "Dòng 1: “Cập nhật cơ sở dữ liệu đất đai” là nhiệm vụ kỳ 2026-2027 — chưa nhập ở bước này, không lưu thành mục tiêu.",
    ]


@pytest.mark.django_db
def test_dry_run_json_has_period_source_and_kind_once_per_period(tmp_path):
    path = tmp_path / "phu-luc.txt"
    path.write_bytes(build(PERIODS, "txt"))
    out = StringIO()
    call_command("import_plan", str(path), "--dry-run", "--json", stdout=out)
    data = json.loads(out.getvalue())
    rows = [r for r in data["rows"] if r["name"] == "Tổng sản phẩm trên địa bàn (GRDP)"]
    assert [(r["kind"], r["period"], r["source"], r["target_text"]) for r in rows] == [
        ("target", "2025", "100.000", "100.000"),
        ("target", "2026", "112.000", "112.000"),
        ("actual", "2025", "101.500", "101.500"),
    ]
    assert {"no", "parent_no", "group", "unit", "lead", "coordinating", "raw"} <= set(rows[0])
    assert rows[0]["lead"] == ["Sở Tài chính"]
    assert Plan.objects.count() == 0


def _corpus(prefix):
    from chitieu.importers.tests.test_corpus import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("the shared corpus is not here")
    path = next(CORPUS.glob(f"{prefix}*"))
    return read_document(path.read_bytes(), path.name, organization_directory())


@pytest.mark.parametrize(
    "prefix, period, per_period, not_loaded",
    [
        (
            "camau",
            "2026-2028",
            {"2025": 22, "2026": 37, "2027": 36, "2028": 36, "2026-2028": 6},
            36,
        ),
        (
            "sonla",
            "2026-2030",
            {"2026": 60, "2027": 60, "2028": 60, "2029": 60, "2030": 60, "2026-2030": 11},
            23,
        ),
        ("thutuong_2025_qd2629", "2025-2030", {"2025-2027": 10, "2028-2030": 12}, 77),
    ],
)
def test_corpus_documents_load_with_a_target_per_period(
    orgs, prefix, period, per_period, not_loaded
):
    from collections import Counter

    result = plan_import(document=_corpus(prefix))
    counts = Counter(Target.objects.filter(plan=result.plan).values_list("period_code", flat=True))
    assert (result.plan.period_code, dict(counts), len(result.not_loaded)) == (
        period,
        per_period,
        not_loaded,
    )


def test_growth_sub_rows_of_two_indicators_stay_two_indicators(orgs):
    # Cà Mau prints "Tốc độ tăng trưởng" under exports and again under imports.
    plan_import(document=_corpus("camau"))
    growth = Indicator.objects.filter(name="Tốc độ tăng trưởng").select_related("parent")
    assert sorted(g.parent.name for g in growth) == [
        "Kim ngạch nhập khẩu hàng hóa",
        "Kim ngạch xuất khẩu hàng hóa",
    ]


def _parent(name, unit=None):
    qs = Indicator.objects.filter(name=name)
    if unit:
        qs = qs.filter(unit=unit)
    ind = qs.select_related("parent").get()
    return (ind.parent.name, ind.parent.unit) if ind.parent else None


def test_seed_catalog_files_a_row_under_another_only_when_part_of_it(orgs, seed_bytes):
    from chitieu.conftest import SEED_000, SEED_001

    # given the province's two appendices, read exactly as always (parent_no as printed)
    results = []
    for seed in (SEED_000, SEED_001):
        doc = read_document(seed_bytes(seed), seed, organization_directory())
        results.append(plan_import(document=doc))
    # then the mis-filings of issue 9 are gone from the catalog ...
    per_head = "Tổng sản phẩm trên địa bàn bình quân đầu người"
    assert _parent(per_head, "Triệu đồng") is None
    assert _parent(per_head, "USD") == (per_head, "Triệu đồng")  # the same indicator, second unit
    assert _parent("Số giường bệnh trên 10.000 dân") is None
    assert _parent("Tổng chi ngân sách địa phương") is None
    assert _parent("Tỷ lệ che phủ của rừng") is None
    assert _parent("Tổng số nhà ở xã hội") is None
    # ... while the parts stay parts
    shares = Indicator.objects.filter(name="Dịch vụ").select_related("parent")
    assert sorted(i.parent.name for i in shares) == [
        "Cơ cấu kinh tế",
        "Cơ cấu tổng sản phẩm trên địa bàn",
        "Tỷ trọng lao động có việc làm trong nền kinh tế",
    ]
    assert _parent("Trong đó thời gian sống khoẻ") == (
        "Tuổi thọ trung bình tính từ lúc sinh",
        "Tuổi",
    )
    assert _parent("Thu nội địa") == ("Tổng thu ngân sách nhà nước trên địa bàn", "Tỷ đồng")
    assert _parent("Tỷ lệ lao động đã qua đào tạo có bằng cấp, chứng chỉ") == (
        "Tỷ lệ lao động đã qua đào tạo",
        "%",
    )
    # and the person is told about every row the catalog files on its own
    assert any(
        "“Số giường bệnh trên 10.000 dân” in không số dưới dòng 19" in w
        for w in results[0].plan.warnings
    )
