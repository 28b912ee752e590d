"""Roles and the "Consumer-protection review" workflow, out of the box.

Groups (staff.roles): Editors create and edit lessons and submit them for review (no
publishing); Consumer-protection reviewers approve with the checklist or request changes,
and their approval is what publishes (they hold no raw publish permission, so nothing they
publish skips the recorded checklist); Marketing gets admin access and the Reviews report
only; campaigns grants Marketing its own permissions in its own migration. Administrators
hold everything. Each group's permissions are set to exactly the lists below.

Wagtail's own defaults are tidied: its "Editors" group is reused (reset to the list below),
its "Moderators" group (raw publish rights) is removed when nobody is in it, and its
"Moderators approval" workflow is deactivated when nothing is in progress on it.

The workflow is assigned to the home page (so to every lesson) and to scam alerts.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"
REVIEWERS = "Consumer-protection reviewers"
MARKETING = "Marketing"
ADMINISTRATORS = "Administrators"
WORKFLOW_NAME = "Consumer-protection review"
TASK_NAME = "Consumer-protection review"

# Model-level permissions per group, as (app_label, model, codename).
ADMIN_ACCESS = [("wagtailadmin", "admin", "access_admin")]
TAXONOMY = ["audiencesegment", "series", "scamtype"]


def _all(app_label, model, actions=("add", "change", "delete", "view")):
    return [(app_label, model, f"{action}_{model}") for action in actions]


MODEL_PERMISSIONS = {
    EDITORS: ADMIN_ACCESS + [
        ("education", "audiencesegment", "view_audiencesegment"),
        *_all("education", "series", ("add", "change", "view")),
        *_all("education", "scamtype", ("add", "change", "view")),
        *_all("reviews", "scamalert", ("add", "change", "view")),
        ("reviews", "reviewschedule", "view_review_due_report"),
    ],
    REVIEWERS: ADMIN_ACCESS + [
        *[("education", model, f"view_{model}") for model in TAXONOMY],
        *_all("reviews", "scamalert", ("add", "change", "view", "lock", "unlock")),
        ("reviews", "reviewdecision", "view_reviews_report"),
        ("reviews", "reviewschedule", "view_review_due_report"),
    ],
    MARKETING: ADMIN_ACCESS + [
        ("reviews", "reviewdecision", "view_reviews_report"),
    ],
    ADMINISTRATORS: ADMIN_ACCESS + [
        *[perm for model in TAXONOMY for perm in _all("education", model)],
        *_all("education", "reportscamsettings", ("change", "view")),
        *_all("reviews", "scamalert",
              ("add", "change", "delete", "view", "publish", "lock", "unlock")),
        ("reviews", "reviewdecision", "view_reviews_report"),
        ("reviews", "reviewschedule", "view_review_due_report"),
        *_all("auth", "user"),
        *_all("auth", "group"),
        *_all("wagtailcore", "workflow"),
        *_all("wagtailcore", "task"),
        *_all("wagtailcore", "collection"),
        *_all("wagtailcore", "site"),
        *_all("wagtailredirects", "redirect"),
    ],
}

# Page permissions: on the home page for editors and reviewers, the root for administrators.
PAGE_PERMISSIONS = {
    EDITORS: ("home", ["add_page", "change_page"]),
    REVIEWERS: ("home", ["change_page", "lock_page", "unlock_page"]),
    ADMINISTRATORS: ("root", ["add_page", "change_page", "publish_page", "bulk_delete_page",
                              "lock_page", "unlock_page"]),
}

# Image, document and media permissions on the root collection (so on every collection).
COLLECTION_PERMISSIONS = {
    EDITORS: [
        ("wagtailimages", "image", "add_image"), ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
        ("wagtailmedia", "media", "add_media"), ("wagtailmedia", "media", "change_media"),
    ],
    REVIEWERS: [
        ("wagtailimages", "image", "choose_image"),
        ("wagtaildocs", "document", "choose_document"),
    ],
    ADMINISTRATORS: [
        *[("wagtailimages", "image", f"{a}_image") for a in ("add", "change", "choose", "delete")],
        *[("wagtaildocs", "document", f"{a}_document")
          for a in ("add", "change", "choose", "delete")],
        *[("wagtailmedia", "media", f"{a}_media") for a in ("add", "change", "delete")],
    ],
}


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename,
        defaults={"name": "Can " + codename.replace("_", " ", 1).replace("_", " ")},
    )
    return permission


def _create_default_permissions(apps):
    """Permissions Django would only create after the whole migrate run (post_migrate)."""
    for label in ("education", "reviews"):
        app_config = apps.get_app_config(label)
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def create_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    WorkflowContentType = apps.get_model("wagtailcore", "WorkflowContentType")
    WorkflowState = apps.get_model("wagtailcore", "WorkflowState")
    ReviewTask = apps.get_model("reviews", "ConsumerProtectionReviewTask")

    _create_default_permissions(apps)

    root = Page.objects.filter(depth=1).first()
    home_type = ContentType.objects.filter(app_label="education", model="homepage").first()
    home = Page.objects.filter(content_type=home_type).first() if home_type else None
    root_collection = Collection.objects.filter(depth=1).first()

    groups = {}
    for name in (EDITORS, REVIEWERS, MARKETING, ADMINISTRATORS):
        group, _ = Group.objects.get_or_create(name=name)
        groups[name] = group
        group.permissions.set(
            [_permission(apps, *spec) for spec in MODEL_PERMISSIONS[name]]
        )
        GroupPagePermission.objects.filter(group=group).delete()
        GroupCollectionPermission.objects.filter(group=group).delete()
        if name in PAGE_PERMISSIONS:
            where, codenames = PAGE_PERMISSIONS[name]
            page = home if where == "home" and home is not None else root
            if page is not None:
                for codename in codenames:
                    GroupPagePermission.objects.create(
                        group=group, page=page,
                        permission=_permission(apps, "wagtailcore", "page", codename),
                    )
        if name in COLLECTION_PERMISSIONS and root_collection is not None:
            for spec in COLLECTION_PERMISSIONS[name]:
                GroupCollectionPermission.objects.create(
                    group=group, collection=root_collection,
                    permission=_permission(apps, *spec),
                )

    # Wagtail's default moderation set-up would offer a second, checklist-free way to publish.
    moderators = Group.objects.filter(name="Moderators").first()
    if moderators is not None and not moderators.user_set.exists():
        moderators.delete()
    for workflow in Workflow.objects.filter(name="Moderators approval", active=True):
        if not WorkflowState.objects.filter(
            workflow=workflow, status__in=("in_progress", "needs_changes")
        ).exists():
            WorkflowPage.objects.filter(workflow=workflow).delete()
            WorkflowContentType.objects.filter(workflow=workflow).delete()
            workflow.active = False
            workflow.save(update_fields=["active"])
            Task.objects.filter(workflow_tasks__workflow=workflow).exclude(
                workflow_tasks__workflow__active=True
            ).update(active=False)

    task_type, _ = ContentType.objects.get_or_create(
        app_label="reviews", model="consumerprotectionreviewtask"
    )
    task = ReviewTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = ReviewTask.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.set([groups[REVIEWERS]])
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME, defaults={"active": True})
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    if home is not None:
        WorkflowPage.objects.update_or_create(page=home, defaults={"workflow": workflow})
    alert_type, _ = ContentType.objects.get_or_create(app_label="reviews", model="scamalert")
    WorkflowContentType.objects.update_or_create(
        content_type=alert_type, defaults={"workflow": workflow}
    )


def remove_roles_and_workflow(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    ReviewTask = apps.get_model("reviews", "ConsumerProtectionReviewTask")
    Workflow.objects.filter(name=WORKFLOW_NAME).delete()
    ReviewTask.objects.filter(name=TASK_NAME).delete()
    Group.objects.filter(name__in=[REVIEWERS, MARKETING, ADMINISTRATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("education", "0002_site_structure"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailmedia", "0005_alter_media_options"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
    ]

    operations = [migrations.RunPython(create_roles_and_workflow, remove_roles_and_workflow)]
