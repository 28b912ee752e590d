"""PageCacheGeneration moves here from the education app, table and rows included.

The table ``education_pagecachegeneration`` already exists (education's 0001 created it), so
this migration only adds the model to page_cache's state (education's 0016 removes it from
education's) and relabels its content type, so permissions and log entries follow it.
"""

from django.db import migrations, models


def _move_content_type(apps, from_app, to_app):
    content_types = apps.get_model("contenttypes", "ContentType")
    if not content_types.objects.filter(app_label=to_app, model="pagecachegeneration"):
        content_types.objects.filter(
            app_label=from_app, model="pagecachegeneration"
        ).update(app_label=to_app)


def relabel_content_type(apps, schema_editor):
    _move_content_type(apps, "education", "page_cache")


def restore_content_type(apps, schema_editor):
    _move_content_type(apps, "page_cache", "education")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("education", "0015_info_page"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PageCacheGeneration",
                    fields=[
                        ("id", models.BigAutoField(
                            auto_created=True, primary_key=True, serialize=False,
                            verbose_name="ID",
                        )),
                        ("value", models.BigIntegerField(default=0)),
                        ("changed_at", models.DateTimeField(auto_now=True)),
                    ],
                    options={
                        "verbose_name": "page cache generation",
                        "db_table": "education_pagecachegeneration",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
