"""``manage.py load_demo_content``: what it builds, and that running it again changes nothing.

The demo exists in English (the default locale) and in Simplified Chinese, the Chinese side
made through wagtail-localize (translations an editor can open and sync), so most queries
here pick the English originals with ``**EN``.

The demo is loaded once for the module, inside a transaction rolled back at its end; each
test runs in a savepoint within it, so what a test changes (a re-run, an editor's edit) is
undone before the next one.
"""

import html
import io
import os
import re

import pytest
from django.conf import settings
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, PageLogEntry, ReferenceIndex, Revision
from wagtail.search.models import IndexEntry
from wagtail_localize.models import (
    String,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.segments import StringSegmentValue
from wagtail_localize.segments.extract import extract_segments
from wagtailmedia.models import get_media_model

from demo import content, content_zh
from education.models import (
    AudienceSegment,
    CaseStudy,
    ComicLesson,
    ComicPanel,
    HomeFeaturedLesson,
    HomePage,
    LessonIndexPage,
    LessonPage,
    RedFlag,
    RelatedLesson,
    ReportScamBox,
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
    AudienceSegment, Series, ReportScamBox, IndexEntry, ReferenceIndex, RedFlag,
    TranslationSource, Translation, String, StringSegment, StringTranslation,
]
TERM_MODELS = [AudienceSegment, Series, ScamType, RedFlag, ReportScamBox]
EN = {"locale__language_code": "en"}
ZH = {"locale__language_code": "zh-hans"}


def load_demo():
    out = io.StringIO()
    call_command("load_demo_content", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def loaded_demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield load_demo()
        transaction.set_rollback(True)


@pytest.fixture
def demo(loaded_demo, db):
    assert "Demo content loaded" in loaded_demo
    return loaded_demo


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
    report = list(ReportScamBox.objects.order_by("locale__language_code").values(
        "locale__language_code", "heading", "advice", "channels"
    ))
    return {
        "counts": {model._meta.label: model.objects.count() for model in COUNTED_MODELS},
        "pages": list(
            Page.objects.order_by("pk").values_list(
                "pk", "latest_revision_id", "last_published_at", "live",
                "has_unpublished_changes",
            )
        ),
        "report": [{**row, "channels": str(row["channels"])} for row in report],
        "home": list(HomePage.objects.order_by("pk").values_list("intro", flat=True)),
        "files": media_files(),
    }


def test_loader_builds_the_taxonomy_lessons_and_settings(demo):
    assert {s.slug for s in AudienceSegment.objects.all()} >= {
        "seniors", "new-residents", "small-businesses"
    }
    seniors = AudienceSegment.objects.get(slug="seniors", **EN)
    assert seniors.tagline == "For seniors" and seniors.large_text_default
    assert seniors.icon == "senior" and seniors.description
    assert set(Series.objects.values_list("slug", flat=True)) == {
        "consumer-protection-notebook", "micro-classroom"
    }
    assert ScamType.objects.count() >= 8
    assert all(tag.description for tag in ScamType.objects.all())
    lessons = LessonPage.objects.live().filter(**EN).specific()
    assert lessons.count() == 18
    formats = {value: lessons.filter(lesson_format=value).count()
               for value in ("video", "comic", "case")}
    assert all(count >= 4 for count in formats.values()), formats
    assert lessons.filter(lesson_format="scenario").count() == 3
    for segment in AudienceSegment.objects.filter(**EN):
        assert lessons.filter(segments=segment).count() >= 4, segment
    assert set(
        Series.objects.filter(lessons__live=True).values_list("slug", flat=True)
    ) == {"consumer-protection-notebook", "micro-classroom"}
    # every scam type is used, and every lesson has a poster and a first revision
    assert not ScamType.objects.filter(tagged_lessons__isnull=True, **EN).exists()
    for lesson in lessons:
        assert lesson.url == f"/en/lessons/{lesson.slug}/"
        assert lesson.listing_image is not None
        assert lesson.listing_image.collection.name == "Demo content"
        assert lesson.revisions.exists() and not lesson.has_unpublished_changes
        assert 2 <= len(lesson.takeaways) <= 4
        assert len(lesson.summary) <= 300
    assert RelatedLesson.objects.exists()
    home = HomePage.objects.get(**EN)
    assert 3 <= home.featured.count() <= 4
    assert home.intro == content.HOME_INTRO
    report = ReportScamBox.objects.get(locale=Locale.get_default())
    phones = [block.value["phone"] for block in report.channels]
    assert phones[:3] == ["110", "96110", "12378"]
    assert "back of your card" in report.channels[3].value["note"]


def test_every_video_comic_and_case_is_complete(demo):
    videos = VideoLesson.objects.live().filter(**EN)
    assert videos.count() >= 4
    for lesson in videos:
        media = lesson.video
        assert media is not None and media.type == "video"
        assert 20 <= media.duration <= 41
        with default_storage.open(media.file.name) as handle:
            assert handle.read(12)[4:8] == b"ftyp"  # an MP4 container
        tracks = list(lesson.caption_tracks.all())
        assert [track.language for track in tracks] == ["en", "zh-hans"], lesson.slug
        for track in tracks:
            validate_webvtt(track.file)
        assert lesson.transcript.startswith("<p>")
        assert lesson.completion_threshold in (80, 90)

    comics = ComicLesson.objects.live().filter(**EN)
    assert comics.count() >= 4
    for lesson in comics:
        panels = list(lesson.panels.all())
        assert 4 <= len(panels) <= 6, lesson.slug
        for panel in panels:
            assert panel.alt_text.strip(), f"{lesson.slug}: a panel without alt text"
            assert panel.dialogue.strip()
            assert panel.image.collection.name == "Demo content"

    for lesson in CaseStudy.objects.live().filter(**EN):
        assert 3 <= len(lesson.red_flags) <= 5
        assert lesson.story and lesson.how_it_worked and lesson.what_to_do


def test_every_scenario_is_playable_and_one_is_made_for_each_audience(demo, client):
    from education import scenario_graph

    scenarios = list(ScamScenario.objects.live().filter(**EN))
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


def test_one_spot_the_scam_quiz_per_audience_with_its_tell_in_both_languages(demo, client):
    from education.models import SpotTheScamLesson

    quizzes = list(SpotTheScamLesson.objects.live().filter(**EN))
    assert {q.segments.get().slug for q in quizzes} == {
        "seniors", "new-residents", "small-businesses"
    }
    for quiz in quizzes:
        assert 3 <= quiz.message_count <= 10
        assert {m.verdict for m in quiz.quiz} == {"scam", "genuine"}, quiz.slug
        chinese = quiz.get_translation(Locale.objects.get(language_code="zh-hans"))
        for page in (quiz, chinese.specific):
            for message in page.quiz:
                assert message.mark_tell(), (page.url, message.number, message.tell)
            response = client.get(f"{page.url}message/{page.message_count}/?answer=scam")
            assert response.status_code == 200 and 'id="spot-tell"' in response.content.decode()
    # each quiz is in the lesson list of a demo campaign for its audience
    import datetime as dt

    from demo import reach

    for campaign in reach.create_campaigns(dt.date.today()):
        audiences = set(campaign.target_segments.values_list("slug", flat=True))
        ids = {q.pk for q in quizzes}
        for lesson in [lesson for lesson in campaign.lessons.all() if lesson.pk in ids]:
            assert lesson.segments.get().slug in audiences, (campaign.slug, lesson.slug)
            quizzes = [q for q in quizzes if q.pk != lesson.pk]
    assert quizzes == []


def test_running_it_again_changes_nothing(demo):
    before = snapshot()
    assert load_demo().strip() == ALREADY_LOADED
    assert snapshot() == before


def test_editor_changes_survive_a_rerun(demo):
    seniors = AudienceSegment.objects.get(slug="seniors", **EN)
    seniors.description = "Edited by an editor."
    seniors.save()
    report = ReportScamBox.objects.get(locale=Locale.get_default())
    report.advice = "<p>Call us first.</p>"
    report.channels = []
    report.save()
    home = HomePage.objects.get(**EN)
    home.intro = "Our own words."
    home.save_revision().publish()
    images = get_image_model().objects.count()
    # an editor deletes a lesson: only that lesson comes back, reusing its pictures
    ComicLesson.objects.get(slug="qr-code-sticker", **EN).delete()

    output = load_demo()

    assert "1 lesson" in output
    assert get_image_model().objects.count() == images
    assert ComicLesson.objects.live().filter(slug="qr-code-sticker", **EN).exists()
    # its Chinese translation outlived it: it is left alone, and the loader says so
    assert "not a translation of the English lesson" in output
    seniors.refresh_from_db()
    assert seniors.description == "Edited by an editor."
    report.refresh_from_db()
    assert report.advice == "<p>Call us first.</p>" and not len(report.channels)
    home = HomePage.objects.get(**EN)
    assert home.intro == "Our own words."


def test_demo_pages_render_and_search_finds_them(demo, client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en").headers["Location"] == "/en/"
    paths = ["/en/", "/en/lessons/", "/en/audiences/seniors/",
             "/en/lessons/refund-screen-share/?panel=2", "/en/lessons/?format=scenario",
             "/en/lessons/bank-card-frozen-text/step/the-text/"]
    paths += [f"/en/lessons/{lesson.slug}/" for lesson in content.LESSONS[::3]]
    for path in paths:
        assert client.get(path).status_code == 200, path
    home = client.get("/en/").content.decode()
    for scenario in content.SCENARIOS:  # the practice scenarios are on the home page
        assert f'href="/en/lessons/{scenario.slug}/"' in home, scenario.slug
    for query, slugs in [("refund", ["refund-call-scam", "refund-screen-share"]),
                         ("QR", ["qr-code-sticker"])]:
        response = client.get("/en/search/", {"q": query})
        assert response.status_code == 200
        for slug in slugs:
            assert f'href="/en/lessons/{slug}/"' in response.content.decode(), (query, slug)


# --------------------------------------------------------------------------- the Chinese side

HAN = re.compile(r"[\u4e00-\u9fff]")


def zh_pages():
    return list(Page.objects.filter(**ZH).specific().order_by("path"))


def test_chinese_side_is_made_of_wagtail_localize_translations(demo):
    zh_locale = Locale.objects.get(language_code="zh-hans")
    originals = [HomePage.objects.get(**EN), LessonIndexPage.objects.get(**EN)] + list(
        LessonPage.objects.live().filter(**EN).specific()
    )
    assert len(originals) == 20  # home, library, 18 lessons
    for original in originals:
        translation = original.get_translation(zh_locale).specific
        assert translation.live and not translation.has_unpublished_changes, original.slug
        assert type(translation) is type(original)
        # made by wagtail-localize: a source with a translation into Chinese, every string done
        source = TranslationSource.objects.get(
            object_id=original.translation_key, locale=original.locale
        )
        job = Translation.objects.get(source=source, target_locale=zh_locale)
        progress = job.get_progress()
        assert progress[0] == progress[1] > 0, original.slug
        if isinstance(original, LessonPage):  # the Chinese lesson sits in the Chinese library
            assert translation.url == f"/zh-hans/lessons/{original.slug}/"
            assert translation.series_id == original.series_id  # the original term rows
            assert {s.pk for s in translation.segments.all()} == {
                s.pk for s in original.segments.all()
            }
            assert {t.pk for t in translation.tags.all()} == {t.pk for t in original.tags.all()}
    for model in TERM_MODELS:
        originals = list(model.objects.filter(**EN))
        assert originals, model
        for original in originals:
            translation = original.get_translation(zh_locale)
            assert getattr(translation, "slug", None) == getattr(original, "slug", None)
            assert Translation.objects.filter(
                source__object_id=original.translation_key, target_locale=zh_locale
            ).exists()
    assert AudienceSegment.objects.get(slug="seniors", **ZH).name == "老年群体"
    assert Series.objects.get(slug="micro-classroom", **ZH).name == "微课堂"
    assert Series.objects.get(slug="consumer-protection-notebook", **ZH).name == "消保记事本"
    assert not StringTranslation.objects.filter(has_error=True).exists()


def test_each_translation_holds_the_catalogues_chinese_as_the_editor_downloads_it(demo):
    """The Chinese came in through wagtail-localize's PO import: the PO file the translation
    editor offers for download has every string translated, with demo/data/zh_Hans.po's words."""
    zh_locale = Locale.objects.get(language_code="zh-hans")
    jobs = Translation.objects.filter(target_locale=zh_locale).select_related("source")
    assert jobs.count() == 50  # 27 terms and 23 pages
    for job in jobs:
        exported = [entry for entry in job.export_po() if not entry.obsolete]
        assert exported, job.source
        assert [e.msgid for e in exported if not e.msgstr] == [], job.source
    seniors = AudienceSegment.objects.get(slug="seniors", **EN)
    job = jobs.get(source__object_id=seniors.translation_key)
    assert {(e.msgid, e.msgstr) for e in job.export_po()} >= {
        ("Seniors", content_zh.ZH["Seniors"]), ("For seniors", content_zh.ZH["For seniors"])
    }
    assert set(StringTranslation.objects.filter(locale=zh_locale).values_list(
        "translation_type", flat=True
    )) == {StringTranslation.TRANSLATION_TYPE_MANUAL}


def test_every_chinese_page_renders(demo, client):
    pages = zh_pages()
    assert len(pages) == 23  # home, library, 18 lessons, About, Privacy, Contact
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert HAN.search(page.title), page.url
    home = client.get("/zh-hans/").content.decode()
    assert "防骗" in home and 'lang="zh-hans"' in home.lower() or "zh-Hans" in home
    assert client.get("/zh-hans/audiences/seniors/").status_code == 200
    assert client.get("/zh-hans/lessons/refund-screen-share/?panel=2").status_code == 200


def test_chinese_video_defaults_to_chinese_captions(demo, client):
    for language, default in (("en", "en"), ("zh-hans", "zh-hans")):
        page = client.get(f"/{language}/lessons/refund-call-scam/").content.decode()
        tracks = re.findall(r"<track\b[^>]*>", page)
        assert len(tracks) == 2, tracks
        defaults = [track for track in tracks if re.search(r"\bdefault\b", track)]
        assert len(defaults) == 1 and f'srclang="{default}"' in defaults[0], tracks
        assert 'label="简体中文"' in page
    video = VideoLesson.objects.get(slug="refund-call-scam", **ZH)
    track = video.caption_tracks.get(language="zh-hans")
    validate_webvtt(track.file)
    with default_storage.open(track.file.name) as handle:
        text = handle.read().decode("utf-8")
    english = next(v for v in content.VIDEOS if v.slug == "refund-call-scam")
    timings = re.findall(r"\d\d:\d\d:\d\d\.\d\d\d --> \d\d:\d\d:\d\d\.\d\d\d", text)
    assert len(timings) == len(english.cues)  # the same cues as the English captions
    assert "先挂断电话" in text and "customer service" not in text
    assert HAN.search(video.transcript) and "Your phone rings" not in video.transcript


def english_strings(page):
    """The English texts of a page as wagtail-localize extracts them, line by line, less
    those that stay the same in Chinese (addresses, step ids, numbers)."""
    words = content_zh.dictionary()
    found = set()
    for segment in extract_segments(page):
        if not isinstance(segment, StringSegmentValue):
            continue
        if segment.path.rsplit(".", 1)[-1] in content_zh.VERBATIM_FIELDS:
            continue
        text = segment.render_text()
        if words.get(text) == text or words.get(segment.string.data) == text:
            continue
        found.update(line.strip() for line in text.splitlines() if len(line.strip()) > 3)
    return found


def visible_text(response):
    body = response.content.decode()
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def assert_no_english(page_html, english, where):
    left = [text for text in english
            if re.search(r"(?<!\w)" + re.escape(text) + r"(?!\w)", page_html)]
    assert not left, f"{where}: English left on the Chinese page: {left}"


def test_chinese_comic_has_no_english_left(demo, client):
    for data in content.COMICS:
        original = ComicLesson.objects.get(slug=data.slug, **EN)
        english = english_strings(original)
        english.update(data.title for data in [data])
        english.update(panel.caption for panel in data.panels)
        english.update(text for panel in data.panels for _who, text in panel.speech)
        page = ComicLesson.objects.get(slug=data.slug, **ZH)
        panels = list(page.panels.all())
        assert len(panels) == len(data.panels)
        for panel in panels:
            assert HAN.search(panel.alt_text) and HAN.search(panel.dialogue)
        for url in (page.url, page.url + "?panel=3"):
            text = visible_text(client.get(url))
            assert HAN.search(text)
            assert_no_english(text, english, url)
        # the alt text is in an attribute: check it too
        markup = html.unescape(client.get(page.url).content.decode())
        for panel in data.panels:
            assert panel.alt_text not in markup


def test_chinese_scenario_is_fully_translated(demo, client):
    from education import scenario_graph

    for data in content.SCENARIOS:
        original = ScamScenario.objects.get(slug=data.slug, **EN)
        english = english_strings(original)
        page = ScamScenario.objects.get(slug=data.slug, **ZH)
        steps = page.graph_steps
        assert scenario_graph.validate(steps) == []
        assert [s.id for s in steps] == [s.id for s in original.graph_steps]
        # the Chinese scenario tests the Chinese red flags (same slugs, same reports)
        assert {flag.locale.language_code for flag in page.red_flags.values()} == {"zh-hans"}
        assert set(page.red_flags) == set(original.red_flags)
        urls = [page.url]
        urls += [f"{page.url}step/{step.id}/" for step in steps]
        for step in steps:
            if not step.is_ending:
                urls += [f"{page.url}step/{step.id}/choice/{n}/"
                         for n in range(1, len(step.choices) + 1)]
        for ending_id, moves in scenario_graph.shortest_paths_to_endings(steps).items():
            urls.append(f"{page.url}step/{ending_id}/?p={scenario_graph.encode_path(moves)}")
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
            text = visible_text(response)
            assert HAN.search(text), url
            assert_no_english(text, english, url)


# --------------------------------------------------------------------------- media per language


def _stored(field_file) -> bytes:
    with default_storage.open(field_file.name) as handle:
        return handle.read()


def _changed_share(a: bytes, b: bytes) -> float:
    """The share of pixels that differ clearly between two pictures of the same size."""
    from PIL import Image, ImageChops

    first, second = (Image.open(io.BytesIO(data)).convert("L") for data in (a, b))
    changed = ImageChops.difference(first, second).point(lambda v: 255 if v > 24 else 0)
    return changed.histogram()[255] / (first.width * first.height)


def test_comic_panels_are_drawn_with_the_words_of_their_language(demo):
    from demo import drawing
    from demo.management.commands.load_demo_content import close_ups

    zh_locale = Locale.objects.get(language_code="zh-hans")
    for data in content.COMICS:
        english = ComicLesson.objects.get(slug=data.slug, **EN)
        chinese = english.get_translation(zh_locale).specific
        shots = close_ups(data.panels)
        pairs = zip(english.panels.all(), chinese.panels.all(), data.panels, shots, strict=True)
        for en_panel, zh_panel, panel, close_up in pairs:
            assert en_panel.image_id != zh_panel.image_id, data.slug
            assert _stored(en_panel.image.file) == drawing.comic_panel_png(
                panel.scene, panel.caption, list(panel.speech), data.accent, close_up=close_up
            )
            zh_speech = [(content_zh.ZH[who], content_zh.ZH[text]) for who, text in panel.speech]
            assert _stored(zh_panel.image.file) == drawing.comic_panel_png(
                panel.scene, content_zh.ZH[panel.caption], zh_speech, data.accent,
                close_up=close_up,
            )


def test_the_first_two_panels_of_a_comic_do_not_look_alike(demo):
    for lesson in ComicLesson.objects.filter(**EN):
        first, second = (_stored(panel.image.file) for panel in lesson.panels.all()[:2])
        assert _changed_share(first, second) > 0.25, lesson.slug


def test_videos_are_narrated_in_their_language(demo):
    import subprocess

    import imageio_ffmpeg

    from demo import speech

    if speech.available() is not None:
        pytest.skip(f"no speech engine here: {speech.available()}")
    zh_locale = Locale.objects.get(language_code="zh-hans")
    for lesson in VideoLesson.objects.live().filter(**EN):
        chinese = lesson.get_translation(zh_locale).specific
        assert chinese.video_id != lesson.video_id, lesson.slug
        for page, tag in ((lesson, "eng"), (chinese, "chi")):
            probe = subprocess.run(
                [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-i", page.video.file.path],
                capture_output=True, text=True,
            )
            assert re.search(rf"Stream #0:\d\[\w+\]\({tag}\): Audio: aac", probe.stderr), (
                lesson.slug, probe.stderr,
            )
            assert "Video: h264" in probe.stderr


def test_demo_scenarios_mark_what_gave_the_scam_away_in_both_languages():
    """The demo scenarios' steps highlight the words that give the scam away, and those
    words are in the step's messages in English and in their Chinese translation."""
    from education.blocks import HIGHLIGHT_FIELDS

    for scenario in content.SCENARIOS:
        marked = [step.id for step in scenario.steps
                  if any(choice.highlight for choice in getattr(step, "choices", ()))]
        assert len(marked) >= 3, scenario.slug
        for step in scenario.steps:
            choices = getattr(step, "choices", ())
            en = [getattr(m, name) for m in step.messages for name in HIGHLIGHT_FIELDS]
            zh = [content_zh.ZH.get(text, text) for text in en if text]
            for choice in choices:
                if choice.highlight:
                    assert any(choice.highlight in text for text in en), choice.highlight
                    words = content_zh.ZH[choice.highlight]
                    assert any(words in text for text in zh), (choice.highlight, words)


def test_about_privacy_and_contact_exist_in_both_languages(demo, client):
    from education.models import InfoPage

    for language in ("en", "zh-hans"):
        pages = InfoPage.objects.live().filter(locale__language_code=language)
        assert sorted(page.slug for page in pages) == ["about", "contact", "privacy"]
        assert all(page.show_in_menus for page in pages)
        footer = client.get(f"/{language}/").content.decode().split("<footer", 1)[1]
        for slug in ("about", "privacy", "contact"):
            assert f'href="/{language}/{slug}/"' in footer
    privacy = client.get("/en/privacy/").content.decode()
    for promise in ("Do Not Track", "48 hours", "13 months", "sets none for visitors"):
        assert promise in privacy
