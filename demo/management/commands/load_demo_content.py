"""Load the demo content (``demo/data/``, ``demo/content.py``): safe to run again and again.

Everything is keyed by slug (pages, audiences, series, scam types) or by title in the
"Demo content" collection (images, videos). The command only creates what is missing and
never overwrites what is there, so an editor's later changes survive a re-run, and a second
run changes nothing at all: no rows, no revisions, no files.

Then the Chinese side, through wagtail-localize (``demo.translate``): terms first,
then the home page, the library and each lesson, as translations an editor can open and sync.
Only what has no Chinese translation yet is translated; a demo string missing from
``demo/data/zh_Hans.po`` stops the command with the list of missing strings.

Pictures and videos are drawn in code (``demo.drawing`` / ``demo.video``)
and only for what is about to be created. Videos are the slow part, so they are encoded on a
small thread pool (ffmpeg runs as a subprocess) while the rest of the content is saved.
"""

from __future__ import annotations

import io
import struct
import time
from collections import Counter
from concurrent.futures import Future, ThreadPoolExecutor
from functools import cache

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.html import escape, strip_tags
from wagtail.images import get_image_model
from wagtail.models import Collection, Locale, Page, Site
from wagtailmedia.models import get_media_model

from demo import content, content_zh, drawing, info_pages, speech, video
from demo import translate as localize
from education.models import (
    AudienceSegment,
    CaseStudy,
    ComicLesson,
    ComicPanel,
    HomeFeaturedLesson,
    HomePage,
    InfoPage,
    LessonIndexPage,
    LessonPage,
    RedFlag,
    RelatedLesson,
    ReportScamBox,
    ScamScenario,
    ScamType,
    Series,
    SpotTheScamLesson,
    VideoCaptionTrack,
    VideoLesson,
)

COLLECTION_NAME = "Demo content"
VIDEO_SIZE = (640, 360)
VIDEO_FPS = 12
NOUNS = {
    "collection": ("image collection", "image collections"),
    "segment": ("audience segment", "audience segments"),
    "series": ("series", "series"),
    "scam type": ("scam type", "scam types"),
    "red flag": ("red flag", "red flags"),
    "image": ("image", "images"),
    "video": ("video", "videos"),
    "lesson": ("lesson", "lessons"),
    "zh term": ("Chinese term", "Chinese terms"),
    "zh page": ("Chinese page", "Chinese pages"),
    "info page": ("information page", "information pages"),
}
ZH = "zh-hans"
ZH_CAPTIONS_LABEL = "简体中文"
# The home page intro migration 0002 writes; replacing it is not overwriting an editor.
MIGRATION_HOME_INTRO = "Short lessons that help you spot a scam before it costs you."


# Drawn media, cached per process: the test suite loads the demo many times in one run.
@cache
def poster_png(title: str, subtitle: str, accent: str, icon: str) -> bytes:
    # No words in the picture: the same poster serves every language (the card has the title).
    return drawing.poster_png(title, subtitle, accent, icon, words=False)


@cache
def panel_png(scene: str, caption: str, speech: tuple, accent: str, close_up: bool) -> bytes:
    # The words in the picture, in one language; each language's page has its own panels
    # (the words are under each panel as text too, for screen readers and large text).
    return drawing.comic_panel_png(scene, caption, list(speech), accent, close_up=close_up)


def close_ups(panels) -> list[bool]:
    """Every other panel in a run set in the same place is a close-up, so none look alike."""
    shots, previous = [], None
    for panel in panels:
        shots.append(previous is not None and panel.scene == previous.scene and not shots[-1])
        previous = panel
    return shots


@cache
def video_mp4(cues: tuple, title: str, accent: str) -> bytes:
    """The silent picture: no words in it, each language's captions track carries them."""
    width, height = VIDEO_SIZE
    return video.make_video(
        list(cues), title, accent, width=width, height=height, fps=VIDEO_FPS, words=False
    )


@cache
def narrated_mp4(lesson: content.VideoLessonData, language: str) -> bytes:
    """The lesson's video with its narration in `language` (silent if no speech engine)."""
    silent = video_mp4(tuple(lesson.cues), lesson.title, lesson.accent)
    if speech.available() is not None:
        return silent
    cues = lesson.cues if language == "en" else content_zh.cues(lesson)
    wav = speech.narration_wav(cues, language, lesson.cues[-1][1] + video.TAIL_SECONDS)
    return video.with_narration(silent, wav, language)


def lesson_videos(lesson: content.VideoLessonData) -> dict[str, bytes]:
    return {language: narrated_mp4(lesson, language) for language in ("en", ZH)}


def mp4_duration(data: bytes) -> float | None:
    """Seconds, read from the MP4 movie header ('mvhd' box), or None if it is not found."""
    at = data.find(b"mvhd")
    if at < 0 or len(data) < at + 36:
        return None
    if data[at + 4] == 1:  # version 1: 64-bit times
        timescale, duration = struct.unpack(">IQ", data[at + 24:at + 36])
    else:
        timescale, duration = struct.unpack(">II", data[at + 16:at + 24])
    return round(duration / timescale, 2) if timescale else None


class Command(BaseCommand):
    help = (
        "Load the demo lessons and scenarios, audiences, series, scam types, red flags and "
        "report-a-scam settings. "
        "Only what is missing is created; running it again changes nothing."
    )

    def handle(self, *args, **options):
        started = time.monotonic()
        self.created = Counter()  # keys of NOUNS
        self.done = []  # other changes, as phrases for the summary
        self.notes = []

        self.collection = self.demo_collection()
        self.segments = self.ensure_segments()
        self.series = self.ensure_series()
        self.scam_types = self.ensure_scam_types()
        self.red_flags = self.ensure_red_flags()
        home, library = self.ensure_site()
        self.ensure_info_pages(home)

        existing = set(Page.objects.child_of(library).values_list("slug", flat=True))
        missing = [lesson for lesson in content.LESSONS if lesson.slug not in existing]
        with ThreadPoolExecutor(max_workers=2) as pool:
            videos = {
                lesson.slug: pool.submit(lesson_videos, lesson)
                for lesson in missing
                if lesson.kind == "video" and self.find_media(lesson) is None
            }
            for lesson in missing:
                encoding = videos.get(lesson.slug)
                if encoding is not None:
                    encoding.result()  # wait outside the transaction (SQLite's write lock)
                with transaction.atomic():
                    self.create_lesson(library, lesson, encoding)

        if self.created["video"] and speech.available() is not None:
            self.notes.append(
                f"The demo videos were made without narration: {speech.available()}."
            )
        lessons = {page.slug: page for page in LessonPage.objects.child_of(library).specific()}
        self.link_related_lessons(lessons)
        self.fill_home_page(home, lessons)
        self.fill_report_settings()
        self.translate_demo(home, library, lessons)
        self.report(time.monotonic() - started)

    # ----------------------------------------------------------------------- summary

    def report(self, seconds):
        for note in self.notes:
            self.stdout.write(self.style.WARNING(note))
        if not self.created and not self.done:
            self.stdout.write("Demo content is already loaded; nothing changed.")
            return
        parts = [
            f"{count} {NOUNS[what][count != 1]}" for what, count in self.created.items()
        ] + self.done
        self.stdout.write(
            self.style.SUCCESS(f"Demo content loaded in {seconds:.1f} s. Created: ")
            + "; ".join(parts) + "."
        )

    # ----------------------------------------------------------------------- taxonomy

    def demo_collection(self):
        root = Collection.get_first_root_node()
        collection = root.get_children().filter(name=COLLECTION_NAME).first()
        if collection is None:
            collection = root.add_child(name=COLLECTION_NAME)
            self.created["collection"] += 1
        return collection

    def ensure_segments(self):
        segments = {}
        for data in content.SEGMENTS:
            segment = AudienceSegment.objects.filter(slug=data.slug).first()
            if segment is None:
                segment = AudienceSegment.objects.create(
                    name=data.name, slug=data.slug, tagline=data.tagline,
                    description=data.description, icon=data.icon,
                    large_text_default=data.large_text_default, sort_order=data.sort_order,
                )
                self.created["segment"] += 1
            segments[data.slug] = segment
        return segments

    def ensure_series(self):
        found = {}
        for data in content.SERIES:
            series = Series.objects.filter(slug=data.slug).first()
            if series is None:
                series = Series.objects.create(
                    name=data.name, slug=data.slug, description=data.description
                )
                self.created["series"] += 1
            found[data.slug] = series
        return found

    def ensure_scam_types(self):
        found = {}
        for data in content.SCAM_TYPES:
            # Names are unique too: an editor may already have made this type by hand.
            tag = (
                ScamType.objects.filter(slug=data.slug).first()
                or ScamType.objects.filter(name__iexact=data.name).first()
            )
            if tag is None:
                tag = ScamType.objects.create(
                    name=data.name, slug=data.slug, description=data.description
                )
                self.created["scam type"] += 1
            found[data.slug] = tag
        return found

    def ensure_red_flags(self):
        found = {}
        for data in content.RED_FLAGS:
            flag = RedFlag.objects.filter(slug=data.slug).first()
            if flag is None:
                flag = RedFlag.objects.create(
                    name=data.name, slug=data.slug, explanation=data.explanation
                )
                self.created["red flag"] += 1
            found[data.slug] = flag
        return found

    # ----------------------------------------------------------------------- site pages

    def ensure_site(self):
        """The home page and the library (normally made by migration 0002)."""
        default = Locale.get_default()
        home = HomePage.objects.filter(locale=default).first()
        if home is None:
            root = Page.get_first_root_node()
            slug = "home" if not root.get_children().filter(slug="home").exists() else "scamsense"
            home = HomePage(title="ScamSense", slug=slug, intro=content.HOME_INTRO, live=False)
            root.add_child(instance=home)
            home.save_revision().publish()
            home.refresh_from_db()  # publish() saved a copy built from the revision
            self.done.append("the home page")
            site = Site.objects.filter(is_default_site=True).first()
            if site is None:
                Site.objects.create(
                    hostname="localhost", port=80, site_name="ScamSense", root_page=home,
                    is_default_site=True,
                )
            elif not isinstance(site.root_page.specific, HomePage):
                site.root_page = home
                site.save()
        library = LessonIndexPage.objects.filter(locale=default).first()
        if library is None:
            library = LessonIndexPage(
                title=content.LIBRARY_TITLE, slug="lessons", intro=content.LIBRARY_INTRO,
                live=False,
            )
            home.add_child(instance=library)
            library.save_revision().publish()
            library.refresh_from_db()  # publish() saved a copy built from the revision
            self.done.append("the lesson library")
        return home, library

    def ensure_info_pages(self, home):
        """About, Privacy and Contact under the home page, linked from the footer."""
        existing = set(Page.objects.child_of(home).values_list("slug", flat=True))
        for data in info_pages.PAGES:
            if data.slug in existing:
                continue
            page = InfoPage(
                title=data.title, slug=data.slug, intro=f"<p>{escape(data.intro)}</p>",
                body=info_pages.body_html(data.blocks), show_in_menus=True, live=False,
            )
            with transaction.atomic():
                home.add_child(instance=page)
                page.save_revision().publish()
            self.created["info page"] += 1

    # ----------------------------------------------------------------------- media

    def image(self, title, description, filename, make_png):
        """The demo image with this title, drawn and saved only if it is missing."""
        Image = get_image_model()
        image = Image.objects.filter(collection=self.collection, title=title).first()
        if image is None:
            image = Image(
                title=title, description=description[:255], collection=self.collection,
                file=ImageFile(io.BytesIO(make_png()), name=filename),
            )
            # Size and hash now, so that rendering a page never has to save the image later.
            image._set_image_file_metadata()
            image.save()
            self.created["image"] += 1
        return image

    def poster(self, lesson):
        data = lesson.poster
        return self.image(
            f"Poster: {lesson.title}",
            f"Poster for the lesson “{lesson.title}”: {data.subtitle}",
            f"{lesson.slug}-poster.png",
            lambda: poster_png(lesson.title, data.subtitle, data.accent, data.icon),
        )

    def find_media(self, lesson, language="en"):
        return get_media_model().objects.filter(
            collection=self.collection, title=self.media_title(lesson, language), type="video"
        ).first()

    @staticmethod
    def media_title(lesson, language):
        suffix = "" if language == "en" else f" ({ZH_CAPTIONS_LABEL})"
        return f"Video: {lesson.title}{suffix}"

    def video_media(self, lesson, encoding: Future | None, language="en"):
        """The lesson's video narrated in `language`, encoded and saved only if missing."""
        media = self.find_media(lesson, language)
        if media is not None:
            return media
        cues = lesson.cues
        videos = encoding.result() if encoding is not None else lesson_videos(lesson)
        data = videos[language]
        width, height = VIDEO_SIZE
        media = get_media_model()(
            title=self.media_title(lesson, language), type="video", collection=self.collection,
            file=ContentFile(data, name=f"{lesson.slug}.{language}.mp4"),
            duration=mp4_duration(data) or cues[-1][1], width=width, height=height,
            thumbnail=ContentFile(
                poster_png(lesson.title, lesson.poster.subtitle, lesson.accent,
                           lesson.poster.icon),
                name=f"{lesson.slug}-thumbnail.png",
            ),
        )
        media.save()
        self.created["video"] += 1
        return media

    def zh_panel_images(self, lesson):
        """The comic's panels drawn with the Chinese words, one image per panel."""
        return [
            self.image(
                f"{lesson.title}: panel {number} ({ZH_CAPTIONS_LABEL})",
                content_zh.ZH[panel.alt_text],
                f"{lesson.slug}-panel-{number}.{ZH}.png",
                lambda panel=panel, close_up=close_up: panel_png(
                    panel.scene, content_zh.ZH[panel.caption],
                    tuple((content_zh.ZH[who], content_zh.ZH[text]) for who, text in panel.speech),
                    lesson.accent, close_up,
                ),
            )
            for number, (panel, close_up) in enumerate(
                zip(lesson.panels, close_ups(lesson.panels), strict=True), start=1
            )
        ]

    # ----------------------------------------------------------------------- lessons

    def create_lesson(self, library, lesson, encoding):
        common = {
            "title": lesson.title,
            "slug": lesson.slug,
            "summary": lesson.summary,
            "listing_image": self.poster(lesson),
            "series": self.series.get(lesson.series) if lesson.series else None,
            "takeaways": [("takeaway", text) for text in lesson.takeaways],
            "check_questions": [question.as_block() for question in lesson.check_questions],
            "live": False,
        }
        if lesson.kind == "video":
            self.video_media(lesson, encoding, ZH)  # for the Chinese translation
            page = VideoLesson(
                **common, video=self.video_media(lesson, encoding),
                transcript=lesson.transcript,
                completion_threshold=lesson.completion_threshold,
            )
            page.caption_tracks = [
                VideoCaptionTrack(
                    language="en", label="English",
                    file=ContentFile(
                        video.webvtt(lesson.cues).encode("utf-8"), name=f"{lesson.slug}.en.vtt"
                    ),
                ),
                self.chinese_captions(lesson),
            ]
        elif lesson.kind == "comic":
            self.zh_panel_images(lesson)  # for the Chinese translation
            page = ComicLesson(**common, transcript=lesson.transcript)
            page.panels = [
                ComicPanel(
                    image=self.image(
                        f"{lesson.title}: panel {number}", panel.alt_text,
                        f"{lesson.slug}-panel-{number}.png",
                        lambda panel=panel, close_up=close_up: panel_png(
                            panel.scene, panel.caption, panel.speech, lesson.accent, close_up
                        ),
                    ),
                    alt_text=panel.alt_text,
                    dialogue=panel.dialogue,
                    # Set, not left to the cluster: unset, PostgreSQL reads the panels back
                    # in any order (SQLite happened to keep them in insertion order).
                    sort_order=number - 1,
                )
                for number, (panel, close_up) in enumerate(
                    zip(lesson.panels, close_ups(lesson.panels), strict=True), start=1
                )
            ]
        elif lesson.kind == "case":
            page = CaseStudy(
                **common, story=lesson.story, how_it_worked=lesson.how_it_worked,
                red_flags=[("red_flag", text) for text in lesson.red_flags],
                what_to_do=lesson.what_to_do,
            )
        elif lesson.kind == "scenario":
            page = ScamScenario(
                **common, channel=lesson.channel, contact_name=lesson.contact_name,
                contact_detail=lesson.contact_detail, situation=lesson.situation,
                steps=self.scenario_steps(lesson),
            )
        elif lesson.kind == "spot":
            page = SpotTheScamLesson(**common, intro=lesson.intro, messages=[
                {"type": "message", "value": {
                    "channel": msg.channel, "sender": msg.sender, "subject": msg.subject,
                    "body": msg.body, "verdict": msg.verdict, "tell": msg.tell,
                    "explanation": msg.explanation,
                }}
                for msg in lesson.messages
            ])
        else:
            raise ValueError(f"Unknown lesson kind {lesson.kind!r} for {lesson.slug}")
        page.segments.set([self.segments[slug] for slug in lesson.segments])
        page.tags.set([self.scam_types[slug] for slug in lesson.tags])
        library.add_child(instance=page)
        page.save_revision().publish()
        self.created["lesson"] += 1
        return page

    def scenario_steps(self, lesson):
        """The scenario's steps as StreamField data (red flags by their snippet's id)."""

        def message(msg):
            return {
                "sender": msg.sender, "name": msg.name, "heading": msg.heading,
                "text": msg.text, "link": msg.link, "field_label": msg.field_label,
                "button_label": msg.button_label, "image": None, "image_alt": "",
                "audio": None,
            }

        stream = []
        for item in lesson.steps:
            messages = [message(msg) for msg in item.messages]
            if isinstance(item, content.ScenarioEnding):
                stream.append({"type": "ending", "value": {
                    "step_id": item.id, "outcome": item.outcome, "messages": messages,
                    "headline": item.headline, "debrief": item.debrief,
                }})
                continue
            stream.append({"type": "step", "value": {
                "step_id": item.id, "messages": messages, "question": item.question,
                "choices": [
                    {
                        "label": option.label, "next_step": option.to, "safe": option.safe,
                        "red_flag": self.red_flags[option.flag].pk if option.flag else None,
                        "feedback": option.feedback, "highlight": option.highlight,
                    }
                    for option in item.choices
                ],
            }})
        return stream

    def link_related_lessons(self, lessons):
        """Second pass, once every lesson exists: related lessons where there are none yet.

        Only for lessons no editor has touched (no revision by a user, no draft waiting), so
        a re-run never publishes an editor's draft or brings back links they removed.
        """
        linked = 0
        for data in content.LESSONS:
            page = lessons.get(data.slug)
            targets = [lessons[slug] for slug in data.related if slug in lessons]
            if page is None or not targets:
                continue
            if (
                page.related_links.exists()
                or page.has_unpublished_changes
                or page.revisions.exclude(user=None).exists()
            ):
                continue
            page.related_links = [RelatedLesson(lesson=target) for target in targets]
            with transaction.atomic():
                page.save_revision().publish()
            linked += 1
        if linked:
            self.done.append(f"related lessons on {linked} lesson{'s' if linked != 1 else ''}")

    # ----------------------------------------------------------------------- site-wide

    def fill_home_page(self, home, lessons):
        """The intro (if still the placeholder) and featured lessons (if there are none)."""
        changed = []
        if home.intro.strip() in ("", MIGRATION_HOME_INTRO):
            home.intro = content.HOME_INTRO
            changed.append("intro")
        featured = [lessons[slug] for slug in content.FEATURED_LESSONS if slug in lessons]
        if featured and not home.featured.exists():
            home.featured = [HomeFeaturedLesson(lesson=lesson) for lesson in featured]
            changed.append(f"{len(featured)} featured lessons")
        if not changed:
            return
        what = " and ".join(changed)
        if home.has_unpublished_changes:
            # Publishing now would also publish the editor's draft: leave the page to them.
            self.notes.append(f"The home page has a draft waiting, so its {what} were not set.")
            return
        with transaction.atomic():
            home.save_revision().publish()
        self.done.append(f"the home page {what}")

    def fill_report_settings(self):
        data = content.REPORT_SCAM
        default = Locale.get_default()
        report = ReportScamBox.objects.filter(locale=default).first()
        if report is not None and (strip_tags(report.advice).strip() or len(report.channels)):
            return  # an editor (or an earlier run) filled it in
        report = report or ReportScamBox(locale=default)
        report.heading = data.heading
        report.advice = data.advice
        report.channels = [channel.as_block() for channel in data.channels]
        report.save()
        self.done.append("the “How to report a scam” settings")

    # ----------------------------------------------------------------------- Chinese

    def chinese_captions(self, lesson):
        """The Chinese captions track: the English cues' timings, the Chinese words.

        It sits on the original page next to the English track (a video's captions are one
        list, synchronised to its translations), and each page marks its own language's
        track as the default.
        """
        return VideoCaptionTrack(
            language=ZH, label=ZH_CAPTIONS_LABEL,
            file=ContentFile(
                video.webvtt(content_zh.cues(lesson)).encode("utf-8"),
                name=f"{lesson.slug}.{ZH}.vtt",
            ),
        )

    @staticmethod
    def untouched(page):
        """No editor has worked on this page (only the loader's revisions, nothing pending)."""
        return not page.has_unpublished_changes and not page.revisions.exclude(user=None).exists()

    def translate_demo(self, home, library, lessons):
        """Chinese translations, through wagtail-localize, of whatever has none yet."""
        zh = Locale.objects.filter(language_code=ZH).first()
        if zh is None:
            self.notes.append(f"There is no {ZH} locale, so no Chinese translations were made.")
            return
        words = content_zh.dictionary()
        # Fresh copies: publishing a revision above saved other objects than these.
        home = HomePage.objects.get(pk=home.pk)
        library = LessonIndexPage.objects.get(pk=library.pk)
        lessons = {page.slug: page for page in LessonPage.objects.child_of(library).specific()}

        todo = []  # (what is created, instance, is it still the demo's own text)
        terms = [
            (content.SEGMENTS, self.segments, ("name", "tagline", "description")),
            (content.SERIES, self.series, ("name", "description")),
            (content.SCAM_TYPES, self.scam_types, ("name", "description")),
            (content.RED_FLAGS, self.red_flags, ("name", "explanation")),
        ]
        for datas, found, fields in terms:
            for data in datas:
                term = found.get(data.slug)
                if term is None or term.has_translation(zh):
                    continue
                own = all(getattr(term, name) == getattr(data, name) for name in fields)
                todo.append(("zh term", term, own))
        report = ReportScamBox.objects.filter(locale=Locale.get_default()).first()
        if report is not None and not report.has_translation(zh):
            data = content.REPORT_SCAM
            own = report.heading == data.heading and report.advice == data.advice
            todo.append(("zh term", report, own))
        for page in (home, library):
            if not page.has_translation(zh):
                todo.append(("zh page", page, self.untouched(page)))
        for page in InfoPage.objects.child_of(home).filter(locale=home.locale):
            if page.live and not page.has_translation(zh):
                todo.append(("zh page", page, self.untouched(page)))
        zh_slugs = set()
        zh_library = LessonIndexPage.objects.filter(
            locale=zh, translation_key=library.translation_key
        ).first()
        if zh_library is not None:
            zh_slugs = set(Page.objects.child_of(zh_library).values_list("slug", flat=True))
        for data in content.LESSONS:
            page = lessons.get(data.slug)
            if page is None or not page.live or page.has_translation(zh):
                continue
            if data.slug in zh_slugs:
                self.notes.append(
                    f"A Chinese page “{data.slug}” exists that is not a translation of the "
                    "English lesson (was the English one deleted?), so it was left as it is."
                )
                continue
            todo.append(("zh page", page, self.untouched(page)))

        # Every string first: a demo string with no Chinese is a gap in demo/data/zh_Hans.po.
        missing, ready = [], []
        for what, instance, own in todo:
            gaps = localize.missing_strings(instance, zh, words)
            if gaps and own:
                missing += gaps
            elif gaps:
                self.notes.append(
                    f"{localize.describe(instance)} was changed by an editor, so it was not "
                    "translated into Chinese (translate it in the admin)."
                )
            else:
                ready.append((what, instance))
        if missing:
            raise CommandError(str(localize.MissingTranslations(missing)))

        # Chinese media first, outside the transaction: an older database may lack them.
        overrides = {id(instance): self.chinese_media(instance) for _what, instance in ready}
        with transaction.atomic():  # one commit (SQLite); all or nothing
            for what, instance in ready:
                if isinstance(instance, VideoLesson) and self.untouched(instance):
                    self.add_chinese_captions(instance)
                localize.translate(instance, zh, words, overrides[id(instance)])
                self.created[what] += 1

    def chinese_media(self, instance) -> dict[str, int]:
        """What the Chinese translation shows instead of the English media, by segment path.

        The narrated Chinese video and the comic panels drawn with Chinese words, set as
        wagtail-localize overrides (what an editor sets by choosing another image or video in
        the translation editor). Only on lessons no editor has touched.
        """
        if not isinstance(instance, (VideoLesson, ComicLesson)) or not self.untouched(instance):
            return {}
        data = next((d for d in content.LESSONS if d.slug == instance.slug), None)
        if isinstance(instance, VideoLesson) and data is not None and data.kind == "video":
            english = self.find_media(data)
            if english is not None and instance.video_id == english.pk:
                return {"video": self.video_media(data, None, ZH).pk}
        if isinstance(instance, ComicLesson) and data is not None and data.kind == "comic":
            panels = list(instance.panels.all())
            if len(panels) == len(data.panels):
                return {
                    f"panels.{panel.translation_key}.image": image.pk
                    for panel, image in zip(panels, self.zh_panel_images(data), strict=True)
                }
        return {}

    def add_chinese_captions(self, page):
        """Give an older demo video (loaded before there were Chinese captions) its track."""
        if page.caption_tracks.filter(language=ZH).exists():
            return
        data = next((v for v in content.VIDEOS if v.slug == page.slug), None)
        if data is None:
            return
        page.caption_tracks.add(self.chinese_captions(data))
        with transaction.atomic():
            page.save_revision().publish()
        self.done.append(f"Chinese captions on “{page.slug}”")
