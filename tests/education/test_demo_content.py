"""``manage.py load_demo_content``: what it builds, and that running it again changes nothing.

Every test loads the demo into its own transaction. The drawn posters, panels and videos are
cached per process by the command, so only the first load pays for encoding the videos.
"""

import io
import os

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry
from wagtailmedia.models import get_media_model

from education.demo import content
from education.models import (
    AudienceSegment,
    CaseStudy,
    ComicLesson,
    ComicPanel,
    HomeFeaturedLesson,
    HomePage,
    LessonPage,
    RedFlag,
    RelatedLesson,
    ReportScamSettings,
    ScamScenario,
    ScamType,
    Series,
    TaggedLesson,
    VideoCaptionTrack,
    VideoLesson,
)
from education.validators import validate_webvtt

pytestmark = pytest.mark.django_db

ALREADY_LOADED = "Demo content is already loaded; nothing changed."
COUNTED_MODELS = [
    Page, Revision, PageLogEntry, Collection, get_image_model(), get_media_model(),
    VideoCaptionTrack, ComicPanel, RelatedLesson, HomeFeaturedLesson, TaggedLesson, ScamType,
    AudienceSegment, Series, ReportScamSettings, IndexEntry, ReferenceIndex, RedFlag,
]


def load_demo():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture
def demo():
    output = load_demo()
    assert "Demo content loaded" in output
    return output


def media_files():
    """Every stored file but image renditions (pages make those when they are viewed)."""
    found = {}
    for folder, _dirs, files in os.walk(settings.MEDIA_ROOT):
        relative = os.path.relpath(folder, settings.MEDIA_ROOT)
        if relative == "images" or relative.startswith("images" + os.sep):
            continue
        for name in files:
            stat = os.stat(os.path.join(folder, name))
            found[os.path.join(relative, name)] = (stat.st_size, stat.st_mtime_ns)
    return found


def snapshot():
    """Row counts of every table the loader writes, plus what changes on a re-publish."""
    report = ReportScamSettings.objects.values("heading", "advice", "channels").first()
    return {
        "counts": {model._meta.label: model.objects.count() for model in COUNTED_MODELS},
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "latest_revision_id", "last_published_at", "live",
                "has_unpublished_changes",
            )
        ),
        "report": report and {**report, "channels": str(report["channels"])},
        "home": list(HomePage.objects.values_list("intro", flat=True)),
        "files": media_files(),
    }


def test_loader_builds_the_taxonomy_lessons_and_settings(demo):
    assert {s.slug for s in AudienceSegment.objects.all()} >= {
        "seniors", "new-residents", "small-businesses"
    }
    seniors = AudienceSegment.objects.get(slug="seniors")
    assert seniors.tagline == "For seniors" and seniors.large_text_default
    assert seniors.icon == "senior" and seniors.description
    assert set(Series.objects.values_list("slug", flat=True)) == {
        "consumer-protection-notebook", "micro-classroom"
    }
    assert ScamType.objects.count() >= 8
    assert all(tag.description for tag in ScamType.objects.all())
    lessons = LessonPage.objects.live().specific()
    assert lessons.count() == 15
    formats = {value: lessons.filter(lesson_format=value).count()
               for value in ("video", "comic", "case")}
    assert all(count >= 4 for count in formats.values()), formats
    assert lessons.filter(lesson_format="scenario").count() == 3
    for segment in AudienceSegment.objects.all():
        assert LessonPage.objects.live().filter(segments=segment).count() >= 4, segment
    assert set(
        Series.objects.filter(lessons__live=True).values_list("slug", flat=True)
    ) == {"consumer-protection-notebook", "micro-classroom"}
    # every scam type is used, and every lesson has a poster and a first revision
    assert not ScamType.objects.filter(tagged_lessons__isnull=True).exists()
    for lesson in lessons:
        assert lesson.url_path.endswith(f"/lessons/{lesson.slug}/")
        assert lesson.listing_image is not None
        assert lesson.listing_image.collection.name == "Demo content"
        assert lesson.revisions.exists() and not lesson.has_unpublished_changes
        assert 2 <= len(lesson.takeaways) <= 4
        assert len(lesson.summary) <= 300
    assert RelatedLesson.objects.exists()
    home = HomePage.objects.get()
    assert 3 <= home.featured.count() <= 4
    assert home.intro == content.HOME_INTRO
    report = ReportScamSettings.objects.get()
    phones = [block.value["phone"] for block in report.channels]
    assert phones[:3] == ["110", "96110", "12378"]
    assert "back of your card" in report.channels[3].value["note"]


def test_every_video_comic_and_case_is_complete(demo):
    videos = VideoLesson.objects.live()
    assert videos.count() >= 4
    for lesson in videos:
        media = lesson.video
        assert media is not None and media.type == "video"
        assert 20 <= media.duration <= 41
        with default_storage.open(media.file.name) as handle:
            assert handle.read(12)[4:8] == b"ftyp"  # an MP4 container
        tracks = list(lesson.caption_tracks.all())
        assert tracks, lesson.slug
        for track in tracks:
            assert track.language == "en"
            validate_webvtt(track.file)
        assert lesson.transcript.startswith("<p>")
        assert lesson.completion_threshold in (80, 90)

    comics = ComicLesson.objects.live()
    assert comics.count() >= 4
    for lesson in comics:
        panels = list(lesson.panels.all())
        assert 4 <= len(panels) <= 6, lesson.slug
        for panel in panels:
            assert panel.alt_text.strip(), f"{lesson.slug}: a panel without alt text"
            assert panel.dialogue.strip()
            assert panel.image.collection.name == "Demo content"

    for lesson in CaseStudy.objects.live():
        assert 3 <= len(lesson.red_flags) <= 5
        assert lesson.story and lesson.how_it_worked and lesson.what_to_do


def test_every_scenario_is_playable_and_one_is_made_for_each_audience(demo, client):
    from education import scenario_graph

    scenarios = list(ScamScenario.objects.live())
    assert len(scenarios) == 3
    assert {s.segments.get().slug for s in scenarios} == {
        "seniors", "new-residents", "small-businesses"
    }
    assert {s.channel for s in scenarios} == {"sms", "call", "email"}
    flags_used = set()
    for scenario in scenarios:
        steps = scenario.graph_steps
        assert scenario_graph.validate(steps) == [], scenario.slug
        endings = [s for s in steps if s.is_ending]
        assert len(steps) - len(endings) >= 6 and len(endings) >= 3, scenario.slug
        assert {s.outcome for s in endings} == {"safe", "partly", "scammed"}, scenario.slug
        for child in scenario.steps:
            for choice in child.value.get("choices") or ():
                assert choice["feedback"].strip()
                if choice["red_flag"]:
                    flags_used.add(choice["red_flag"].slug)
        # every ending can be played to, without JavaScript, with a score
        for ending_id, moves in scenario_graph.shortest_paths_to_endings(steps).items():
            path = scenario_graph.encode_path(moves)
            response = client.get(f"{scenario.url}step/{ending_id}/", {"p": path})
            assert response.status_code == 200
            assert f'data-path="{path}"' in response.content.decode()
    assert flags_used == set(RedFlag.objects.values_list("slug", flat=True))
    assert all(flag.explanation for flag in RedFlag.objects.all())


def test_running_it_again_changes_nothing(demo):
    before = snapshot()
    assert load_demo().strip() == ALREADY_LOADED
    assert snapshot() == before


def test_editor_changes_survive_a_rerun(demo):
    seniors = AudienceSegment.objects.get(slug="seniors")
    seniors.description = "Edited by an editor."
    seniors.save()
    report = ReportScamSettings.objects.get()
    report.advice = "<p>Call us first.</p>"
    report.channels = []
    report.save()
    home = HomePage.objects.get()
    home.intro = "Our own words."
    home.save_revision().publish()
    images = get_image_model().objects.count()
    # an editor deletes a lesson: only that lesson comes back, reusing its pictures
    ComicLesson.objects.get(slug="qr-code-sticker").delete()

    output = load_demo()

    assert "1 lesson" in output
    assert get_image_model().objects.count() == images
    assert ComicLesson.objects.live().filter(slug="qr-code-sticker").exists()
    assert AudienceSegment.objects.get(slug="seniors").description == "Edited by an editor."
    report.refresh_from_db()
    assert report.advice == "<p>Call us first.</p>" and not len(report.channels)
    home = HomePage.objects.get()
    assert home.intro == "Our own words."


def test_demo_pages_render_and_search_finds_them(demo, client):
    paths = ["/", "/lessons/", "/audiences/seniors/", "/lessons/refund-screen-share/?panel=2",
             "/lessons/?format=scenario", "/lessons/bank-card-frozen-text/step/the-text/"]
    paths += [f"/lessons/{lesson.slug}/" for lesson in content.LESSONS[::3]]
    for path in paths:
        assert client.get(path).status_code == 200, path
    home = client.get("/").content.decode()
    for scenario in content.SCENARIOS:  # the practice scenarios are on the home page
        assert f'href="/lessons/{scenario.slug}/"' in home, scenario.slug
    for query, slugs in [("refund", ["refund-call-scam", "refund-screen-share"]),
                         ("QR", ["qr-code-sticker"])]:
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        for slug in slugs:
            assert f'href="/lessons/{slug}/"' in response.content.decode(), (query, slug)
