"""The starting value-added coefficients, one per capital source (editable afterwards).

Seed 004 states, for construction in the second half of 2026, gross output at current prices of
17.967,3 tỷ đồng and value added at constant 2010 prices of 4.436,1 tỷ đồng: 4.436,1 / 17.967,3 =
0,2469 of constant-price value added per tỷ đồng of construction output. Disbursement pays for
construction output, so every source starts at that ratio; the finance department may lower a
source whose money buys more equipment or land than building work."""

from decimal import Decimal

from django.db import migrations

SEED_RATIO = Decimal("0.2469")
NOTE = (
    "Tỷ lệ giá trị tăng thêm theo giá so sánh trên giá trị sản xuất theo giá hiện hành của ngành "
    "xây dựng 6 tháng cuối năm 2026 trong kế hoạch kịch bản tăng trưởng: 4.436,1 / 17.967,3 = 0,2469."
)
SOURCES = ["central", "provincial", "ntp", "oda", "non_budget", "ppp"]


def forwards(apps, schema_editor):
    GrowthCoefficient = apps.get_model("investment", "GrowthCoefficient")
    for source in SOURCES:
        GrowthCoefficient.objects.get_or_create(
            source=source, defaults={"coefficient": SEED_RATIO, "note": NOTE}
        )


def backwards(apps, schema_editor):
    apps.get_model("investment", "GrowthCoefficient").objects.filter(source__in=SOURCES).delete()


class Migration(migrations.Migration):
    dependencies = [("investment", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
