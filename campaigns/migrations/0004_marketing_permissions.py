"""Grant the "Marketing" group its campaign permissions and the reach-report permission.

Marketing manages campaigns, tracking links, offline events and channel figures and reads
every reach report; it gets no page permission, so it cannot edit or publish lessons. The
"Administrators" group (which holds everything) gets the same campaign permissions.

The groups belong to the review workflow's roles (staff.roles); when the reviews app is
installed this runs after its roles migration, which sets each group's permissions to an exact
list and would otherwise wipe what is added here. Without it the groups are created.
"""

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.db import migrations

MARKETING = "Marketing"
ADMINISTRATORS = "Administrators"
MODELS = ("campaign", "trackinglink", "offlineevent", "channelfigure")
PERMISSIONS = [("wagtailadmin", "admin", "access_admin")] + [
    ("campaigns", model, f"{action}_{model}")
    for model in MODELS
    for action in ("add", "change", "delete", "view")
] + [("campaigns", "campaign", "view_reach_reports")]


def _permissions(apps, using):
    """The permissions above, created now if Django has not yet (it does so after migrate)."""
    app_config = apps.get_app_config("campaigns")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    app_config.models_module = None
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    found = []
    for app_label, model, codename in PERMISSIONS:
        content_type, _ = ContentType.objects.using(using).get_or_create(
            app_label=app_label, model=model
        )
        permission, _ = Permission.objects.using(using).get_or_create(
            content_type=content_type, codename=codename,
            defaults={"name": "Can access Wagtail admin" if codename == "access_admin"
                      else "Can " + codename.replace("_", " ")},
        )
        found.append(permission)
    return found


def grant(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    permissions = _permissions(apps, using)
    for name in (MARKETING, ADMINISTRATORS):
        group, _ = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.using(using).filter(name__in=[MARKETING, ADMINISTRATORS]):
        group.permissions.remove(*Permission.objects.using(using).filter(
            content_type__app_label="campaigns",
            codename__in=[codename for app, _, codename in PERMISSIONS if app == "campaigns"],
        ))


class Migration(migrations.Migration):

    dependencies = [
        ("campaigns", "0003_reports_permissions"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]
    if global_apps.is_installed("reviews"):
        dependencies.append(("reviews", "0002_roles_and_workflow"))

    operations = [migrations.RunPython(grant, revoke)]
