"""Where each page type may be created, and that the admin forms create them."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from education.models import (
    CaseStudy,
    ComicLesson,
    HomePage,
    InfoPage,
    LessonIndexPage,
    LessonPage,
    ScamScenario,
    SpotTheScamLesson,
    VideoLesson,
)
from tests.conftest import VTT

LESSON_TYPES = [VideoLesson, ComicLesson, ScamScenario, CaseStudy, SpotTheScamLesson]


class PageTreeRulesTest(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_and_holds_the_library(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {LessonIndexPage, InfoPage})

    def test_information_pages_sit_under_the_home_page_and_have_no_children(self):
        self.assertAllowedParentPageTypes(InfoPage, {HomePage})
        self.assertAllowedSubpageTypes(InfoPage, set())

    def test_library_holds_every_lesson_type_and_nothing_else(self):
        self.assertAllowedParentPageTypes(LessonIndexPage, {HomePage})
        self.assertAllowedSubpageTypes(LessonIndexPage, set(LESSON_TYPES))

    def test_lessons_live_only_in_the_library_and_have_no_children(self):
        for lesson_type in LESSON_TYPES:
            self.assertAllowedParentPageTypes(lesson_type, {LessonIndexPage})
            self.assertAllowedSubpageTypes(lesson_type, set())

    def test_the_shared_base_is_never_created_by_editors(self):
        library = LessonIndexPage.objects.get()
        self.assertCanNotCreateAt(LessonIndexPage, LessonPage)
        self.assertFalse(LessonPage.can_create_at(library))

    def test_lessons_cannot_be_created_at_the_home_page(self):
        for lesson_type in LESSON_TYPES:
            self.assertCanNotCreateAt(HomePage, lesson_type)

    def test_only_one_home_page_and_one_library(self):
        self.assertFalse(HomePage.can_create_at(Page.get_first_root_node()))
        self.assertFalse(LessonIndexPage.can_create_at(HomePage.objects.get()))


@pytest.mark.django_db
class AdminCreatesLessonsTest(WagtailPageTestCase):
    def setUp(self):
        self.login()
        self.library = LessonIndexPage.objects.get()

    def common(self, title):
        return {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "Plain words for a plain lesson.",
            "takeaways": streamfield([("takeaway", "Hang up and call back.")]),
            "check_questions": streamfield([]),
            "related_links": inline_formset([]),
        }

    def test_case_study_through_the_admin_form(self):
        data = nested_form_data({
            **self.common("Fake courier"),
            "story": rich_text("<p>A text said a parcel was waiting.</p>"),
            "how_it_worked": rich_text("<p>The link stole card details.</p>"),
            "red_flags": streamfield([("red_flag", "A fee to release a parcel")]),
            "what_to_do": rich_text("<p>Check with the courier's own app.</p>"),
        })
        self.assertCanCreate(self.library, CaseStudy, data)

    def test_comic_through_the_admin_form(self):
        from wagtail.images import get_image_model

        from tests.conftest import png_bytes

        image = get_image_model().objects.create(
            title="panel", file=SimpleUploadedFile("panel.png", png_bytes())
        )
        data = nested_form_data({
            **self.common("Refund call"),
            "transcript": rich_text(""),
            "panels": inline_formset(
                [{"image": image.pk, "alt_text": "A woman on the phone", "dialogue": "Hello?"}],
                min=1,
            ),
        })
        self.assertCanCreate(self.library, ComicLesson, data)

    def test_video_through_the_admin_form_with_a_webvtt_upload(self):
        from django.core.files.base import ContentFile
        from wagtailmedia.models import get_media_model

        media = get_media_model().objects.create(
            title="clip", type="video", duration=30, file=ContentFile(b"mp4", name="clip.mp4")
        )
        data = nested_form_data({
            **self.common("Safe account"),
            "video": media.pk,
            "completion_threshold": 90,
            "transcript": rich_text("<p>Banks never ask you to move money.</p>"),
            "caption_tracks": inline_formset([
                {"language": "en", "label": "English",
                 "file": SimpleUploadedFile("c.vtt", VTT.encode(), "text/vtt")}
            ]),
        })
        self.assertCanCreate(self.library, VideoLesson, data)
        page = VideoLesson.objects.get(slug="safe-account")
        assert page.caption_tracks.count() == 1
        assert page.lesson_format == "video"
