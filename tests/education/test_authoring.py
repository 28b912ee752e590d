"""Authoring without traps: what an editor meets while writing a lesson in the admin."""

import pytest
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

LESSON_TYPES = ["videolesson", "comiclesson", "casestudy", "scamscenario"]


def add_url(model_name, parent):
    return reverse("wagtailadmin_pages:add", args=("education", model_name, parent.pk))


# --- the slug follows the title (issue 12, part 4) ------------------------------------------


@pytest.mark.parametrize("model_name", LESSON_TYPES)
def test_typing_the_title_fills_the_slug_on_every_lesson_type(admin_client, library,
                                                               model_name):
    """Wagtail's own pages sync the slug from the title (TitleFieldPanel's w-sync controller),
    so "Save draft" never fails on the Promote tab an editor has not opened."""
    response = admin_client.get(add_url(model_name, library))
    assert response.status_code == 200
    title = response.context["form"]["title"]
    html = str(response.content.decode())
    assert 'data-w-sync-target-value="#id_slug"' in html
    attrs = title.field.widget.attrs
    assert "w-sync" in attrs.get("data-controller", "")
    assert "w-sync#apply" in attrs.get("data-action", "")


# --- choosers offer the default language's terms, in the editor's language (part 2) ---------


@pytest.fixture
def bilingual_terms(taxonomy, translate):
    translate(taxonomy["seniors"], name="老年群体")
    translate(taxonomy["notebook"], name="消保记事本")
    translate(taxonomy["tags"]["phishing"], name="钓鱼短信")
    return taxonomy


def admin_in(language, make_user):
    from django.test import Client
    from wagtail.users.models import UserProfile

    user = make_user(f"admin-{language}", superuser=True)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def choices(response, name):
    field = response.context["form"].fields[name]
    return {str(label): value for value, label in field.choices if value != ""}


@pytest.mark.parametrize("language, seniors, notebook, phishing", [
    ("en", "Seniors", "Consumer Protection Notebook", "Phishing"),
    ("zh-hans", "老年群体", "消保记事本", "钓鱼短信"),
])
def test_choosers_list_each_term_once_in_the_editors_language(
        library, bilingual_terms, make_user, language, seniors, notebook, phishing):
    client = admin_in(language, make_user)
    response = client.get(add_url("videolesson", library))
    assert seniors in response.content.decode()
    with translation.override(language):  # the labels are read as the request read them
        segments, series, tags = (
            choices(response, name) for name in ("segments", "series", "tags"))
    assert len(segments) == 3 and seniors in segments  # not Seniors and 老年群体 both
    assert len(series) == 2 and notebook in series
    assert len(tags) == 4 and phishing in tags
    # Whatever the label, the value is the English (default-locale) term.
    assert str(segments[seniors]) == str(bilingual_terms["seniors"].pk)
    assert str(tags[phishing]) == str(bilingual_terms["tags"]["phishing"].pk)


def test_a_lesson_cannot_point_at_a_translated_term(make_video, bilingual_terms):
    from django.core.exceptions import ValidationError

    from education.models import AudienceSegment, ScamType, Series

    video = make_video(segments=[bilingual_terms["seniors"]])
    video.full_clean()  # English terms: fine
    chinese_segment = AudienceSegment.objects.get(name="老年群体")
    chinese_series = Series.objects.get(name="消保记事本")
    chinese_tag = ScamType.objects.get(name="钓鱼短信")
    video.segments.set([chinese_segment])
    video.series = chinese_series
    video.tags.set([chinese_tag])
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert {"segments", "series", "tags"} <= set(error.value.message_dict)
    assert "老年群体" in " ".join(error.value.message_dict["segments"])


def test_the_admin_refuses_a_translated_term_posted_by_hand(admin_client, make_video,
                                                            bilingual_terms):
    from education.models import AudienceSegment

    video = make_video()
    chinese = AudienceSegment.objects.get(name="老年群体")
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=(video.pk,)))
    form = response.context["form"]
    assert chinese.pk not in {value for value, _label in form.fields["segments"].choices}


# --- scenario drafts may be unfinished (part 5) ----------------------------------------------


def test_an_unfinished_scenario_is_saved_as_a_draft_with_its_problems_as_warnings(
        admin_client, library, red_flags):
    from education.models import ScamScenario
    from tests.education.test_scenario_player import broken, scenario_form, steps_errors

    response = admin_client.post(add_url("scamscenario", library),
                                 scenario_form(broken(red_flags, "dangling"), action="draft"),
                                 follow=True)
    page = ScamScenario.objects.get(slug="card-frozen")
    assert not page.live
    html = response.content.decode()
    expected = "Step “first-text”: choice 2 leads to “bank-cal”, but no step has that ID."
    assert "Before it can be submitted for review or published" in html
    assert expected in html  # in the warning and on the scenario map
    # Submitting it is refused with the same precise message, and nothing is published.
    edit = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    data = scenario_form(broken(red_flags, "dangling"), action="action-submit")
    response = admin_client.post(edit, data)
    assert response.status_code == 200
    messages, blocks = steps_errors(response)
    assert expected in messages and 0 in blocks
    assert not ScamScenario.objects.get(pk=page.pk).live


def test_the_model_keeps_an_unfinished_draft_but_never_publishes_it(make_scenario):
    from django.core.exceptions import ValidationError

    page = make_scenario(live=False)
    page.steps = [block for block in page.steps.raw_data][:-1]  # "closed-safe" is gone
    revision = page.save_revision()
    with pytest.raises(ValidationError) as error:
        revision.publish()
    assert "closed-safe" in str(error.value)


def test_a_new_ending_starts_without_an_empty_last_message():
    from education.models import ScamScenario

    ending = ScamScenario.steps.field.stream_block.child_blocks["ending"]
    assert list(ending.get_default()["messages"]) == []


def test_the_red_flag_chooser_lists_each_flag_once_in_the_editors_language(
        make_user, red_flags, translate):
    translate(red_flags["unexpected-link"], name="意外短信里的链接")
    client = admin_in("zh-hans", make_user)
    url = reverse("wagtailsnippetchoosers_education_redflag:choose")
    response = client.get(url)
    html = response.json()["html"]
    assert html.count("意外短信里的链接") == 1
    assert "A link in a text you did not expect" not in html  # its original, listed once
    assert "A page asking for your card number" in html  # untranslated: its own name
    assert html.count("data-chooser-modal-choice") == len(red_flags)


def test_a_scenario_cannot_point_at_a_translated_red_flag(make_scenario, red_flags, translate):
    from django.core.exceptions import ValidationError

    chinese = translate(red_flags["unexpected-link"], name="意外短信里的链接")
    page = make_scenario(live=False)
    raw = list(page.steps.raw_data)
    choice = raw[0]["value"]["choices"][0]
    choice = choice["value"] if "value" in choice else choice  # a ListBlock item, or bare
    choice["red_flag"] = chinese.pk
    page.steps = raw
    with pytest.raises(ValidationError) as error:
        page.full_clean()
    assert "意外短信里的链接" in " ".join(error.value.message_dict["steps"])
