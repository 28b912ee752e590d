"""Plain helpers for the review tests: edit-form data and the admin views' requests."""

import json
from contextlib import contextmanager
from unittest import mock

from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from reviews.checklist import CHECKLIST_KEYS

ALL_TICKED = list(CHECKLIST_KEYS)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def case_form(page, action=None, **changes):
    """POST data for the edit form of a case study (made by the make_case fixture)."""
    values = {
        "title": page.title,
        "slug": page.slug,
        "summary": page.summary,
        "story": rich_text("<p>A shop owner paid an invoice.</p>"),
        "how_it_worked": rich_text("<p>The scammer copied the supplier's e-mail.</p>"),
        "what_to_do": rich_text("<p>Call the supplier on a number you already have.</p>"),
        "red_flags": streamfield([("red_flag", "A new bank account by e-mail")]),
        "takeaways": streamfield([]),
        "check_questions": streamfield([]),
        "related_links": inline_formset([]),
        "comments": inline_formset([]),
    }
    values.update(changes)
    data = nested_form_data(values)
    if action:
        data[action] = "1"
    return data


def workflow_action_url(page, action, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


def modal_post(client, url, data):
    """POST as Wagtail's workflow modal does (XHR); returns the decoded JSON answer."""
    response = client.post(url, data, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    assert response.status_code == 200, response.content[:500]
    return response.json()


@contextmanager
def frozen_now(moment):
    """Everything that asks django.utils.timezone for the time gets ``moment``."""
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield


def edit_view_action(page, action, checklist=ALL_TICKED, comment="", **changes):
    """Edit-view POST data for a workflow action, as the edit page sends it after the modal."""
    data = case_form(page, **changes)
    data.update({
        "action-workflow-action": "1",
        "workflow-action-name": action,
        "workflow-action-extra-data": json.dumps(
            {"checklist": list(checklist), "comment": comment}
        ),
    })
    return data


def localize(instance, locale, words, publish=True):
    """Translate a snippet through wagtail-localize, as the admin's translation editor does.

    ``words`` maps each source string (as plain text) to its translation; strings it does not
    cover keep the source text. A draft-state snippet is saved as a draft, and published
    here when ``publish`` (``save_target(publish=True)`` waits for a commit that a test's
    transaction never makes).
    """
    from wagtail.models import DraftStateMixin
    from wagtail_localize.models import StringTranslation, Translation, TranslationSource
    from wagtail_localize.strings import StringValue

    source, _created = TranslationSource.get_or_create_from_instance(instance)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=locale
    )
    for segment in source.stringsegment_set.select_related("string", "context"):
        text = StringValue(segment.string.data).render_text()
        if text in words:
            StringTranslation.objects.update_or_create(
                translation_of=segment.string, locale=locale, context=segment.context,
                defaults={"data": StringValue.from_plaintext(words[text]).data},
            )
    drafts = isinstance(instance, DraftStateMixin)
    translation.save_target(publish=not drafts)
    target = source.get_translated_instance(locale)
    if drafts and publish:
        target.get_latest_revision().publish()
        target.refresh_from_db()
    return target
