"""Give the existing audiences, series and scam types a locale and a translation key.

Adds the Simplified Chinese locale beside the default one, then puts every existing term in
the default locale (Wagtail's documented way to make an existing model translatable).
"""

from django.conf import settings
from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


def add_chinese_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0004_translatable_taxonomy_bootstrap"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(add_chinese_locale, migrations.RunPython.noop),
        BootstrapTranslatableModel("education.AudienceSegment"),
        BootstrapTranslatableModel("education.Series"),
        BootstrapTranslatableModel("education.ScamType"),
    ]
