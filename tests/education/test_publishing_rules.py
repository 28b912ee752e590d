"""Publishing is refused, with a message that says what to fix, when a lesson is not ready."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield
from wagtailmedia.models import get_media_model

from education.models import ComicLesson, VideoLesson
from tests.conftest import VTT, png_bytes

pytestmark = pytest.mark.django_db


def add_url(model, parent):
    return reverse(
        "wagtailadmin_pages:add", args=(model._meta.app_label, model._meta.model_name, parent.pk)
    )


def video_form(captions, action="action-publish", video=True):
    media = get_media_model().objects.create(
        title="clip", type="video", duration=30, file=ContentFile(b"mp4", name="clip.mp4")
    )
    data = nested_form_data({
        "title": "Safe account call",
        "slug": "safe-account-call",
        "summary": "A caller asks you to move money to a 'safe account'.",
        "video": media.pk if video else "",
        "completion_threshold": 90,
        "transcript": rich_text("<p>Hang up.</p>"),
        "takeaways": streamfield([]),
        "check_questions": streamfield([]),
        "related_links": inline_formset([]),
        "caption_tracks": inline_formset(captions),
    })
    data[action] = "1"
    return data


def comic_form(alt_texts, action="action-publish"):
    image = get_image_model().objects.create(
        title="panel", file=SimpleUploadedFile("p.png", png_bytes())
    )
    data = nested_form_data({
        "title": "Refund trap",
        "slug": "refund-trap",
        "summary": "A fake refund call, panel by panel.",
        "transcript": rich_text(""),
        "takeaways": streamfield([]),
        "check_questions": streamfield([]),
        "related_links": inline_formset([]),
        "panels": inline_formset(
            [{"image": image.pk, "alt_text": alt, "dialogue": "…"} for alt in alt_texts], min=1
        ),
    })
    data[action] = "1"
    return data


def test_video_without_captions_is_not_published(admin_client, library):
    response = admin_client.post(add_url(VideoLesson, library), video_form([]))
    assert response.status_code == 200
    assert "cannot be published without captions" in response.content.decode()
    assert not VideoLesson.objects.filter(live=True).exists()


def test_video_without_captions_cannot_be_submitted_for_review_either(admin_client, library):
    response = admin_client.post(
        add_url(VideoLesson, library), video_form([], action="action-submit")
    )
    assert "cannot be published without captions" in response.content.decode()
    assert not VideoLesson.objects.exists()


def test_video_without_captions_can_be_saved_as_a_draft(admin_client, library):
    response = admin_client.post(add_url(VideoLesson, library), video_form([], action="draft"))
    assert response.status_code == 302
    page = VideoLesson.objects.get()
    assert not page.live


def test_video_without_a_video_file_is_not_published(admin_client, library):
    captions = [{"language": "en", "label": "English",
                 "file": SimpleUploadedFile("c.vtt", VTT.encode())}]
    response = admin_client.post(add_url(VideoLesson, library), video_form(captions, video=False))
    assert "Choose the video file before publishing" in response.content.decode()
    assert not VideoLesson.objects.exists()


def test_video_with_captions_is_published(admin_client, library):
    captions = [{"language": "en", "label": "English",
                 "file": SimpleUploadedFile("c.vtt", VTT.encode())}]
    response = admin_client.post(add_url(VideoLesson, library), video_form(captions))
    assert response.status_code == 302
    assert VideoLesson.objects.get().live


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not captions at all", "not a valid WebVTT file"),
        (b"WEBVTT\n\n", "has no cues"),
        (b"\xff\xfe\x00bad", "UTF-8"),
    ],
)
def test_a_broken_captions_file_is_rejected_with_a_reason(admin_client, library, content, message):
    captions = [{"language": "en", "label": "English",
                 "file": SimpleUploadedFile("c.vtt", content)}]
    response = admin_client.post(add_url(VideoLesson, library), video_form(captions))
    assert message in response.content.decode()
    assert not VideoLesson.objects.exists()


def test_captions_must_be_a_vtt_file(admin_client, library):
    captions = [{"language": "en", "label": "English",
                 "file": SimpleUploadedFile("c.srt", VTT.encode())}]
    response = admin_client.post(add_url(VideoLesson, library), video_form(captions))
    assert "WebVTT file ending in .vtt" in response.content.decode()


def test_comic_panel_without_alt_text_is_not_published(admin_client, library):
    response = admin_client.post(
        add_url(ComicLesson, library), comic_form(["A man reads a text", ""])
    )
    assert response.status_code == 200
    assert "Panel 2 has no alt text" in response.content.decode()
    assert not ComicLesson.objects.exists()


def test_comic_without_alt_text_can_be_saved_as_a_draft(admin_client, library):
    response = admin_client.post(add_url(ComicLesson, library), comic_form([""], action="draft"))
    assert response.status_code == 302
    assert not ComicLesson.objects.get().live


def test_comic_with_alt_text_on_every_panel_is_published(admin_client, library):
    response = admin_client.post(add_url(ComicLesson, library), comic_form(["One", "Two"]))
    assert response.status_code == 302
    assert ComicLesson.objects.get().live


def test_editing_a_live_video_to_remove_its_captions_cannot_be_published(
    admin_client, make_video
):
    page = make_video()
    track = page.caption_tracks.get()
    data = video_form([])
    data.update({
        "caption_tracks-TOTAL_FORMS": "1", "caption_tracks-INITIAL_FORMS": "1",
        "caption_tracks-0-id": str(track.pk), "caption_tracks-0-DELETE": "1",
        "caption_tracks-0-language": "en", "caption_tracks-0-label": "English",
        "caption_tracks-0-ORDER": "1", "slug": page.slug,
    })
    response = admin_client.post(reverse("wagtailadmin_pages:edit", args=(page.pk,)), data)
    assert "cannot be published without captions" in response.content.decode()
    page.refresh_from_db()
    assert page.caption_tracks.count() == 1
