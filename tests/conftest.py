"""Shared fixtures: the site tree, taxonomy and builders for each lesson type."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction
from wagtailmedia.models import get_media_model

from education.models import (
    AudienceSegment,
    CaseStudy,
    ComicLesson,
    ComicPanel,
    HomePage,
    LessonIndexPage,
    ScamType,
    Series,
    VideoCaptionTrack,
    VideoLesson,
)

VTT = "WEBVTT\n\n1\n00:00:00.000 --> 00:00:03.000\nNever share a code sent to your phone.\n"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with empty caches (database rows, and so ids, are rolled back)."""
    from django.core.cache import caches

    from campaigns import privacy
    from education import page_cache

    for name in ("default", "renditions"):
        caches[name].clear()
    page_cache._generation.update(value=None, read_at=0.0)
    privacy._salt_cache.clear()
    yield
    for name in ("default", "renditions"):
        caches[name].clear()


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def library(db):
    return LessonIndexPage.objects.get()


@pytest.fixture
def taxonomy(db):
    seniors = AudienceSegment.objects.create(
        name="Seniors", slug="seniors", tagline="For seniors", large_text_default=True
    )
    residents = AudienceSegment.objects.create(
        name="New residents", slug="new-residents", tagline="For new residents"
    )
    business = AudienceSegment.objects.create(
        name="Small businesses", slug="small-businesses", tagline="For small businesses"
    )
    notebook = Series.objects.create(
        name="Consumer Protection Notebook", slug="consumer-protection-notebook"
    )
    classroom = Series.objects.create(name="Micro Classroom", slug="micro-classroom")
    tags = {
        slug: ScamType.objects.create(name=slug.replace("-", " ").title(), slug=slug)
        for slug in ["phishing", "refund", "fake-loan", "impersonation"]
    }
    return {
        "seniors": seniors, "residents": residents, "business": business,
        "notebook": notebook, "classroom": classroom, "tags": tags,
    }


def png_bytes(size=(64, 36), colour=(30, 90, 160)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def make_image(db):
    def make(title="Poster"):
        return get_image_model().objects.create(
            title=title, file=ImageFile(io.BytesIO(png_bytes()), name=f"{title}.png")
        )
    return make


def _add(library, page, live):
    """Create the page under the library: published, or a draft that never went live."""
    page.live = False
    library.add_child(instance=page)
    revision = page.save_revision()
    if live:
        revision.publish()
    page.refresh_from_db()
    return page


def _classify(page, segments=(), series=None, tags=()):
    page.segments.set(segments)
    page.series = series
    page.tags.set(tags)


@pytest.fixture
def make_video(library, make_image):
    def make(title="Stop, check, call", slug=None, segments=(), series=None, tags=(),
             summary="A caller says your account is at risk.", transcript="<p>Hang up.</p>",
             live=True, captions=True):
        media = get_media_model().objects.create(
            title=f"{title} video", type="video", duration=65,
            file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="clip.mp4"),
        )
        page = VideoLesson(
            title=title, slug=slug or None, summary=summary, video=media,
            transcript=transcript, listing_image=make_image(title),
        )
        _classify(page, segments, series, tags)
        if captions:
            page.caption_tracks = [
                VideoCaptionTrack(language="en", label="English",
                                  file=ContentFile(VTT.encode(), name="c.vtt"))
            ]
        return _add(library, page, live)
    return make


@pytest.fixture
def make_comic(library, make_image):
    def make(title="The refund that wasn't", slug=None, segments=(), series=None, tags=(),
             summary="A comic about a fake refund call.", panels=3, live=True):
        page = ComicLesson(title=title, slug=slug or None, summary=summary,
                           listing_image=make_image(title))
        _classify(page, segments, series, tags)
        page.panels = [
            ComicPanel(image=make_image(f"{title} panel {n}"), alt_text=f"Panel {n} scene",
                       dialogue=f"Line of dialogue {n}")
            for n in range(1, panels + 1)
        ]
        return _add(library, page, live)
    return make


@pytest.fixture
def make_case(library, make_image):
    def make(title="The invoice that changed bank", slug=None, segments=(), series=None,
             tags=(), summary="A supplier's e-mail asked to pay a new account.",
             story="<p>A shop owner paid an invoice.</p>", live=True):
        page = CaseStudy(
            title=title, slug=slug or None, summary=summary, story=story,
            how_it_worked="<p>The scammer copied the supplier's e-mail.</p>",
            red_flags=[("red_flag", "A new bank account by e-mail")],
            what_to_do="<p>Call the supplier on a number you already have.</p>",
            listing_image=make_image(title),
        )
        _classify(page, segments, series, tags)
        return _add(library, page, live)
    return make


@pytest.fixture
def make_private():
    """Put a page behind a password so it is no longer public."""
    def make(page):
        PageViewRestriction.objects.create(
            page=Page.objects.get(pk=page.pk), restriction_type="password", password="x"
        )
        return page
    return make
