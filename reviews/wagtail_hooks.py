"""Admin wiring for consumer-protection review: alerts, reports, notices and the checklist guard."""

import json

from django.contrib.auth.models import Permission
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import BooleanColumn, LiveStatusTagColumn
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from education.models import LessonPage

from . import figures
from .feedback import changes_requested_of, changes_requested_on
from .models import REVIEW_ACTIONS, ConsumerProtectionReviewTask, ScamAlert, review_status
from .translation_review import (
    GuardedSubmitSnippetTranslationView,
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
    may_translate_snippet,
    submit_url,
    submittable,
)
from .views import (
    REVIEW_DUE_PERMISSION,
    REVIEWS_PERMISSION,
    ReviewDueReportView,
    ReviewsReportView,
    due_filter,
    lessons_with_review_dates,
)

# --- Scam alerts ---------------------------------------------------------------------------


class ScamAlertViewSet(SnippetViewSet):
    model = ScamAlert
    icon = "warning"
    menu_label = _("Scam alerts")
    menu_order = 205
    add_to_admin_menu = True
    list_display = [
        "title", "severity", "starts_at", "ends_at",
        BooleanColumn("showing", label=_("Showing now"), accessor=lambda alert: alert.is_showing()),
        LiveStatusTagColumn(),
    ]
    list_filter = ["severity", "live"]
    search_fields = ["title", "message"]
    ordering = ["-starts_at"]


register_snippet(ScamAlertViewSet)


# --- Reports -------------------------------------------------------------------------------


@hooks.register("register_admin_urls")
def register_report_urls():
    return [
        path("reports/reviews/", ReviewsReportView.as_view(), name="reviews_report"),
        path(
            "reports/reviews/results/", ReviewsReportView.as_view(results_only=True),
            name="reviews_report_results",
        ),
        path("reports/review-due/", ReviewDueReportView.as_view(), name="review_due_report"),
        path(
            "reports/review-due/results/", ReviewDueReportView.as_view(results_only=True),
            name="review_due_report_results",
        ),
    ]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_reports_menu_item")
def register_reviews_report_menu_item():
    return PermissionMenuItem(
        _("Reviews"), reverse("reviews_report"), name="reviews", icon_name="clipboard-list",
        order=100, permission=REVIEWS_PERMISSION,
    )


@hooks.register("register_reports_menu_item")
def register_review_due_report_menu_item():
    return PermissionMenuItem(
        _("Review due"), reverse("review_due_report"), name="review-due", icon_name="time",
        order=110, permission=REVIEW_DUE_PERMISSION,
    )


@hooks.register("insert_global_admin_css")
def reviews_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("reviews/admin.css"))


@hooks.register("register_permissions")
def register_report_permissions():
    """Show the two report permissions in the group editor ("Other permissions")."""
    return Permission.objects.filter(
        content_type__app_label="reviews",
        codename__in=["view_reviews_report", "view_review_due_report"],
    )


# --- Notices about review dates ------------------------------------------------------------


def _due_message(page):
    due = (
        lessons_with_review_dates().filter(pk=page.pk)
        .values_list("review_due_on", flat=True).first()
    )
    status = review_status(due)
    if status == "never":
        return messages.warning, gettext(
            "This lesson is live with no consumer-protection review on record. Submit it for "
            "review so that it is checked and gets a review date."
        )
    date = formats.date_format(due, "DATE_FORMAT") if due else ""
    if status == "overdue":
        return messages.warning, gettext(
            "This lesson's consumer-protection review was due on %(date)s. Submit it for "
            "review to confirm it is still accurate."
        ) % {"date": date}
    if status == "due_soon":
        return messages.info, gettext(
            "This lesson's consumer-protection review is due on %(date)s."
        ) % {"date": date}
    return None, ""


@hooks.register("before_edit_page")
def notice_when_review_is_due(request, page):
    if request.method != "GET" or not isinstance(page, LessonPage) or not page.live:
        return None
    show, text = _due_message(page)
    if show:
        show(request, text)
    return None


class ReviewDuePanel(Component):
    """Dashboard: how many live lessons are due or overdue for review, with the report link."""

    name = "review_due"
    template_name = "reviews/admin/review_due_panel.html"
    order = 230  # after Wagtail's "Awaiting your review" (220)

    def __init__(self, overdue, due_soon):
        self.overdue, self.due_soon = overdue, due_soon

    def get_context_data(self, parent_context=None):
        return {"overdue": self.overdue, "due_soon": self.due_soon,
                "report_url": reverse("review_due_report")}


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if not request.user.has_perm(REVIEW_DUE_PERMISSION):
        return
    lessons = lessons_with_review_dates()
    overdue = lessons.filter(due_filter("overdue")).count()
    due_soon = lessons.filter(due_filter("due_soon")).count()
    if overdue or due_soon:
        panels.append(ReviewDuePanel(overdue, due_soon))


# --- What a reviewer asked to change, where the editor works -------------------------------


class ChangesRequestedPanel(Component):
    """Dashboard: the reviewer's comment on each item sent back to this editor."""

    name = "changes_requested"
    template_name = "reviews/admin/changes_requested_panel.html"
    order = 90  # first: it is this editor's next job

    def __init__(self, requests):
        self.requests = requests

    def get_context_data(self, parent_context=None):
        return {"requests": self.requests}


@hooks.register("construct_homepage_panels")
def add_changes_requested_panel(request, panels):
    requests = changes_requested_of(request.user)
    if requests:
        panels.append(ChangesRequestedPanel(requests))


def _tell_what_to_change(request, obj):
    if request.method != "GET":
        return
    found = changes_requested_on(obj)
    if found is None:
        return
    text = gettext("%(reviewer)s asked for changes: “%(comment)s”") % {
        "reviewer": found.reviewer, "comment": found.comment}
    if found.points_not_met:
        text += " " + gettext("Checklist points not met: %(points)s.") % {
            "points": found.points_not_met}
    text += " " + gettext("Make the changes, then submit it for review again.")
    messages.warning(request, text)


@hooks.register("before_edit_page")
def notice_changes_requested_on_page(request, page):
    _tell_what_to_change(request, page)


@hooks.register("before_edit_snippet")
def notice_changes_requested_on_snippet(request, instance):
    if isinstance(instance, ScamAlert):
        _tell_what_to_change(request, instance)


# --- The checklist guard on the edit views -------------------------------------------------


def refuse_incomplete_review(request, obj):
    """Stop an approve / request-changes POST whose checklist data does not validate.

    The modal validates the checklist before the edit form is sent; this catches a request
    that skips it, says why, and changes nothing (the task re-checks as a last resort).
    """
    if request.method != "POST" or not request.POST.get("action-workflow-action"):
        return None
    action = request.POST.get("workflow-action-name")
    task = obj.current_workflow_task if action in REVIEW_ACTIONS else None
    if not isinstance(task, ConsumerProtectionReviewTask):
        return None
    try:
        data = json.loads(request.POST.get("workflow-action-extra-data") or "{}")
    except ValueError:
        data = None
    if not isinstance(data, dict):
        messages.error(request, gettext("The review could not be read: please try again."))
        return redirect(request.get_full_path())
    form = task.validate_action_data(action, data)
    if form.is_valid():
        return None
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, error)
    return redirect(request.get_full_path())


@hooks.register("before_edit_page")
def guard_page_review(request, page):
    return refuse_incomplete_review(request, page)


@hooks.register("before_edit_snippet")
def guard_snippet_review(request, instance):
    if isinstance(instance, ScamAlert):
        return refuse_incomplete_review(request, instance)
    return None


# --- Translations into the review (reviews.translation_review) -----------------------------


@hooks.register("register_admin_urls")
def register_translation_review_urls():
    return [
        path("reviews/translation/page/<int:page_id>/", SubmitPageTranslationView.as_view(),
             name="reviews_submit_page_translation"),
        path("reviews/translation/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
             SubmitSnippetTranslationView.as_view(), name="reviews_submit_snippet_translation"),
    ]


def _review_button(instance, user, priority):
    if submittable(user, instance) is None:
        return []
    return [Button(_("Send translation to review"), submit_url(instance), icon_name="tasks",
                   priority=priority)]


@hooks.register("register_page_listing_more_buttons")
@hooks.register("register_page_header_buttons")
def page_translation_review_button(page, user, view_name=None, next_url=None):
    yield from _review_button(page, user, priority=61)


@hooks.register("register_snippet_listing_buttons")
def snippet_translation_review_button(snippet, user, next_url=None):
    yield from _review_button(snippet, user, priority=101)


@hooks.register("register_admin_urls", order=-1)
def guard_snippet_translation_url():
    """Answer wagtail-localize's "Translate" address for snippets first (see the view)."""
    return [
        path("localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
             GuardedSubmitSnippetTranslationView.as_view(),
             name="reviews_guarded_submit_snippet_translation"),
    ]


@hooks.register("construct_snippet_listing_buttons")
def hide_translate_without_add_permission(buttons, snippet, user):
    if may_translate_snippet(user, type(snippet)):
        return
    translate = reverse("wagtail_localize:submit_snippet_translation",
                        args=(snippet._meta.app_label, snippet._meta.model_name, snippet.pk))
    buttons[:] = [button for button in buttons if getattr(button, "url", None) != translate]


@hooks.register("register_annual_report_figure")
def annual_reviews_completed(year):
    """The annual report's "Compliance reviews completed" (the hook is the campaigns app's;
    neither app imports the other)."""
    return {"reviews_completed": figures.reviews_completed(year)}
