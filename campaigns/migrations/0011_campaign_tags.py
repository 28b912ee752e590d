"""Campaign tags (utm_source, utm_medium) and the referring host on each raw event, their
daily rollup, and the (campaign, received_at) index of the report's "last 30 minutes" panel.

On PostgreSQL the event table is partitioned by month (migration 0008, campaigns.partitions):
ADD COLUMN and CREATE INDEX on the partitioned table reach every partition, the default one
included, and a partition made later (``CREATE TABLE … LIKE`` + ``ATTACH PARTITION``) gets the
columns with their database default and the index when it is attached. The new columns have
a constant database default (""), so adding them rewrites no partition.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0010_embed_origins'),
    ]

    operations = [
        migrations.CreateModel(
            name='DailyTagRollup',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('day', models.DateField()),
                ('dimension', models.CharField(choices=[('source', 'Source (utm_source)'), ('medium', 'Medium (utm_medium)'), ('referrer', 'Referring site')], max_length=10)),
                ('key', models.CharField(blank=True, max_length=253)),
                ('events', models.PositiveIntegerField(default=0)),
                ('views', models.PositiveIntegerField(default=0)),
                ('unique_visitors', models.PositiveIntegerField(default=0)),
            ],
        ),
        migrations.AddField(
            model_name='reachevent',
            name='referrer_host',
            field=models.CharField(blank=True, db_default='', default='', max_length=253),
        ),
        migrations.AddField(
            model_name='reachevent',
            name='utm_medium',
            field=models.CharField(blank=True, db_default='', default='', max_length=64),
        ),
        migrations.AddField(
            model_name='reachevent',
            name='utm_source',
            field=models.CharField(blank=True, db_default='', default='', max_length=64),
        ),
        migrations.AddIndex(
            model_name='reachevent',
            index=models.Index(fields=['campaign', 'received_at'], name='event_campaign_received'),
        ),
        migrations.AddField(
            model_name='dailytagrollup',
            name='campaign',
            field=models.ForeignKey(null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='campaigns.campaign'),
        ),
        migrations.AddIndex(
            model_name='dailytagrollup',
            index=models.Index(fields=['campaign', 'day'], name='tag_rollup_campaign_day'),
        ),
        migrations.AddIndex(
            model_name='dailytagrollup',
            index=models.Index(fields=['day'], name='tag_rollup_day'),
        ),
    ]
