"""Comic panels become translatable (wagtail-localize translates their alt text and dialogue).

Two steps, like Wagtail's own recipe: add the fields as nullable and fill them here (each
panel takes its page's locale), make them required in 0010.
"""

import uuid

import django.db.models.deletion
from django.db import migrations, models


def fill_translation_fields(apps, schema_editor):
    ComicPanel = apps.get_model("education", "ComicPanel")
    for panel in ComicPanel.objects.select_related("page").filter(translation_key__isnull=True):
        panel.translation_key = uuid.uuid4()
        panel.locale_id = panel.page.locale_id
        panel.save(update_fields=["translation_key", "locale"])


class Migration(migrations.Migration):

    dependencies = [
        ("education", "0008_translatable_red_flags"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="comicpanel",
            name="locale",
            field=models.ForeignKey(
                editable=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                related_name="+", to="wagtailcore.locale",
            ),
        ),
        migrations.AddField(
            model_name="comicpanel",
            name="translation_key",
            field=models.UUIDField(editable=False, null=True),
        ),
        migrations.RunPython(fill_translation_fields, migrations.RunPython.noop),
    ]
