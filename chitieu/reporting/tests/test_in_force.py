"""Evaluation by the target in force (decision 0039), on the demo's documents: 003 amends 000's
life expectancy, and the pages judge 000's row against 003's target while still printing 000's."""

from decimal import Decimal as D

import pytest

from chitieu.access.choices import Role
from chitieu.catalog.models import Plan, Target
from chitieu.crosscheck.services import plan_amendment_record, plan_amendment_remove
from chitieu.organizations.models import Organization
from chitieu.reporting.choices import Status
from chitieu.reporting.evaluation import evaluate_targets
from chitieu.reporting.models import Figure

LIFE = "Tuổi thọ trung bình tính từ lúc sinh"
PREFIX = (
    "Theo mục tiêu điều chỉnh tại Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030: "
    "đạt khoảng 73,5 - 74 tuổi. "
)


@pytest.fixture
def amended(demo, user_of):
    """Life expectancy 2030 approved at 74; finance records that 003 amends that row of 000."""
    p000 = Plan.objects.get(number="130/KH-UBND")
    p003 = Plan.objects.get(title="Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030")
    old = p000.targets.get(printed_name=LIFE)
    Figure.objects.create(
        indicator=old.indicator,
        organization=Organization.objects.get(name="Thống kê tỉnh"),
        period_code="2030",
        vintage="official",
        value=D(74),
        status="approved",
    )
    finance = user_of("Sở Tài chính", Role.COMPILER)
    amendment = plan_amendment_record(
        user=finance, plan=p003, amends=p000, scope="rows", indicators=[old.indicator]
    )
    return {"000": p000, "003": p003, "old": old, "amendment": amendment, "finance": finance}


def _life(plan: Plan):
    [e] = [e for e in evaluate_targets(list(plan.targets.all())) if e.target.printed_name == LIFE]
    return e


def test_the_amended_row_is_judged_against_the_target_in_force(amended):
    e = _life(amended["000"])
    # 74 misses 000's 75,5 but is within 003's 73,5 - 74
    assert e.status == Status.ACHIEVED
    assert e.sentence == PREFIX + "Đạt 74 Tuổi năm 2030; mục tiêu từ 73,5 đến 74 tuổi: đạt."
    # the target itself is still 000's, as printed
    assert (e.target.plan_id, e.target.printed_text) == (amended["000"].pk, "75,5")
    plan_amendment_remove(user=amended["finance"], amendment=amended["amendment"])
    e = _life(amended["000"])
    assert e.status == Status.MISSED and not e.sentence.startswith("Theo mục tiêu điều chỉnh")


def test_the_pages_print_the_old_target_and_mark_it_amended(client, amended):
    client.force_login(amended["finance"])
    overview = client.get(f"/danh-gia/?ke-hoach={amended['000'].pk}").content.decode()
    assert PREFIX.strip() in overview and "Mục tiêu đã được sửa đổi" in overview
    plan_page = client.get(f"/ke-hoach/{amended['000'].pk}/").content.decode()
    row = plan_page[plan_page.index(LIFE) :]
    row = row[: row.index("</tr>")]
    assert "75,5" in row
    assert (
        "Đã sửa đổi tại Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030: "
        "đạt khoảng 73,5 - 74 tuổi"
    ) in row
    # a row no amendment names carries no mark
    assert plan_page.count("Đã sửa đổi tại") == 1
    assert Target.objects.filter(superseded_by__isnull=False).count() == 1


def _stored_life(plan: Plan):
    from chitieu.reporting.selectors import overview

    [row] = [r for r in overview(plan).rows if r.name == LIFE]
    return row


def test_the_stored_row_follows_the_replacing_target_edited_or_deleted_outside_the_services(
    amended,
):
    """The replacing target changed in the admin (a plain save, no service) or deleted: the row it
    replaced is read again, not left with the old sentence."""
    assert _stored_life(amended["000"]).sentence.startswith(PREFIX)
    new = Target.objects.get(
        pk=amended["old"].__class__.objects.get(pk=amended["old"].pk).superseded_by_id
    )
    assert new.plan_id == amended["003"].pk
    new.printed_text, new.kind, new.low, new.high = "76", "exact", None, None
    new.value = D(76)
    new.save()
    row = _stored_life(amended["000"])
    assert row.status == Status.MISSED
    assert row.sentence == (
        "Theo mục tiêu điều chỉnh tại Kế hoạch phát triển kinh tế - xã hội 5 năm 2026 - 2030: "
        "76 tuổi. Chỉ đạt 74 Tuổi năm 2030; mục tiêu đạt 76 tuổi: không đạt."
    )
    new.delete()
    row = _stored_life(amended["000"])
    # 74 against 000's own 75,5 again, without the amendment's words
    assert row.status == Status.MISSED and not row.sentence.startswith("Theo mục tiêu điều chỉnh")
