"""Raw reach events partitioned by month on PostgreSQL (campaigns.partitions); SQLite keeps
the plain table. Every existing event is kept, and its id recorded in ReachEventId."""

from django.db import migrations

from campaigns.days import today
from campaigns.partitions import convert_to_partitioned, is_partitioned


def partition_events(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql" and not is_partitioned(connection):
        convert_to_partitioned(connection, today())


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0006_reach_tally_and_event_ids"),
    ]

    # No way back: a partitioned table is a plain table's superset for every query Django makes.
    operations = [migrations.RunPython(partition_events, migrations.RunPython.noop, elidable=False)]
