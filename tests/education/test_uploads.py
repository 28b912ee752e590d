"""Uploads are checked by content, not by name: an HTML page named .mp4, .vtt or .png is
refused with a message and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.images import get_image_model
from wagtailmedia.models import get_media_model

from education.validators import validate_webvtt
from tests.conftest import VTT, png_bytes

pytestmark = pytest.mark.django_db

HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
MP4 = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom" + b"\x00" * 64
WEBM = b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\xf2\x81\x04\x42\xf3\x81" \
       b"\x08\x42\x82\x84webm\x42\x87\x81\x02\x42\x85\x81\x02" + b"\x00" * 64


def add_video(client, name, content):
    return client.post("/admin/media/video/add/", {
        "title": "Clip", "file": SimpleUploadedFile(name, content), "collection": 1,
        "duration": 10, "width": 640, "height": 360, "tags": "",
    })


@pytest.mark.parametrize("name, content", [("clip.mp4", HTML), ("clip.webm", HTML),
                                           ("clip.webm", MP4), ("clip.mp4", b"")])
def test_a_file_that_is_not_the_video_its_name_says_is_refused(admin_client, name, content):
    response = add_video(admin_client, name, content or b"x")
    assert response.status_code == 200
    assert "its content does not match its name" in response.content.decode()
    assert not get_media_model().objects.exists()


@pytest.mark.parametrize("name, content", [("clip.mp4", MP4), ("clip.webm", WEBM)])
def test_real_videos_are_accepted(admin_client, name, content):
    response = add_video(admin_client, name, content)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_media_model().objects.count() == 1


def test_a_video_thumbnail_must_be_an_image(admin_client):
    response = admin_client.post("/admin/media/video/add/", {
        "title": "Clip", "file": SimpleUploadedFile("clip.mp4", MP4), "collection": 1,
        "thumbnail": SimpleUploadedFile("poster.jpg", HTML), "duration": 10,
    })
    assert response.status_code == 200
    assert not get_media_model().objects.exists()


@pytest.mark.parametrize("content", [HTML, b"<html>\nWEBVTT\n", b"WEBVTTX\n\n00:00.000 --> "])
def test_captions_must_start_with_the_webvtt_signature(content):
    with pytest.raises(ValidationError):
        validate_webvtt(SimpleUploadedFile("captions.vtt", content))
    validate_webvtt(SimpleUploadedFile("captions.vtt", VTT.encode()))  # a real one passes


@pytest.mark.parametrize("name", ["poster.png", "poster.jpg", "poster.webp"])
def test_an_html_file_named_as_an_image_is_refused(admin_client, name):
    response = admin_client.post("/admin/images/add/", {
        "title": "Poster", "file": SimpleUploadedFile(name, HTML), "collection": 1,
    })
    assert response.status_code == 200
    assert not get_image_model().objects.exists()
    response = admin_client.post("/admin/images/add/", {
        "title": "Poster", "file": SimpleUploadedFile("poster.png", png_bytes()),
        "collection": 1,
    })
    assert response.status_code == 302
