from django.db import migrations, models


def adopted_from_dates(apps, schema_editor):
    """A version with an adoption date was adopted; every other one stays a trial (draft)."""
    ScenarioVersion = apps.get_model("scenarios", "ScenarioVersion")
    ScenarioVersion.objects.filter(adopted_at__isnull=False).update(status="adopted")


class Migration(migrations.Migration):
    dependencies = [
        ("scenarios", "0002_actuals"),
    ]

    operations = [
        migrations.AddField(
            model_name="scenarioversion",
            name="status",
            field=models.CharField(
                choices=[
                    ("draft", "Bản thử"),
                    ("proposed", "Đề xuất"),
                    ("adopted", "Đã thông qua"),
                ],
                default="draft",
                max_length=20,
                verbose_name="trạng thái",
            ),
        ),
        migrations.RunPython(adopted_from_dates, migrations.RunPython.noop),
    ]
