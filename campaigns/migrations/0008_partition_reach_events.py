"""Raw reach events partitioned by month on PostgreSQL (campaigns.partitions); SQLite keeps
the plain table. Every existing event is kept, and its id recorded in ReachEventId."""

from django.db import migrations

from campaigns.days import today
from campaigns.partitions import convert_to_partitioned, convert_to_plain, is_partitioned


def partition_events(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql" and not is_partitioned(connection):
        convert_to_partitioned(connection, today())


def plain_events(apps, schema_editor):
    if is_partitioned(schema_editor.connection):
        convert_to_plain(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [
        ("campaigns", "0007_reach_tally_and_event_ids"),
    ]

    operations = [migrations.RunPython(partition_events, plain_events, elidable=False)]
