"""PageCacheGeneration now belongs to the page_cache app (its 0001): removed from this app's
state only; the table and its row stay where they are."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("education", "0015_info_page"),
        ("page_cache", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PageCacheGeneration")],
            database_operations=[],
        ),
    ]
