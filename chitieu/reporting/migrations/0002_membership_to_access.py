# Membership now belongs to the access app (same table); reporting forgets it in state only.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("reporting", "0001_initial"),
        ("access", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Membership")],
            database_operations=[],
        ),
    ]
