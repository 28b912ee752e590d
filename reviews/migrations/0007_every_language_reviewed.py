"""Every language's pages get the roles and the review; only administrators delete media.

0002 gave Editors and Consumer-protection reviewers their page permissions, and attached the
"Consumer-protection review" workflow, on the English home page. Each language has its own
page tree, whose home page is a sibling of the English one under the tree root, so the
Chinese pages had no permissions (editors were refused, only administrators could publish
them, outside the review). Both now sit on the root, where Wagtail itself puts its default
groups' permissions and its default workflow: every language's home page, present or added
later (a translation, a new locale's synchronised tree), inherits them with no code to run.
The root itself cannot be edited, and the only page type allowed under it is the home page,
at most one (its translations are copies), so "add" on the root lets nobody add a page there.

Snippet permissions are per model, so they hold in every language already; red flags had
none and get them like scam types (Editors write them, reviewers see them).

Images and documents: Wagtail's ownership policy lets "change" (and "add", on one's own
uploads) delete. reviews.media_permissions makes delete its own permission, which only
Administrators hold; Editors keep add and choose, and edit the files they uploaded.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
REVIEWERS = "Consumer-protection reviewers"
ADMINISTRATORS = "Administrators"
WORKFLOW_NAME = "Consumer-protection review"
PAGE_ROLES = (EDITORS, REVIEWERS)

MODEL_PERMISSIONS = {
    EDITORS: [("education", "redflag", f"{a}_redflag") for a in ("add", "change", "view")],
    REVIEWERS: [("education", "redflag", "view_redflag")],
    ADMINISTRATORS: [
        ("education", "redflag", f"{a}_redflag") for a in ("add", "change", "delete", "view")
    ],
}
# "change" on every image or document (which includes deleting it) becomes "edit your own".
EDITORS_LOSE_ON_COLLECTIONS = [
    ("wagtailimages", "change_image"), ("wagtaildocs", "change_document"),
]


def _permission(apps, using, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.using(using).get(
        content_type__app_label=app_label, codename=codename
    )


def _default_home(apps, using):
    Site = apps.get_model("wagtailcore", "Site")
    site = Site.objects.using(using).filter(is_default_site=True).first()
    return site.root_page if site else None


def forwards(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    app_config = apps.get_app_config("education")  # red flag permissions may not exist yet
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0, using=using)
    app_config.models_module = None

    root = Page.objects.using(using).filter(depth=1).first()
    groups = {g.name: g for g in Group.objects.using(using).filter(
        name__in=[EDITORS, REVIEWERS, ADMINISTRATORS])}
    if root is not None:
        for name in PAGE_ROLES:
            group = groups.get(name)
            if group is None:
                continue
            on_homes = GroupPagePermission.objects.using(using).filter(
                group=group, page__depth=2
            )
            for permission_id in set(on_homes.values_list("permission_id", flat=True)):
                GroupPagePermission.objects.using(using).get_or_create(
                    group=group, page=root, permission_id=permission_id
                )
            on_homes.delete()
        workflow = Workflow.objects.using(using).filter(name=WORKFLOW_NAME).first()
        if workflow is not None:
            WorkflowPage.objects.using(using).filter(
                workflow=workflow, page__depth=2
            ).delete()
            WorkflowPage.objects.using(using).update_or_create(
                page=root, defaults={"workflow": workflow}
            )

    for name, specs in MODEL_PERMISSIONS.items():
        if name in groups:
            groups[name].permissions.add(
                *[_permission(apps, using, app, codename) for app, _model, codename in specs]
            )
    if EDITORS in groups:
        GroupCollectionPermission.objects.using(using).filter(
            group=groups[EDITORS],
            permission__in=[_permission(apps, using, *spec)
                            for spec in EDITORS_LOSE_ON_COLLECTIONS],
        ).delete()


def backwards(apps, schema_editor):
    using = schema_editor.connection.alias
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    root = Page.objects.using(using).filter(depth=1).first()
    home = _default_home(apps, using)
    groups = {g.name: g for g in Group.objects.using(using).filter(
        name__in=[EDITORS, REVIEWERS, ADMINISTRATORS])}
    if root is not None and home is not None:
        for name in PAGE_ROLES:
            group = groups.get(name)
            if group is None:
                continue
            on_root = GroupPagePermission.objects.using(using).filter(group=group, page=root)
            for permission_id in set(on_root.values_list("permission_id", flat=True)):
                GroupPagePermission.objects.using(using).get_or_create(
                    group=group, page_id=home.pk, permission_id=permission_id
                )
            on_root.delete()
        workflow = Workflow.objects.using(using).filter(name=WORKFLOW_NAME).first()
        if workflow is not None:
            WorkflowPage.objects.using(using).filter(workflow=workflow, page=root).delete()
            WorkflowPage.objects.using(using).update_or_create(
                page_id=home.pk, defaults={"workflow": workflow}
            )
    for name, specs in MODEL_PERMISSIONS.items():
        if name in groups:
            groups[name].permissions.remove(
                *[_permission(apps, using, app, codename) for app, _model, codename in specs]
            )
    collection = Collection.objects.using(using).filter(depth=1).first()
    if EDITORS in groups and collection is not None:
        for spec in EDITORS_LOSE_ON_COLLECTIONS:
            GroupCollectionPermission.objects.using(using).get_or_create(
                group=groups[EDITORS], collection=collection,
                permission=_permission(apps, using, *spec),
            )


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0006_report_box_permissions"),
        ("education", "0013_delete_reportscamsettings"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
