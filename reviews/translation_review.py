"""Send a translation to the consumer-protection review, from wagtail-localize's editor.

wagtail-localize's translation editor saves each translated text as it is typed and offers
one way to put them into the page: "Publish", shown only to people who may publish. Editors
may not (approval in the review is what publishes), so without this an editor's Chinese
lesson or scam alert could never reach a reviewer. Here: the translated texts are saved as a
new draft revision of the translation (``Translation.save_target(publish=False)``) and the
item's workflow is started on it, or resumed after "request changes", exactly as "Submit
to Consumer-protection review" does in Wagtail's own editor. The reviewer approves on the
dashboard ("Awaiting your review") and the approval publishes that revision.

Only a synced translation (an enabled wagtail-localize ``Translation``) with every text
translated can be sent: a reviewer never gets a Chinese page that is half English.
"""

from django.contrib.admin.utils import quote, unquote
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.views import View
from wagtail.admin import messages
from wagtail.models import Page, WorkflowMixin, WorkflowState
from wagtail.snippets.models import get_snippet_models
from wagtail.snippets.permissions import get_permission_name
from wagtail_localize.models import Translation
from wagtail_localize.views import submit_translations

from staff.views import admin_forbidden


def synced_translation(instance):
    """The enabled wagtail-localize translation whose target is ``instance`` (or None)."""
    if getattr(instance, "translation_key", None) is None:
        return None
    return (
        Translation.objects.filter(
            source__object_id=instance.translation_key, target_locale_id=instance.locale_id,
            enabled=True,
        )
        .select_related("source", "target_locale")
        .first()
    )


def untranslated_count(translation):
    segments = translation.source.stringsegment_set.all()
    return segments.annotate_translation(translation.target_locale).filter(
        translation__isnull=True
    ).count()


def _can_edit(user, instance):
    if isinstance(instance, Page):
        return instance.permissions_for_user(user).can_edit()
    return user.has_perm(get_permission_name("change", type(instance)))


def can_submit(user, instance):
    """May ``user`` send ``instance`` (a translation) to its review now?"""
    if not isinstance(instance, WorkflowMixin) or not _can_edit(user, instance):
        return False
    if instance.get_workflow() is None:
        return False
    lock = instance.get_lock()
    if lock is not None and lock.for_user(user):
        return False
    state = instance.current_workflow_state
    return state is None or state.status == WorkflowState.STATUS_NEEDS_CHANGES


def submit_url(instance):
    if isinstance(instance, Page):
        return reverse("reviews_submit_page_translation", args=(instance.pk,))
    opts = instance._meta
    return reverse("reviews_submit_snippet_translation",
                   args=(opts.app_label, opts.model_name, quote(instance.pk)))


def submittable(user, instance):
    """``instance`` when it is a synced translation that ``user`` may send now, else None."""
    if not isinstance(instance, WorkflowMixin) or synced_translation(instance) is None:
        return None
    return instance if can_submit(user, instance) else None


def _after_url(instance):
    if isinstance(instance, Page):
        return reverse("wagtailadmin_explore", args=(instance.get_parent().pk,))
    return reverse(instance.snippet_viewset.get_url_name("list"))


class SubmitTranslationView(View):
    """GET: what will happen, and the button. POST: save the draft and start the review."""

    template_name = "reviews/admin/submit_translation.html"

    def get_object(self):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.object = self.get_object()
        self.translation = synced_translation(self.object)
        if self.translation is None:
            raise Http404("Not a synced translation.")
        if not can_submit(request.user, self.object):
            return admin_forbidden(
                request, gettext("This translation cannot be sent to the review"),
                gettext("You can send a translation to the consumer-protection review when "
                        "you may edit it and it is not already in the review."),
            )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        missing = untranslated_count(self.translation)
        return TemplateResponse(request, self.template_name, {
            "object": self.object,
            "translation": self.translation,
            "missing": missing,
            "page_title": gettext("Send to the consumer-protection review"),
            "header_title": gettext("Send to the consumer-protection review"),
            "header_icon": "tasks",
            "edit_url": self.edit_url(),
            "submit_url": submit_url(self.object),
            "workflow": self.object.get_workflow(),
        })

    def edit_url(self):
        if isinstance(self.object, Page):
            return reverse("wagtailadmin_pages:edit", args=(self.object.pk,))
        return reverse(self.object.snippet_viewset.get_url_name("edit"),
                       args=(quote(self.object.pk),))

    def post(self, request, *args, **kwargs):
        missing = untranslated_count(self.translation)
        if missing:
            messages.error(request, ngettext(
                "%(count)d text is not translated yet: translate it, then send the "
                "translation to the review.",
                "%(count)d texts are not translated yet: translate them, then send the "
                "translation to the review.", missing,
            ) % {"count": missing})
            return redirect(self.edit_url())
        with transaction.atomic():
            self.translation.save_target(user=request.user, publish=False)
            instance = type(self.object).objects.get(pk=self.object.pk)
            state = instance.current_workflow_state
            if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
                state.resume(request.user)
            else:
                instance.get_workflow().start(instance, request.user)
        messages.success(request, gettext(
            "'%(title)s' in %(language)s was sent to the consumer-protection review."
        ) % {"title": str(instance), "language": self.translation.target_locale.get_display_name()})
        return redirect(_after_url(instance))


class SubmitPageTranslationView(SubmitTranslationView):
    def get_object(self):
        return get_object_or_404(Page, pk=self.kwargs["page_id"]).specific


class SubmitSnippetTranslationView(SubmitTranslationView):
    def get_object(self):
        for model in get_snippet_models():
            opts = model._meta
            if (opts.app_label, opts.model_name) == (
                self.kwargs["app_label"], self.kwargs["model_name"]
            ):
                return get_object_or_404(model, pk=unquote(self.kwargs["pk"]))
        raise Http404("No such snippet type.")


# --- Who may translate a snippet ---------------------------------------------------------------


def may_translate_snippet(user, model):
    """Translating a snippet adds one in the new language: it needs the model's add permission.

    wagtail-localize checks only its own "submit translation" permission, so an editor could
    otherwise add Chinese audiences (which only administrators add) or a report box.
    """
    return user.has_perm(get_permission_name("add", model))


class GuardedSubmitSnippetTranslationView(submit_translations.SubmitSnippetTranslationView):
    """wagtail-localize's "Translate" for snippets, for those who may add that snippet."""

    def dispatch(self, request, *args, **kwargs):
        model = type(self.get_object())
        if not may_translate_snippet(request.user, model):
            return admin_forbidden(
                request, gettext("You cannot translate this"),
                gettext("Translating adds an entry in another language: ask someone who may "
                        "add %(things)s.") % {"things": model._meta.verbose_name_plural},
            )
        return super().dispatch(request, *args, **kwargs)
