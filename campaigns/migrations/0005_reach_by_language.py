# Reach figures per language (a choice only: no schema change).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('campaigns', '0004_marketing_permissions'),
    ]

    operations = [
        migrations.AlterField(
            model_name='campaignreachfigure',
            name='dimension',
            field=models.CharField(choices=[('all', 'Whole campaign'), ('page', 'Lesson'), ('link', 'Tracking link'), ('channel', 'Channel'), ('format', 'Format'), ('segment', 'Audience segment'), ('language', 'Language')], max_length=10),
        ),
    ]
