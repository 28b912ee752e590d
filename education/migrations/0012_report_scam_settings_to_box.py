"""Move the "How to report a scam" setting into the default language's ReportScamBox entry.

Wagtail settings cannot be translated with wagtail-localize; the translatable snippet that
replaces the setting gets the setting's heading, advice and channels (or, with no setting
saved yet, an empty entry to fill in and translate). Backwards, the default language's entry
goes back into the setting.
"""

from django.conf import settings
from django.db import migrations
from wagtail.coreutils import get_supported_content_language_variant


def _default_locale(apps):
    Locale = apps.get_model("wagtailcore", "Locale")
    code = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    return Locale.objects.get_or_create(language_code=code)[0]


def settings_to_box(apps, schema_editor):
    ReportScamSettings = apps.get_model("education", "ReportScamSettings")
    ReportScamBox = apps.get_model("education", "ReportScamBox")
    locale = _default_locale(apps)
    if ReportScamBox.objects.filter(locale=locale).exists():
        return
    box = ReportScamBox(locale=locale)
    setting = ReportScamSettings.objects.order_by("pk").first()
    if setting is not None:
        box.heading = setting.heading
        box.advice = setting.advice
        # the stored JSON as is: the block definitions are the same
        box.channels = setting.channels.raw_data
    box.save()


def box_to_settings(apps, schema_editor):
    ReportScamSettings = apps.get_model("education", "ReportScamSettings")
    ReportScamBox = apps.get_model("education", "ReportScamBox")
    box = ReportScamBox.objects.filter(locale=_default_locale(apps)).first()
    if box is None or ReportScamSettings.objects.exists():
        return
    ReportScamSettings.objects.create(
        heading=box.heading, advice=box.advice, channels=box.channels.raw_data
    )


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0011_report_scam_box"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(settings_to_box, box_to_settings)]
