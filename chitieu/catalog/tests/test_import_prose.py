"""Plans in prose (seeds 002 and 003) through the one loader, with what the person types."""

from datetime import date
from decimal import Decimal as D

import pytest

from chitieu.catalog.models import Plan, Target
from chitieu.catalog.services import ImportDecisions, ImportRefused, plan_import
from chitieu.conftest import SEEDS
from chitieu.importers import read_document
from chitieu.organizations.selectors import organization_directory
from chitieu.organizations.services import organizations_load_directory

SEED_002 = "002_ad4a9c0b18438c67.txt"
SEED_003 = "003_9c9170de04c84ef3.txt"


@pytest.fixture
def orgs(db):
    organizations_load_directory()


def _doc(name):
    return read_document((SEEDS / name).read_bytes(), name, organization_directory())


def test_seed_003_becomes_a_five_year_plan_with_each_target_in_its_own_period(orgs):
    result = plan_import(document=_doc(SEED_003))
    plan = result.plan
    assert (plan.kind, plan.period_code, plan.layout, plan.number) == (
        "five_year",
        "2026-2030",
        "prose",
        "",
    )
    targets = Target.objects.filter(plan=plan).order_by("position")
    assert targets.count() == 49
    gdp = targets.get(row_no="1")
    assert (gdp.period_code, gdp.kind, gdp.value, gdp.printed_unit) == (
        "2030",
        "approx",
        D(111100),
        "tỷ đồng",
    )
    growth = targets.get(row_no="2")  # a yearly average over the plan: the plan's own period
    assert (growth.period_code, growth.kind, growth.low, growth.high) == (
        "2026-2030",
        "range",
        D(10),
        D(11),
    )
    shares = targets.filter(indicator__parent=targets.get(row_no="3").indicator)
    assert [t.indicator.name for t in shares.order_by("position")] == [
        "Nông, Lâm nghiệp và Thủy sản",
        "Công nghiệp - Xây dựng",
        "Dịch vụ",
        "Thuế sản phẩm trừ trợ cấp sản phẩm",
    ]
    assert targets.get(row_no="3").indicator.is_structure


def test_seed_002_waits_for_its_period_then_imports_with_the_typed_identity(orgs):
    doc = _doc(SEED_002)
    bad = [i for i, r in enumerate(doc.rows) if r.error]
    with pytest.raises(ImportRefused, match="ô “Kỳ kế hoạch”"):
        plan_import(document=doc, decisions=ImportDecisions(skip=set(bad)))
    assert Plan.objects.count() == 0
    decisions = ImportDecisions(
        skip=set(bad), period_code="2024-2030", number="25/KH-UBND", issued_on=date(2024, 2, 1)
    )
    plan = plan_import(document=doc, decisions=decisions).plan
    assert (plan.period_code, plan.number, plan.issued_on, plan.kind) == (
        "2024-2030",
        "25/KH-UBND",
        date(2024, 2, 1),
        "program",
    )
    assert plan.targets.count() == len(doc.rows) - len(bad) == 33
    growth = plan.targets.get(position=0)
    assert (growth.period_code, growth.low, growth.high) == ("2021-2030", D(8), D(9))
    assert plan.targets.get(position=12).period_code == "2030"


def test_a_period_typed_wrongly_is_refused_and_nothing_saved(orgs):
    doc = _doc(SEED_002)
    bad = {i for i, r in enumerate(doc.rows) if r.error}
    with pytest.raises(ImportRefused, match="“2030-2024”"):
        plan_import(document=doc, decisions=ImportDecisions(skip=bad, period_code="2030-2024"))
    assert Plan.objects.count() == 0
