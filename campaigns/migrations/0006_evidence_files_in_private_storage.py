# Evidence files move from the public media storage to the private one (no URL); files
# already uploaded are moved with them, so none stays downloadable under /media/evidence/.

from django.core.files.storage import storages
from django.db import migrations, models

import campaigns.models.offline


def move_evidence_files(apps, schema_editor):
    public, private = storages["default"], storages["private"]
    ChannelFigure = apps.get_model("campaigns", "ChannelFigure")
    for name in ChannelFigure.objects.exclude(evidence_file="").values_list(
        "evidence_file", flat=True
    ):
        if public.exists(name) and not private.exists(name):
            with public.open(name, "rb") as source:
                private.save(name, source)
        if public.exists(name) and private.exists(name):
            public.delete(name)


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0005_reach_by_language'),
    ]

    operations = [
        migrations.AlterField(
            model_name='channelfigure',
            name='evidence_file',
            field=models.FileField(blank=True, storage=campaigns.models.offline.evidence_storage, upload_to='evidence/', verbose_name='evidence file'),
        ),
        migrations.RunPython(move_evidence_files, migrations.RunPython.noop),
    ]
