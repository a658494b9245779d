"""The loader: all or nothing, idempotent, one catalog entry per indicator across plans."""

import unicodedata
from datetime import date
from decimal import Decimal as D

import pytest
from django.core.management import call_command

from chitieu.catalog.models import Indicator, IndicatorAlias, Plan, Responsibility, Target
from chitieu.catalog.services import NEW_ORGANIZATION, ImportDecisions, ImportRefused, plan_import
from chitieu.conftest import SEED_000, SEED_001
from chitieu.importers import read_document
from chitieu.organizations.models import Organization, OrganizationAlias
from chitieu.organizations.selectors import organization_directory


def _import(data: bytes, name: str, decisions=None):
    doc = read_document(data, name, organization_directory())
    return plan_import(document=doc, decisions=decisions, source_bytes=data)


def _catalog_snapshot():
    return (
        sorted(
            Indicator.objects.values_list(
                "key", "name", "unit", "group", "direction", "is_structure"
            )
        ),
        sorted(
            Target.objects.values_list(
                "plan__number",
                "indicator__key",
                "printed_text",
                "kind",
                "low",
                "high",
                "value",
                "strict",
            )
        ),
        sorted(
            Responsibility.objects.values_list("target__printed_name", "organization__name", "role")
        ),
    )


def test_seed_000_becomes_a_plan_with_its_targets(orgs, seed_bytes):
    result = _import(seed_bytes(SEED_000), SEED_000)
    plan = result.plan
    assert result.created
    assert (plan.kind, plan.doc_kind, plan.number, plan.issued_on, plan.period_code) == (
        "five_year",
        "Kế hoạch",
        "130/KH-UBND",
        date(2026, 4, 7),
        "2026-2030",
    )
    assert plan.source_file.read() == seed_bytes(SEED_000)
    assert plan.targets.count() == 50
    t = plan.targets.get(row_no="12")
    assert (t.printed_name, t.printed_unit, t.printed_text, t.kind, t.value, t.source_line) == (
        "Tuổi thọ trung bình tính từ lúc sinh",
        "Tuổi",
        "75,5",
        "exact",
        D("75.5"),
        30,
    )
    assert [r.organization.name for r in t.responsibilities.filter(role="lead")] == ["Sở Y tế"]
    t1 = plan.targets.get(row_no="1")
    assert t1.responsibilities.filter(role="lead").count() == 8
    assert list(
        t1.responsibilities.filter(role="coordinating").values_list("organization__kind", flat=True)
    ) == ["group", "group"]


def test_structure_rows_are_children_with_a_neutral_direction(orgs, seed_bytes):
    _import(seed_bytes(SEED_000), SEED_000)
    grdp_structure = Indicator.objects.get(name="Cơ cấu tổng sản phẩm trên địa bàn")
    assert grdp_structure.is_structure
    assert sorted(grdp_structure.children.values_list("name", "direction")) == [
        ("Công nghiệp - xây dựng", "neutral"),
        ("Dịch vụ", "neutral"),
        ("Nông, lâm nghiệp và thủy sản", "neutral"),
    ]
    # the same sector names under the employment structure are other indicators
    assert Indicator.objects.filter(name="Dịch vụ").count() == 2
    assert Indicator.objects.get(name="Tỷ lệ thất nghiệp").direction == "down"
    assert Indicator.objects.get(name="Tỷ lệ che phủ rừng").group == "environment"


def test_the_same_indicator_in_two_plans_is_one_catalog_entry(orgs, seed_bytes):
    _import(seed_bytes(SEED_000), SEED_000)
    result = _import(seed_bytes(SEED_001), SEED_001)
    assert result.indicators_matched == 3
    shared = Indicator.objects.get(name="Tỷ lệ chất thải y tế được xử lý")
    assert sorted(shared.targets.values_list("plan__number", flat=True)) == [
        "130/KH-UBND",
        "136/QĐ-UBND",
    ]
    # "… đến năm 2030" names the same indicator as the plan without the year
    insured = Indicator.objects.get(name="Tỷ lệ người dân tham gia bảo hiểm y tế")
    assert insured.targets.count() == 2


def test_importing_the_same_file_twice_creates_nothing(orgs, seed_bytes):
    first = _import(seed_bytes(SEED_000), SEED_000)
    before = _catalog_snapshot()
    second = _import(seed_bytes(SEED_000), SEED_000)
    assert not second.created and second.plan == first.plan
    assert _catalog_snapshot() == before
    assert Plan.objects.count() == 1


def test_an_nfd_copy_of_an_imported_document_creates_nothing(orgs, seed_bytes):
    _import(seed_bytes(SEED_001), SEED_001)
    nfd = unicodedata.normalize("NFD", seed_bytes(SEED_001).decode()).encode()
    assert not _import(nfd, "ban-sao.txt").created
    assert Plan.objects.count() == 1


def test_nfc_and_nfd_give_the_same_catalog(orgs, seed_bytes):
    _import(seed_bytes(SEED_000), SEED_000)
    nfc = _catalog_snapshot()
    Plan.objects.all().delete()
    Indicator.objects.all().delete()
    _import(unicodedata.normalize("NFD", seed_bytes(SEED_000).decode()).encode(), SEED_000)
    assert _catalog_snapshot() == nfc


def _with_bad_row(seed_bytes) -> bytes:
    return seed_bytes(SEED_000).decode().replace("\t75,5\t", "\tbảy lăm\t").encode()


def test_a_row_that_cannot_be_read_blocks_the_import_and_nothing_is_saved(orgs, seed_bytes):
    with pytest.raises(ImportRefused, match="Dòng 30: mục tiêu không đọc được"):
        _import(_with_bad_row(seed_bytes), "sai.txt")
    assert Plan.objects.count() == Indicator.objects.count() == Target.objects.count() == 0


def test_a_skipped_bad_row_lets_the_rest_be_saved(orgs, seed_bytes):
    doc = read_document(_with_bad_row(seed_bytes), "sai.txt", organization_directory())
    bad = next(i for i, r in enumerate(doc.rows) if r.error)
    result = plan_import(document=doc, decisions=ImportDecisions(skip={bad}))
    assert result.plan.targets.count() == 49
    assert not result.plan.targets.filter(row_no="12").exists()


def test_a_failure_midway_rolls_everything_back(orgs, seed_bytes):
    text = seed_bytes(SEED_000).decode().replace("\tSở Nội vụ\t", "\tSở Mới Lập\t", 1)
    doc = read_document(text.encode(), "x.txt", organization_directory())
    with pytest.raises(ImportRefused, match="không còn tồn tại"):
        plan_import(document=doc, decisions=ImportDecisions(agencies={"Sở Mới Lập": "999999"}))
    assert Plan.objects.count() == Target.objects.count() == Responsibility.objects.count() == 0


def test_split_keeps_a_matched_row_as_a_new_indicator(orgs, seed_bytes):
    _import(seed_bytes(SEED_000), SEED_000)
    doc = read_document(seed_bytes(SEED_001), SEED_001, organization_directory())
    pos = next(i for i, r in enumerate(doc.rows) if r.name == "Tỷ lệ chất thải y tế được xử lý")
    plan_import(document=doc, decisions=ImportDecisions(split={pos}))
    assert Indicator.objects.filter(name="Tỷ lệ chất thải y tế được xử lý").count() == 2


def test_unknown_agency_mapped_to_an_existing_one_is_learned(orgs, seed_bytes):
    text = seed_bytes(SEED_000).decode().replace("\tSở Nội vụ\t", "\tSNV\t", 1)
    doc = read_document(text.encode(), "x.txt", organization_directory())
    noi_vu = Organization.objects.get(name="Sở Nội vụ")
    result = plan_import(document=doc, decisions=ImportDecisions(agencies={"SNV": str(noi_vu.pk)}))
    t = result.plan.targets.get(row_no="14")
    assert [r.organization for r in t.responsibilities.filter(role="lead")] == [noi_vu]
    assert t.unresolved_agencies == []
    assert OrganizationAlias.objects.filter(name="SNV", organization=noi_vu).exists()


def test_unknown_agency_can_become_a_new_organisation_or_stay_for_review(orgs, seed_bytes):
    text = (
        seed_bytes(SEED_000)
        .decode()
        .replace("\tSở Nội vụ\t", "\tBan Dân vận\t", 1)
        .replace("\tThống kê tỉnh\t", "\tPhòng Thống kê cũ\t", 1)
    )
    doc = read_document(text.encode(), "x.txt", organization_directory())
    result = plan_import(
        document=doc, decisions=ImportDecisions(agencies={"Ban Dân vận": NEW_ORGANIZATION})
    )
    assert Organization.objects.filter(name="Ban Dân vận", kind="agency").exists()
    kept = result.plan.targets.get(row_no="13")
    assert kept.unresolved_agencies == ["Phòng Thống kê cũ"]
    assert kept.lead_text == "Phòng Thống kê cũ"


def test_load_demo_is_idempotent(db):
    call_command("load_demo")
    counts = [
        m.objects.count()
        for m in (Organization, Plan, Indicator, Target, Responsibility, IndicatorAlias)
    ]
    call_command("load_demo")
    assert [
        m.objects.count()
        for m in (Organization, Plan, Indicator, Target, Responsibility, IndicatorAlias)
    ] == counts
    # seeds 000 and 001 as before (2 plans, 82 indicators, 85 targets), seed 003 in prose (49
    # targets, 29 of them on indicators seed 000 already has), and the growth of GRDP and its six
    # series at constant prices that the 2026 scenario's actuals are figures of, and six of the
    # scenario's seven drivers (retail sales, tourists, exports, IIP, customs revenue, public
    # investment; tourism revenue is an indicator seed 003 already has)
    assert counts[1:4] == [3, 102 + 7 + 6, 134]
