"""The two review reports: "Reviews" (what reviewers decided) and "Review due" (what is due).

Both are Wagtail report views, so they get Wagtail's filters and the CSV / XLSX export.
"""

import datetime

import django_filters
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import F, Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from education.models import LessonPage

from . import figures
from .checklist import CHECKLIST
from .models import DUE_SOON_DAYS, ReviewDecision, ScamAlert, review_status

REVIEWS_PERMISSION = "reviews.view_reviews_report"
REVIEW_DUE_PERMISSION = "reviews.view_review_due_report"


class PermissionRequiredReport:
    """Reports are opened by role (staff.roles), so each checks one named permission."""

    required_permission = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.required_permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# --- Reviews -------------------------------------------------------------------------------


def _years(request=None):
    years = ReviewDecision.objects.dates("decided_at", "year", order="DESC")
    return [(str(day.year), str(day.year)) for day in years]


def _reviewers(request=None):
    User = get_user_model()
    reviewer_ids = ReviewDecision.objects.values("reviewer_id")
    return User.objects.filter(pk__in=reviewer_ids).order_by(User.USERNAME_FIELD)


class ReviewsReportFilterSet(WagtailFilterSet):
    show = django_filters.ChoiceFilter(
        label=_("Rows"), method="keep_all", empty_label=_("By month"),
        choices=[("reviewer", _("By reviewer")), ("decision", _("Each decision"))],
    )
    year = django_filters.ChoiceFilter(
        label=_("Year"), choices=_years, method="filter_year", empty_label=_("All years"),
    )
    decided_at = django_filters.DateFromToRangeFilter(
        label=_("Decided between"), widget=DateRangePickerWidget,
    )
    decision = django_filters.ChoiceFilter(
        label=_("Decision"), choices=ReviewDecision.DECISION_CHOICES, empty_label=_("Any"),
    )
    reviewer = django_filters.ModelChoiceFilter(
        label=_("Reviewer"), queryset=_reviewers, empty_label=_("Anyone"),
    )
    kind = django_filters.ChoiceFilter(
        label=_("What"), method="filter_kind", empty_label=_("Lessons and scam alerts"),
        choices=[("lessons", _("Lessons")), ("alerts", _("Scam alerts"))],
    )

    class Meta:
        model = ReviewDecision
        fields = ["show", "year", "decided_at", "decision", "reviewer", "kind"]

    def keep_all(self, queryset, name, value):
        return queryset  # chooses the rows of the table, not which decisions count

    def filter_year(self, queryset, name, value):
        return queryset.filter(decided_at__year=int(value))

    def filter_kind(self, queryset, name, value):
        alerts = ContentType.objects.get_for_model(ScamAlert)
        if value == "alerts":
            return queryset.filter(content_type=alerts)
        return queryset.exclude(content_type=alerts)


GROUP_EXPORT = ["label", "total", "approved", "changes_requested", "median_hours"] + [
    f"failed_{key}" for key, _label in CHECKLIST
]
DECISION_EXPORT = [
    "decided_at", "object_title", "content_type", "object_id", "get_decision_display",
    "reviewer_name", "submitted_by_name", "submitted_at", "hours_to_decision", "failed_labels",
    "comment",
]


class ReviewsReportView(PermissionRequiredReport, ReportView):
    page_title = _("Reviews")
    header_icon = "clipboard-list"
    model = ReviewDecision
    filterset_class = ReviewsReportFilterSet
    index_url_name = "reviews_report"
    index_results_url_name = "reviews_report_results"
    results_template_name = "reviews/reports/reviews_results.html"
    required_permission = REVIEWS_PERMISSION
    paginate_by = 100

    @cached_property
    def show(self):
        value = self.request.GET.get("show")
        return value if value in ("reviewer", "decision") else "month"

    def get_filename(self):
        return f"reviews-by-{self.show}-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        self.queryset = ReviewDecision.objects.select_related("content_type")
        return super().get_queryset()

    def get_filtered_queryset(self):
        decisions = self.get_queryset()
        self.rows = figures.decision_rows(decisions)
        self.summary = figures.summarise(self.rows)
        if self.show == "month":
            return figures.by_month(self.rows)
        if self.show == "reviewer":
            return figures.by_reviewer(self.rows)
        return decisions

    @cached_property
    def columns(self):
        if self.show == "decision":
            return [
                DateColumn("decided_at", label=_("Decided")),
                Column("object_title", label=_("Title")),
                Column("content_type", label=_("Type"), accessor="content_type.name"),
                Column("decision", label=_("Decision"), accessor="get_decision_display"),
                Column("reviewer_name", label=_("Reviewer")),
                NumberColumn("hours_to_decision", label=_("Hours to decision")),
                Column("failed_labels", label=_("Points not met")),
            ]
        first = _("Month") if self.show == "month" else _("Reviewer")
        return [
            Column("label", label=first),
            NumberColumn("total", label=_("Reviews")),
            NumberColumn("approved", label=_("Approved")),
            NumberColumn("changes_requested", label=_("Changes requested")),
            Column("median_hours", label=_("Median hours to decision")),
        ]

    @cached_property
    def list_export(self):
        return DECISION_EXPORT if self.show == "decision" else GROUP_EXPORT

    @cached_property
    def export_headings(self):
        headings = {
            "label": _("Month") if self.show == "month" else _("Reviewer"),
            "total": _("Reviews"),
            "approved": _("Approved"),
            "changes_requested": _("Changes requested"),
            "median_hours": _("Median hours to decision"),
            "decided_at": _("Decided at (UTC)"),
            "object_title": _("Title"),
            "content_type": _("Type"),
            "object_id": _("ID"),
            "get_decision_display": _("Decision"),
            "reviewer_name": _("Reviewer"),
            "submitted_by_name": _("Submitted by"),
            "submitted_at": _("Submitted at (UTC)"),
            "hours_to_decision": _("Hours to decision"),
            "failed_labels": _("Points not met"),
            "comment": _("Comment"),
        }
        for key, label in CHECKLIST:
            headings[f"failed_{key}"] = _("Not met: %(point)s") % {"point": label}
        return headings

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        type_name = lambda content_type: content_type.name  # noqa: E731
        self.custom_field_preprocess = {
            **self.custom_field_preprocess,
            "content_type": {self.FORMAT_CSV: type_name, self.FORMAT_XLSX: type_name},
        }

    def get_context_data(self, *args, **kwargs):
        context = super().get_context_data(*args, **kwargs)
        this_year = timezone.localdate().year
        context.update(
            summary=self.summary,
            show=self.show,
            this_year=this_year,
            completed_this_year=figures.reviews_completed(this_year),
        )
        return context


# --- Review due ----------------------------------------------------------------------------

STATUS_LABELS = {
    "overdue": _("Overdue"),
    "never": _("No review on record"),
    "due_soon": _("Due soon"),
    "ok": _("Up to date"),
}


def due_filter(status, today=None):
    """The ``Q`` for live lessons in a review status group (annotated ``review_due_on``)."""
    today = today or timezone.localdate()
    soon = today + datetime.timedelta(days=DUE_SOON_DAYS)
    overdue = Q(review_due_on__isnull=True) | Q(review_due_on__lt=today)
    if status == "overdue":
        return overdue
    if status == "due_soon":
        return Q(review_due_on__gte=today, review_due_on__lte=soon)
    if status == "all":
        return Q()
    return overdue | Q(review_due_on__lte=soon)  # the default: due or overdue


def lessons_with_review_dates():
    return LessonPage.objects.live().annotate(
        review_due_on=F("review_schedule__review_due"),
        last_reviewed_at=F("review_schedule__last_reviewed_at"),
    )


class ReviewDueFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), method="keep_all", empty_label=_("Due within 30 days or overdue"),
        choices=[
            ("overdue", _("Overdue (including no review on record)")),
            ("due_soon", _("Due within 30 days")),
            ("all", _("All live lessons")),
        ],
    )

    class Meta:
        model = LessonPage
        fields = ["status"]

    def keep_all(self, queryset, name, value):
        return queryset  # applied in the view, which also handles the default


class ReviewDueReportView(PermissionRequiredReport, ReportView):
    page_title = _("Review due")
    header_icon = "time"
    model = LessonPage
    filterset_class = ReviewDueFilterSet
    index_url_name = "review_due_report"
    index_results_url_name = "review_due_report_results"
    results_template_name = "reviews/reports/review_due_results.html"
    required_permission = REVIEW_DUE_PERMISSION
    list_export = ["title", "format_label", "full_url", "last_reviewed_at", "review_due_on",
                   "status_label"]
    export_headings = {
        "title": _("Lesson"),
        "format_label": _("Type"),
        "full_url": _("Public address"),
        "last_reviewed_at": _("Last reviewed (UTC)"),
        "review_due_on": _("Review due"),
        "status_label": _("Status"),
    }
    columns = [
        TitleColumn("title", label=_("Lesson"), url_name="wagtailadmin_pages:edit"),
        Column("format_label", label=_("Type")),
        DateColumn("last_reviewed_at", label=_("Last reviewed")),
        Column("review_due_on", label=_("Review due")),
        Column("status_label", label=_("Status")),
    ]

    def get_filename(self):
        return f"review-due-{timezone.localdate():%Y-%m-%d}"

    def get_queryset(self):
        status = self.request.GET.get("status") or ""
        self.queryset = (
            lessons_with_review_dates()
            .filter(due_filter(status))
            .order_by(F("review_due_on").asc(nulls_first=True), "title")
        )
        return super().get_queryset()

    def decorate_paginated_queryset(self, object_list):
        today = timezone.localdate()
        for page in object_list:
            page.status_label = STATUS_LABELS[review_status(page.review_due_on, today)]
        return object_list
