"""Let the "Administrators" group create, list and revoke API tokens (add, change, view; no
delete: a revoked token stays listed, with who revoked it and when).

The group belongs to the review workflow's roles (staff.roles); when the reviews app is
installed this runs after its roles migration, which sets each group's permissions to an exact
list and would otherwise wipe what is added here.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

ADMINISTRATORS = "Administrators"
CODENAMES = ("add_apitoken", "change_apitoken", "view_apitoken")


def _permissions(apps, using):
    app_config = apps.get_app_config("reach_api")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    app_config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    return list(Permission.objects.using(using).filter(
        content_type__app_label="reach_api", codename__in=CODENAMES
    ))


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.using(using).get_or_create(name=ADMINISTRATORS)
    group.permissions.add(*_permissions(apps, using))


def revoke(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.using(using).filter(name=ADMINISTRATORS):
        group.permissions.remove(*Permission.objects.using(using).filter(
            content_type__app_label="reach_api", codename__in=CODENAMES
        ))


class Migration(migrations.Migration):

    dependencies = [
        ("reach_api", "0001_api_tokens"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    if global_apps.is_installed("reviews"):
        dependencies.append(("reviews", "0002_roles_and_workflow"))

    operations = [migrations.RunPython(grant, revoke)]
