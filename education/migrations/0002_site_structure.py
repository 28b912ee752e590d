"""Replace Wagtail's welcome page with the ScamSense home page and lesson library.

A fresh database then serves / and /lessons/ before any content is loaded.
"""

import uuid

from django.db import migrations
from django.utils import timezone


def create_site_structure(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    Locale = apps.get_model("wagtailcore.Locale")
    HomePage = apps.get_model("education.HomePage")
    LessonIndexPage = apps.get_model("education.LessonIndexPage")

    if HomePage.objects.exists():
        return
    page_type = ContentType.objects.get(model="page", app_label="wagtailcore")
    Page.objects.filter(content_type=page_type, slug="home", depth=2).delete()

    locale = Locale.objects.first() or Locale.objects.create(language_code="en")
    now = timezone.now()
    common = {
        "locale": locale, "live": True, "has_unpublished_changes": False,
        "first_published_at": now, "last_published_at": now,
    }
    home = HomePage.objects.create(
        title="ScamSense", draft_title="ScamSense", slug="home",
        content_type=ContentType.objects.get_or_create(model="homepage", app_label="education")[0],
        path="00010001", depth=2, numchild=1, url_path="/home/",
        translation_key=uuid.uuid4(),
        intro="Short lessons that help you spot a scam before it costs you.",
        **common,
    )
    LessonIndexPage.objects.create(
        title="Lessons", draft_title="Lessons", slug="lessons",
        content_type=ContentType.objects.get_or_create(
            model="lessonindexpage", app_label="education"
        )[0],
        path="000100010001", depth=3, numchild=0, url_path="/home/lessons/",
        translation_key=uuid.uuid4(),
        intro="Videos, comics, practice scenarios and real cases. Pick who you are and what "
              "worries you.",
        **common,
    )
    Page.objects.filter(depth=1).update(numchild=Page.objects.filter(depth=2).count())
    Site.objects.all().delete()
    Site.objects.create(
        hostname="localhost", port=80, site_name="ScamSense", root_page=home,
        is_default_site=True,
    )


class Migration(migrations.Migration):
    dependencies = [("education", "0001_initial")]

    operations = [migrations.RunPython(create_site_structure, migrations.RunPython.noop)]
