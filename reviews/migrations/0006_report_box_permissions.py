"""Let the people who edited the "How to report a scam" setting edit and translate its snippet.

The setting became a translatable snippet (education 0011–0013, ``ReportScamBox``). Only
Administrators could change the setting; they get add (a new language's entry), change and
view on the snippet, and wagtail-localize's "submit translation" permission, without which
the "Translate" action does not show (for the box, scam alerts or anything else).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATORS = "Administrators"
PERMISSIONS = {
    ADMINISTRATORS: [
        ("education", "reportscambox", "add_reportscambox"),
        ("education", "reportscambox", "change_reportscambox"),
        ("education", "reportscambox", "view_reportscambox"),
        ("wagtail_localize", "translation", "submit_translation"),
    ],
}


def _permission(apps, using, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.using(using).get_or_create(
        app_label=app_label, model=model
    )
    permission, _ = Permission.objects.using(using).get_or_create(
        content_type=content_type, codename=codename,
        defaults={"name": "Can " + codename.replace("_", " ")},
    )
    return permission


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    # Django creates a new model's permissions only after the whole migrate run.
    app_config = apps.get_app_config("education")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    app_config.models_module = None
    for name, specs in PERMISSIONS.items():
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*[_permission(apps, using, *spec) for spec in specs])


def revoke(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, specs in PERMISSIONS.items():
        group = Group.objects.using(using).filter(name=name).first()
        if group is None:
            continue
        for app_label, _model, codename in specs:
            group.permissions.remove(*Permission.objects.using(using).filter(
                content_type__app_label=app_label, codename=codename
            ))


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0005_translatable_scam_alerts"),
        ("education", "0013_delete_reportscamsettings"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
