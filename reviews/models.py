"""Consumer-protection review: the workflow task, its recorded decisions, review dates, alerts.

- ``ConsumerProtectionReviewTask``: a Wagtail group-approval task whose approve and reject
  actions go through the checklist forms (``reviews.forms``) and are recorded.
- ``ReviewDecision``: one row per completed review (approved, or changes requested): who,
  when, how long it waited, which checklist points failed. It keeps copies of the names and
  titles it shows, so the count of reviews never drops when a lesson or a user is deleted.
- ``ReviewSchedule``: a lesson's "last reviewed" and "review due" dates, keyed to the page so
  that the lesson models stay as they are.
- ``ScamAlert``: the site-wide banner for a scam wave, published through the same review;
  translatable (wagtail-localize), each translation reviewed and published on its own.
"""

import calendar
import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, PageChooserPanel
from wagtail.models import (
    AbstractGroupApprovalTask,
    DraftStateMixin,
    LockableMixin,
    Page,
    PreviewableMixin,
    RevisionMixin,
    TaskState,
    TranslatableMixin,
    WorkflowMixin,
    WorkflowState,
)
from wagtail_localize.fields import SynchronizedField, TranslatableField

from .checklist import CHECKLIST_KEYS, label_for
from .forms import DEFAULT_REVIEW_MONTHS, ApproveForm, RequestChangesForm

REVIEW_ACTIONS = ("approve", "reject")
DUE_SOON_DAYS = 30


def add_months(day, months):
    """``day`` plus a number of calendar months (31 January + 1 month = 28/29 February)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    last_day = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last_day))


def _display_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


class ConsumerProtectionReviewTask(AbstractGroupApprovalTask):
    """Approve only with the whole checklist ticked; request changes only with a comment.

    Members of the chosen groups (Consumer-protection reviewers) review; whoever submitted
    the item cannot approve it themselves, so every approval is a second person's.
    """

    class Meta:
        verbose_name = _("consumer-protection review task")
        verbose_name_plural = _("consumer-protection review tasks")

    @classmethod
    def get_description(cls):
        return _("Members of the chosen groups review against the consumer-protection "
                 "checklist: approve with every point ticked, or request changes with a "
                 "comment. Nobody approves their own submission.")

    def _submitted_by(self, obj):
        state = obj.current_workflow_state
        return state.requested_by_id if state else None

    def get_actions(self, obj, user):
        if not (user.is_superuser or self._user_in_groups(user)):
            return []
        if self._submitted_by(obj) == user.pk:
            return []  # a second person reviews; the submitter may still cancel
        return [
            ("reject", _("Request changes"), True),
            ("approve", _("Approve with checklist"), True),
        ]

    def get_task_states_user_can_moderate(self, user, **kwargs):
        return (
            super().get_task_states_user_can_moderate(user, **kwargs)
            .exclude(workflow_state__requested_by=user)
        )

    def get_form_for_action(self, action):
        if action == "approve":
            return ApproveForm
        if action == "reject":
            return RequestChangesForm
        return super().get_form_for_action(action)

    def get_template_for_action(self, action):
        if action in REVIEW_ACTIONS:
            return "reviews/admin/review_action_modal.html"
        return super().get_template_for_action(action)

    @classmethod
    def validate_action_data(cls, action_name, data):
        """The bound checklist form for an action's submitted data (a dict)."""
        form_data = {
            "checklist": data.get("checklist") or [],
            "comment": data.get("comment") or "",
            "review_months": data.get("review_months") or "",
        }
        form = (ApproveForm if action_name == "approve" else RequestChangesForm)(form_data)
        form.is_valid()
        return form

    @transaction.atomic
    def on_action(self, task_state, user, action_name, **kwargs):
        if action_name not in REVIEW_ACTIONS:
            return super().on_action(task_state, user, action_name, **kwargs)
        allowed = self.get_actions(task_state.workflow_state.content_object, user)
        if action_name not in [name for name, _label, _modal in allowed]:
            raise PermissionDenied(_("Only another reviewer can decide on this review."))
        form = self.validate_action_data(action_name, kwargs)
        if not form.is_valid():
            # The modal and the edit-view hook (wagtail_hooks) show these errors to people;
            # this is the last line for requests that bypass both.
            messages = [str(error) for errors in form.errors.values() for error in errors]
            raise PermissionDenied(" ".join(messages))
        data = form.cleaned_data
        if action_name == "approve":
            task_state.approve(user=user, comment=data["comment"])
        else:
            task_state.reject(user=user, comment=data["comment"])
        decision = ReviewDecision.record(task_state, user, action_name, data)
        if task_state.workflow_state.status == WorkflowState.STATUS_APPROVED:
            # Approved and published (or scheduled). With WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_
            # ON_EDIT an approval of a revision that was edited during the review restarts the
            # task on the edited revision instead, and the dates wait for that approval.
            ReviewSchedule.record_approval(decision, data.get("review_months"))
        return None


class ReviewDecisionQuerySet(models.QuerySet):
    def in_year(self, year):
        return self.filter(decided_at__year=year)


class ReviewDecision(models.Model):
    """A completed review. A lesson sent back and resubmitted is reviewed, and counted, again."""

    APPROVED = "approved"
    CHANGES_REQUESTED = "changes_requested"
    DECISION_CHOICES = [(APPROVED, _("Approved")), (CHANGES_REQUESTED, _("Changes requested"))]

    task_state = models.OneToOneField(
        TaskState, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
    )
    content_type = models.ForeignKey(
        ContentType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(max_length=255)
    object_title = models.CharField(_("title"), max_length=255)
    revision_id = models.BigIntegerField(null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=20, choices=DECISION_CHOICES)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewer_name = models.CharField(_("reviewer"), max_length=255)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_by_name = models.CharField(_("submitted by"), max_length=255, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"))
    decided_at = models.DateTimeField(_("decided at"), db_index=True)
    passed_items = models.JSONField(_("points met"), default=list)
    failed_items = models.JSONField(_("points not met"), default=list)
    comment = models.TextField(_("comment"), blank=True)
    review_months = models.PositiveSmallIntegerField(null=True, blank=True)

    objects = ReviewDecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        ordering = ["-decided_at", "-pk"]
        permissions = [("view_reviews_report", _("Can see the Reviews report"))]

    def __str__(self):
        return f"{self.object_title}: {self.get_decision_display()} ({self.decided_at:%Y-%m-%d})"

    @property
    def failed_labels(self):
        return "; ".join(str(label_for(key)) for key in self.failed_items)

    @property
    def hours_to_decision(self):
        return round((self.decided_at - self.submitted_at).total_seconds() / 3600, 1)

    @classmethod
    def record(cls, task_state, user, action_name, data):
        workflow_state = task_state.workflow_state
        obj = workflow_state.content_object
        if isinstance(obj, Page):
            obj = obj.specific_deferred
        latest = obj.get_latest_revision()
        ticked = set(data.get("checklist") or ())
        return cls.objects.create(
            task_state=task_state,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_title=str(getattr(obj, "title", None) or obj)[:255],
            revision_id=latest.pk if latest else task_state.revision_id,
            decision=cls.APPROVED if action_name == "approve" else cls.CHANGES_REQUESTED,
            reviewer=user,
            reviewer_name=_display_name(user)[:255],
            submitted_by=workflow_state.requested_by,
            submitted_by_name=_display_name(workflow_state.requested_by)[:255],
            submitted_at=task_state.started_at,
            decided_at=task_state.finished_at or timezone.now(),
            passed_items=[key for key in CHECKLIST_KEYS if key in ticked],
            failed_items=[key for key in CHECKLIST_KEYS if key not in ticked],
            comment=data.get("comment", ""),
            review_months=data.get("review_months") if action_name == "approve" else None,
        )


class ReviewSchedule(models.Model):
    """When a page was last approved in review and when its next review is due."""

    page = models.OneToOneField(
        Page, primary_key=True, on_delete=models.CASCADE, related_name="review_schedule"
    )
    last_reviewed_at = models.DateTimeField(_("last reviewed"))
    review_due = models.DateField(_("review due"), db_index=True)
    last_decision = models.ForeignKey(
        ReviewDecision, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("review schedule")
        verbose_name_plural = _("review schedules")
        permissions = [("view_review_due_report", _("Can see the Review due report"))]

    def __str__(self):
        return f"review of page {self.page_id} due {self.review_due}"

    @classmethod
    def record_approval(cls, decision, months=None):
        """Set the dates after an approval; only pages carry review dates."""
        page_model = decision.content_type.model_class()
        if page_model is None or not issubclass(page_model, Page):
            return None
        reviewed = timezone.localdate(decision.decided_at)
        schedule, _created = cls.objects.update_or_create(
            page_id=int(decision.object_id),
            defaults={
                "last_reviewed_at": decision.decided_at,
                "review_due": add_months(reviewed, months or DEFAULT_REVIEW_MONTHS),
                "last_decision": decision,
            },
        )
        return schedule


def review_status(due, today=None):
    """``"overdue"``, ``"due_soon"``, ``"ok"`` or, with no review on record, ``"never"``."""
    today = today or timezone.localdate()
    if due is None:
        return "never"
    if due < today:
        return "overdue"
    if due <= today + datetime.timedelta(days=DUE_SOON_DAYS):
        return "due_soon"
    return "ok"


class ScamAlert(
    WorkflowMixin, DraftStateMixin, LockableMixin, RevisionMixin, PreviewableMixin,
    TranslatableMixin, models.Model,
):
    """A banner at the top of every public page while a scam wave is in progress."""

    class Severity(models.TextChoices):
        NOTICE = "notice", _("Notice")
        WARNING = "warning", _("Warning")
        URGENT = "urgent", _("Urgent")

    SEVERITY_RANK = {Severity.URGENT: 0, Severity.WARNING: 1, Severity.NOTICE: 2}

    title = models.CharField(
        _("internal title"), max_length=120,
        help_text=_("For the admin only, e.g. “Fake parcel-fee texts, June”."),
    )
    severity = models.CharField(
        _("severity"), max_length=10, choices=Severity.choices, default=Severity.WARNING
    )
    message = models.CharField(
        _("message"), max_length=240,
        help_text=_("One or two plain sentences: what is happening and what to do."),
    )
    link_page = models.ForeignKey(
        Page, verbose_name=_("link to a lesson"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    link_url = models.URLField(
        _("or link to a web address"), blank=True,
        help_text=_("For example an official announcement."),
    )
    link_text = models.CharField(
        _("link text"), max_length=60, blank=True, default=_("What to do"),
    )
    starts_at = models.DateTimeField(_("show from"), default=timezone.now)
    ends_at = models.DateTimeField(
        _("show until"),
        help_text=_("Every alert ends: pick when it stops showing (you can extend it later)."),
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("severity"),
        FieldPanel("message"),
        MultiFieldPanel(
            [PageChooserPanel("link_page", ["education.LessonPage"]), FieldPanel("link_url"),
             FieldPanel("link_text")],
            heading=_("Link (optional)"),
        ),
        FieldRowPanel([FieldPanel("starts_at"), FieldPanel("ends_at")], heading=_("When")),
    ]
    # Translated with wagtail-localize: the words are translated; when, how loud and where an
    # outside link goes stay the original's. The lesson link is kept as the original lesson
    # too, and the banner swaps in that lesson's translation in the reader's language when
    # there is one (see reviews.templatetags.scam_alerts), so an alert can be translated
    # before its lesson is.
    translatable_fields = [
        TranslatableField("title"), TranslatableField("message"), TranslatableField("link_text"),
        SynchronizedField("severity"), SynchronizedField("starts_at"),
        SynchronizedField("ends_at"), SynchronizedField("link_url"),
        SynchronizedField("link_page"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("scam alert")
        verbose_name_plural = _("scam alerts")
        ordering = ["-starts_at"]

    def __str__(self):
        return self.title

    def clean(self):
        super().clean()
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The alert must stop showing after it starts.")
        if self.link_page_id and self.link_url:
            errors["link_url"] = _("Link to a lesson or to a web address, not both.")
        if errors:
            raise ValidationError(errors)

    @property
    def link(self):
        """Where the alert's link goes: the lesson (in the reader's language if set), or the URL."""
        page = getattr(self, "localized_link_page", None) or self.link_page
        if self.link_page_id and page and page.live:
            return page.url
        return self.link_url

    def is_showing(self, now=None):
        now = now or timezone.now()
        return self.live and self.starts_at <= now < self.ends_at

    def get_preview_template(self, request, mode_name):
        return "reviews/scam_alert_preview.html"

    def get_preview_context(self, request, mode_name):
        context = super().get_preview_context(request, mode_name)
        context["scam_alert_preview"] = self
        return context
