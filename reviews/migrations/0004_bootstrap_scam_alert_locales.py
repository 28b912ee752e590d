"""Put every existing scam alert in the default locale, each with a translation key of its own.

Wagtail's documented way to make an existing model translatable (BootstrapTranslatableMixin,
then this operation, then TranslatableMixin). The locales themselves are created by
education's 0005 migration.
"""

from django.db import migrations
from wagtail.models import BootstrapTranslatableModel


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0003_translatable_scam_alerts_bootstrap"),
        ("education", "0005_bootstrap_taxonomy_locales"),
    ]

    operations = [BootstrapTranslatableModel("reviews.ScamAlert")]
