"""The reviewer's forms: approve with the whole checklist ticked, or request changes with a reason.

Wagtail shows them in the workflow action modal (from the edit view and the dashboard), and
``ConsumerProtectionReviewTask.on_action`` validates the submitted data with the same form
again, so a request that skips the modal cannot approve or reject on other terms.
"""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from .checklist import CHECKLIST, label_for

REVIEW_INTERVAL_CHOICES = [
    (12, _("12 months (standard)")),
    (6, _("6 months")),
    (3, _("3 months (fast-changing scam)")),
]
DEFAULT_REVIEW_MONTHS = 12


class ReviewChecklistForm(forms.Form):
    checklist = forms.MultipleChoiceField(
        label=_("Consumer-protection checklist"),
        choices=CHECKLIST,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea({"rows": 3}),
    )

    def unticked(self):
        ticked = set(self.cleaned_data.get("checklist") or ())
        return [key for key, _label in CHECKLIST if key not in ticked]


class ApproveForm(ReviewChecklistForm):
    """Approval: every point ticked; the comment is optional; the next review date is chosen."""

    review_months = forms.TypedChoiceField(
        label=_("Review again in"), choices=REVIEW_INTERVAL_CHOICES, coerce=int,
        initial=DEFAULT_REVIEW_MONTHS, required=False, empty_value=DEFAULT_REVIEW_MONTHS,
        help_text=_("Lessons only: when the lesson is next due for a consumer-protection "
                    "review."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checklist"].help_text = _(
            "Tick every point. All eight must be met to approve and publish."
        )

    def clean(self):
        cleaned = super().clean()
        missing = self.unticked() if "checklist" in cleaned else []
        if missing:
            self.add_error(
                "checklist",
                gettext("Approval needs every point of the checklist ticked. Not ticked: %s. "
                        "Tick them if they are met, or request changes instead.")
                % "; ".join(str(label_for(key)) for key in missing),
            )
        return cleaned


class RequestChangesForm(ReviewChecklistForm):
    """Rejection: the points that are not met stay unticked; a comment says what to fix."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["checklist"].help_text = _(
            "Tick the points that are met. The unticked points are recorded as the reasons "
            "for the changes."
        )
        self.fields["comment"].required = True
        self.fields["comment"].label = _("What needs to change")
        self.fields["comment"].error_messages["required"] = format_lazy(
            "{}", _("Say what needs to change: a comment is required to request changes.")
        )

    def clean_comment(self):
        comment = (self.cleaned_data.get("comment") or "").strip()
        if not comment:
            raise forms.ValidationError(self.fields["comment"].error_messages["required"])
        return comment
