# The membership table was created by reporting.0001; this app takes it over in the migration
# state only, so no data moves and the table keeps its name.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("organizations", "0001_initial"),
        ("reporting", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Membership",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("role", models.CharField(choices=[("reporter", "Cán bộ nhập số liệu"), ("reviewer", "Thống kê kiểm tra"), ("compiler", "Tài chính tổng hợp"), ("leader", "Lãnh đạo (chỉ xem)"), ("admin", "Quản trị")], max_length=20, verbose_name="vai trò")),
                        ("organization", models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="members", to="organizations.organization")),
                        ("user", models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name="membership", to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        "db_table": "reporting_membership",
                        "verbose_name": "thành viên",
                        "verbose_name_plural": "thành viên",
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
