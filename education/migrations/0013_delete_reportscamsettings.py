from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0012_report_scam_settings_to_box"),
    ]

    operations = [
        migrations.DeleteModel(name="ReportScamSettings"),
    ]
