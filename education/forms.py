"""Admin forms for lesson pages: the rules a lesson must meet before it goes public.

Drafts may be incomplete; publishing (or submitting for review) is refused with a message
that says what to fix. Children (captions, panels) live in inline formsets, so the checks
run after the form and its formsets have validated.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminPageForm

from .localization import original_terms
from .scenario_rules import graph_from_stream, steps_error

GOING_PUBLIC_ACTIONS = ("action-publish", "action-submit")


def _kept_forms(formset):
    """The inline forms that will be saved: filled in and not marked for deletion."""
    deleted = set(formset.deleted_forms) if formset.can_delete else set()
    return [
        form for form in formset.forms
        if form not in deleted and getattr(form, "cleaned_data", None)
    ]


class TermChoiceField(forms.ModelMultipleChoiceField):
    """Terms labelled in the editor's language; the value is always the original term."""

    def label_from_instance(self, obj):
        return obj.translated.name


class SingleTermChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.translated.name


class LessonPageForm(WagtailAdminPageForm):
    """Lessons point only at the default language's terms (audiences, series, scam types):
    the choosers list each term once, labelled in the editor's language, so a translated term
    can never be picked and split the filters and reports by language."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "segments" in self.fields:
            old = self.fields["segments"]
            self.fields["segments"] = TermChoiceField(
                original_terms(self._term_model("segments")), required=False,
                widget=old.widget, label=old.label, help_text=old.help_text,
            )
        if "series" in self.fields:
            old = self.fields["series"]
            self.fields["series"] = SingleTermChoiceField(
                original_terms(self._term_model("series")), required=False,
                widget=old.widget, label=old.label, help_text=old.help_text,
            )
        if "tags" in self.fields:
            # The managed list as ticks instead of Wagtail's free-text tag box, whose
            # autocomplete offers every language's names and resolves a name in any of them.
            old = self.fields["tags"]
            self.fields["tags"] = TermChoiceField(
                original_terms(self._term_model("tags")), required=False,
                widget=forms.CheckboxSelectMultiple, label=old.label,
                help_text=gettext_lazy("The kinds of scam this lesson is about. New scam types "
                                       "are added under Lesson library → Scam types."),
            )

    def _term_model(self, field_name):
        """The term model behind one of the page's fields (read from the page model: forms
        sit below the models and do not import them)."""
        return self._meta.model._meta.get_field(field_name).related_model

    def is_going_public(self):
        return any(self.data.get(action) for action in GOING_PUBLIC_ACTIONS)

    def publishing_problems(self):
        """Messages that block publishing; subclasses add their format's rules."""
        return []

    def is_valid(self):
        valid = super().is_valid()
        if valid and self.is_going_public():
            for message in self.publishing_problems():
                self.add_error(None, message)
                valid = False
        return valid


class VideoLessonForm(LessonPageForm):
    def publishing_problems(self):
        problems = []
        if not self.cleaned_data.get("video"):
            problems.append(_("Choose the video file before publishing."))
        tracks = [
            form for form in _kept_forms(self.formsets["caption_tracks"])
            if form.cleaned_data.get("file")
        ]
        if not tracks:
            problems.append(
                _("A video cannot be published without captions: add a WebVTT captions file "
                  "under “Captions (WebVTT)”.")
            )
        return problems


class ComicLessonForm(LessonPageForm):
    def publishing_problems(self):
        problems = []
        panels = _kept_forms(self.formsets["panels"])
        if not panels:
            problems.append(_("Add at least one panel before publishing."))
        for number, form in enumerate(panels, start=1):
            if not (form.cleaned_data.get("alt_text") or "").strip():
                problems.append(
                    _("Panel %(number)d has no alt text: describe what it shows so people "
                      "using a screen reader can follow the story.") % {"number": number}
                )
        return problems


class ScamScenarioForm(LessonPageForm):
    """Refuses to submit or publish a scenario whose steps do not form a playable graph,
    naming the step at fault (on the steps field and on each offending step; the model
    refuses to publish it as well).

    A draft may be unfinished: it is saved, and the same problems are shown as warnings (the
    scenario map on the edit page, and a message after saving: see wagtail_hooks).
    """

    def clean(self):
        cleaned_data = super().clean()
        steps = cleaned_data.get("steps")
        if steps is not None:
            # Keep what the editor sent on the instance, so the scenario map shows it.
            self.instance.steps = steps
            self.instance.defer_graph_rules = not self.is_going_public()
            error = steps_error(steps) if self.is_going_public() else None
            if error is not None:
                self.add_error("steps", error)
        return cleaned_data

    def publishing_problems(self):
        steps = self.cleaned_data.get("steps")
        graph_steps, _positions = graph_from_stream(steps)
        if not any(choice.flag for step in graph_steps for choice in step.choices):
            return [_("Link at least one choice to a red flag before publishing: the debrief "
                      "and the reports count the red flags a learner spots.")]
        return []
