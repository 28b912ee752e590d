"""The lesson pages: one shared base and a concrete page type per format.

``LessonPage`` is the shared base. It is a non-creatable Wagtail page model (multi-table)
rather than a Django abstract model so that the library can filter, count and paginate every
format in one query; editors never create a bare LessonPage (``is_creatable = False``).
"""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch
from django.http import Http404
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
    TitleFieldPanel,
)
from wagtail.fields import RichTextField, StreamField
from wagtail.images import get_image_model
from wagtail.models import Orderable, Page, PageManager, TranslatableMixin
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField

from page_cache.locales import default_locale_id
from page_cache.memo import generation_memo
from page_cache.restrictions import RememberedViewRestrictionsMixin

from .. import cjk
from ..blocks import MAX_CHECK_QUESTIONS, CheckQuestionBlock, right_option_number
from ..choices import LessonFormat
from ..embedding import embedding, lesson_url
from ..forms import ComicLessonForm, LessonPageForm, VideoLessonForm
from ..localization import terms_in_locale
from ..queries import LessonPageQuerySet
from ..taxonomy import AudienceSegment, Series, TaggedLesson
from ..text_size import carry_large_text
from ..validators import validate_webvtt

WORDS_PER_MINUTE = 180
COMIC_PANEL_RENDITION = "width-800|format-webp"
PRINT_SUBPATH = "print"  # <lesson>/print/: the one-page summary to print
CHECK_SUBPATH = "check"  # <lesson>/check/?box=…&q1=…: the check questions' answers, no JS
CHECK_BOXES = ("before", "after")
LESSON_TEXT_FEATURES = ["h3", "bold", "italic", "ol", "ul", "link"]


class LessonPage(RememberedViewRestrictionsMixin, Page):
    """What every lesson has: who it is for, what it teaches, how to report a scam."""

    lesson_format_value = None  # set by each concrete type

    summary = models.TextField(
        _("summary"), max_length=300,
        help_text=_("One or two plain sentences shown on cards and in search results."),
    )
    listing_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("card image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Shown on lesson cards and when the lesson is shared (16:9 works best)."),
    )
    segments = ParentalManyToManyField(
        AudienceSegment, verbose_name=_("audiences"), blank=True, related_name="lessons"
    )
    series = models.ForeignKey(
        Series, verbose_name=_("series"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="lessons",
    )
    tags = ClusterTaggableManager(
        through=TaggedLesson, blank=True, verbose_name=_("scam types"),
        help_text=_("Choose from the managed list of scam types (Snippets → Scam types)."),
    )
    takeaways = StreamField(
        [("takeaway", blocks.CharBlock(max_length=200, label=_("Takeaway")))],
        blank=True, verbose_name=_("key takeaways"),
        help_text=_("Two to four short lines a reader should remember."),
    )
    check_questions = StreamField(
        [("question", CheckQuestionBlock())],
        blank=True, max_num=MAX_CHECK_QUESTIONS, verbose_name=_("check questions"),
        help_text=_("Optional: 1 to 3 multiple-choice questions. Learners may answer them "
                    "before the lesson and answer them again after it; the campaign reports "
                    "show how many more were right afterwards (only whether each answer was "
                    "right is counted)."),
    )
    lesson_format = models.CharField(
        max_length=10, choices=LessonFormat.choices, editable=False, db_index=True
    )
    reading_minutes = models.PositiveSmallIntegerField(default=1, editable=False)

    # Wagtail's page queryset plus the listings the public pages share (``education.queries``).
    objects = PageManager.from_queryset(LessonPageQuerySet)()

    # A translation keeps the original's series (the default-locale row), as it keeps its
    # audiences and scam types: filters and reports never split by language.
    override_translatable_fields = [SynchronizedField("series")]

    is_creatable = False
    parent_page_types = ["education.LessonIndexPage"]
    subpage_types = []
    base_form_class = LessonPageForm

    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body_text"),
        index.FilterField("lesson_format"),
        index.RelatedFields("tags", [index.SearchField("name")]),
        # What a reader remembers and types: takeaways, scam types named in the lesson's own
        # language, and each format's extra words (a scenario's red flags).
        index.SearchField("search_extra_text"),
        # Chinese search: Han text as bigrams (education.cjk), the title's weighted as the title.
        index.SearchField("search_cjk_title", boost=2),
        index.SearchField("search_cjk_text"),
    ]

    classification_panels = [
        MultiFieldPanel(
            [
                FieldPanel("segments", widget=forms.CheckboxSelectMultiple),
                FieldPanel("series"),
                FieldPanel("tags"),
            ],
            heading=_("Who and what it is for"),
        ),
    ]
    # TitleFieldPanel, as on Wagtail's own pages: typing the title fills the slug (Promote tab)
    # until the page is first published, so "Save draft" never fails on a tab not yet opened.
    intro_panels = [
        TitleFieldPanel("title"), FieldPanel("summary"), FieldPanel("listing_image")
    ]
    closing_panels = [
        FieldPanel("takeaways"),
        FieldPanel("check_questions", heading=_("Check questions (before and after)")),
        InlinePanel("related_links", label=_("Related lessons"), max_num=6),
    ]

    class Meta:
        verbose_name = _("lesson")
        verbose_name_plural = _("lessons")

    def clean(self):
        """Refuse a translated (foreign-locale) audience, series or scam type: lessons point at
        the default language's terms, which pages show in the reader's language."""
        super().clean()
        default = default_locale_id()
        chosen = {
            "segments": list(self.segments.all()),
            "series": [self.series] if self.series_id else [],
            "tags": list(self.tags.all()),
        }
        errors = {}
        for field, terms in chosen.items():
            foreign = [term for term in terms if term.locale_id != default]
            if foreign:
                errors[field] = _(
                    "Choose the original (default-language) term instead of the translation "
                    "%(names)s: pages show each term in the reader's language by themselves."
                ) % {"names": ", ".join(f"“{term.name}”" for term in foreign)}
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        if self.lesson_format_value:
            self.lesson_format = self.lesson_format_value
        self.reading_minutes = self.estimate_reading_minutes()
        return super().save(*args, **kwargs)

    @property
    def body_text(self):
        """Plain text of the lesson body, for search and reading time."""
        return ""

    # --- Chinese search (education.cjk): indexed only, never shown ---------------------------

    @property
    def search_cjk_title(self):
        return cjk.index_terms(self.title)

    @property
    def search_cjk_text(self):
        tags = [tag.name for tag in self.tags.all()]
        return cjk.index_terms(self.summary, self.body_text, *tags, self.search_extra_text)

    @property
    def search_extra_text(self):
        """Indexed words that are not in ``body_text``: the key takeaways, the scam types'
        names in this lesson's language (lessons point at the default-language terms, so a
        Chinese lesson's tags would otherwise be found only by their English names), and
        ``extra_search_text()`` of each format."""
        takeaways = [str(block.value) for block in self.takeaways]
        tags = list(self.tags.all())
        names = [term.name for term in terms_in_locale(tags, self.locale_id)]
        return " ".join(part for part in (*takeaways, *names, *self.extra_search_text()) if part)

    def extra_search_text(self):
        """Words a format adds to the index beyond its ``body_text`` (a list of strings)."""
        return []

    # -----------------------------------------------------------------------------------------

    def estimate_reading_minutes(self):
        """Minutes to read the lesson (stored on save so cards never load the body)."""
        words = len((self.summary + " " + self.body_text).split())
        return max(1, round(words / WORDS_PER_MINUTE))

    @cached_property
    def format_label(self):
        return LessonFormat(self.lesson_format).label if self.lesson_format else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["classification"] = LessonPage.objects.classification_of(self, request)
        context["embed"] = embedding(request, self)  # None on the full site
        return context

    # --- the one-page summary (<lesson>/print/) -------------------------------------------

    print_template = "education/lesson_print.html"

    def route(self, request, path_components):
        """``print/`` under a live lesson is its one-page summary (``serve`` gets
        ``one_pager=True``); ScamScenario, a routable page, declares it as a route."""
        if self.live and list(path_components) == [PRINT_SUBPATH]:
            return RouteResult(self, kwargs={"one_pager": True})
        if self.live and list(path_components) == [CHECK_SUBPATH]:
            return RouteResult(self, kwargs={"check_answers": True})
        return super().route(request, path_components)

    def get_template(self, request, *args, **kwargs):
        if kwargs.get("one_pager"):
            return self.print_template
        return super().get_template(request, *args, **kwargs)

    def print_red_flags(self):
        """The red flags the one-pager lists, as plain strings (none for most formats)."""
        return []

    def print_what_to_do(self):
        """The "what to do" text of the one-pager (rich text), or "" to list the takeaways."""
        return ""

    # --- check questions (before and after the lesson) ---------------------------------------

    @property
    def check_question_count(self):
        return min(len(self.check_questions), MAX_CHECK_QUESTIONS)

    def check_items(self, answers=None):
        """The check questions as the templates show them: number (1-based, the beacon's
        ``item``), question, options [(number, text)], the right option's number and text,
        the explanation; with ``answers`` ({number: chosen option number}) also what was
        chosen and whether it was right."""
        items = []
        for number, block in enumerate(self.check_questions[:MAX_CHECK_QUESTIONS], start=1):
            value = block.value
            options = [(n, option["text"]) for n, option in enumerate(value["options"], start=1)]
            right = right_option_number(value)
            chosen = (answers or {}).get(number)
            items.append({
                "number": number, "question": value["question"], "options": options,
                "right": right, "right_text": dict(options).get(right, ""),
                "explanation": value["explanation"], "chosen": chosen,
                "chosen_text": dict(options).get(chosen, ""),
                "correct": chosen is not None and chosen == right,
            })
        return items

    def check_answers_from(self, request):
        """Which box (before/after) and which answers a check form sent: ``?box=before&q1=2``.
        Anything else in the address is ignored (an unknown box means "after", an answer
        that is not one of the question's options means "not answered")."""
        box = request.GET.get("box")
        box = box if box in CHECK_BOXES else CHECK_BOXES[1]
        answers = {}
        for number, block in enumerate(self.check_questions[:MAX_CHECK_QUESTIONS], start=1):
            raw = request.GET.get(f"q{number}", "")
            if raw in {str(n) for n in range(1, len(block.value["options"]) + 1)}:
                answers[number] = int(raw)
        return box, answers

    def check_response(self, request):
        """``<lesson>/check/``: the check form's answers without JavaScript, with the right
        answers and explanations. Never kept by the page cache or a CDN (``private``): one
        copy per combination of answers would split the cache for nothing."""
        if not self.check_questions:
            raise Http404
        box, answers = self.check_answers_from(request)
        context = self.get_context(request)
        items = self.check_items(answers)
        context.update(
            check_box=box, check_results=items,
            check_right=sum(1 for item in items if item["correct"]),
            check_answered=sum(1 for item in items if item["chosen"] is not None),
            lesson_url=carry_large_text(request, lesson_url(self, request)),
        )
        response = TemplateResponse(request, self.check_template, context)
        patch_cache_control(response, private=True, max_age=0)
        return response

    check_template = "education/lesson_check.html"

    def serve(self, request, *args, **kwargs):
        if kwargs.pop("check_answers", False):
            return self.check_response(request)
        return super().serve(request, *args, **kwargs)

    # -----------------------------------------------------------------------------------------

    def parent_link(self):
        """Title and address of the page above the lesson (its library), for the breadcrumb.

        The same for every lesson in a library and changed only by publishing, so it is kept
        in memory per cache generation instead of read on every page view.
        """
        parent_path = self.path[: -self.steplen]

        def build():
            parent = Page.objects.get(path=parent_path)
            return {"title": parent.title, "url": parent.get_url()}

        return generation_memo(f"parent-link:{parent_path}", build)

    def related_lessons(self, limit=3):
        """Editor-chosen related lessons, topped up with live lessons sharing a scam type."""
        return LessonPage.objects.related_to(self, limit)


class RelatedLesson(Orderable):
    page = ParentalKey(LessonPage, related_name="related_links", on_delete=models.CASCADE)
    lesson = models.ForeignKey(
        LessonPage, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="+"
    )
    panels = [PageChooserPanel("lesson", ["education.LessonPage"])]


class VideoLesson(LessonPage):
    """A short anti-fraud video with captions (required to publish) and a transcript."""

    lesson_format_value = LessonFormat.VIDEO

    video = models.ForeignKey(
        "wagtailmedia.Media", verbose_name=_("video"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Upload an MP4 (H.264) video under Media. The card image is its poster."),
    )
    transcript = RichTextField(
        _("transcript"), blank=True, features=LESSON_TEXT_FEATURES
    )
    completion_threshold = models.PositiveSmallIntegerField(
        _("completion threshold (%)"), default=90,
        validators=[MinValueValidator(50), MaxValueValidator(100)],
        help_text=_("How much of the video counts as watched to the end."),
    )

    base_form_class = VideoLessonForm
    content_panels = LessonPage.intro_panels + [
        MultiFieldPanel(
            [FieldPanel("video"), FieldPanel("completion_threshold")], heading=_("Video")
        ),
        InlinePanel(
            "caption_tracks", label=_("Captions (WebVTT)"), min_num=0,
            help_text=_("At least one captions file is needed before the video can be published."),
        ),
        FieldPanel("transcript"),
    ] + LessonPage.classification_panels + LessonPage.closing_panels

    search_fields = LessonPage.search_fields + [index.SearchField("transcript")]

    class Meta:
        verbose_name = _("video lesson")
        verbose_name_plural = _("video lessons")

    @property
    def body_text(self):
        return strip_tags(self.transcript)

    @property
    def duration_seconds(self):
        return int(self.video.duration) if self.video and self.video.duration else None

    def estimate_reading_minutes(self):
        if self.duration_seconds:
            return max(1, round(self.duration_seconds / 60))
        return super().estimate_reading_minutes()

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["caption_tracks"] = tracks = list(self.caption_tracks.all())
        context["default_caption_track"] = default_caption_track(tracks)
        if self.duration_seconds:
            context["duration"] = divmod(self.duration_seconds, 60)
        return context


def default_caption_track(tracks):
    """The track to show by default: the reader's language, else the same language family
    (zh for zh-hans), else the first."""
    language = (translation.get_language() or settings.LANGUAGE_CODE).lower()
    for matches in (
        lambda code: code == language,
        lambda code: code.split("-")[0] == language.split("-")[0],
    ):
        for track in tracks:
            if matches(track.language.lower()):
                return track
    return tracks[0] if tracks else None


class VideoCaptionTrack(Orderable):
    """A WebVTT captions file for one language of a video."""

    page = ParentalKey(VideoLesson, related_name="caption_tracks", on_delete=models.CASCADE)
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    label = models.CharField(_("label"), max_length=60, default=_("English"))
    file = models.FileField(
        _("WebVTT file"), upload_to="captions/", validators=[validate_webvtt],
        help_text=_("A .vtt file (UTF-8) with the spoken words and important sounds."),
    )

    panels = [FieldPanel("language"), FieldPanel("label"), FieldPanel("file")]

    class Meta(Orderable.Meta):
        verbose_name = _("captions file")


class ComicLesson(LessonPage):
    """A comic told in ordered panels, readable panel by panel or as one vertical strip."""

    lesson_format_value = LessonFormat.COMIC

    transcript = RichTextField(
        _("transcript"), blank=True, features=LESSON_TEXT_FEATURES,
        help_text=_("Optional: the whole story as text. Panel dialogue is always shown too."),
    )

    base_form_class = ComicLessonForm
    content_panels = LessonPage.intro_panels + [
        InlinePanel("panels", label=_("Panels"), min_num=1),
        FieldPanel("transcript"),
    ] + LessonPage.classification_panels + LessonPage.closing_panels

    search_fields = LessonPage.search_fields + [
        index.SearchField("transcript"),
        index.RelatedFields("panels", [index.SearchField("dialogue")]),
    ]

    class Meta:
        verbose_name = _("comic lesson")
        verbose_name_plural = _("comic lessons")

    @property
    def body_text(self):
        return " ".join(p.dialogue for p in self.panels.all()) + " " + strip_tags(self.transcript)

    def get_context(self, request, *args, **kwargs):
        """Both reading modes: the whole strip, or one panel at a time (``?panel=N``)."""
        context = super().get_context(request, *args, **kwargs)
        images = get_image_model().objects.prefetch_renditions(COMIC_PANEL_RENDITION)
        panels = list(self.panels.prefetch_related(Prefetch("image", queryset=images)))
        context.update(comic_panels=panels, panel_count=len(panels), reading_mode="strip")
        base = lesson_url(self, request)  # /embed/<code>/ inside a partner's frame
        context["panel_mode_url"] = self._panel_url(request, base, 1)
        requested = request.GET.get("panel")
        if requested is not None and panels:
            try:
                number = min(max(int(requested), 1), len(panels))
            except (TypeError, ValueError):
                number = 1
            context.update(
                reading_mode="panel", current_number=number, current_panel=panels[number - 1],
                strip_url=carry_large_text(request, base) + f"#panel-{number}",
                previous_url=self._panel_url(request, base, number - 1) if number > 1 else "",
                next_url=(
                    self._panel_url(request, base, number + 1) if number < len(panels) else ""
                ),
            )
        return context

    @staticmethod
    def _panel_url(request, base, number):
        """Panel ``number`` on its own, opened at the panel (``#panel-N``): on a phone the
        lesson's header fills the first screen above it."""
        return carry_large_text(request, f"{base}?panel={number}") + f"#panel-{number}"


class ComicPanel(TranslatableMixin, Orderable):
    """A panel; translatable so that wagtail-localize translates its alt text and dialogue."""

    page = ParentalKey(ComicLesson, related_name="panels", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.PROTECT, related_name="+"
    )
    alt_text = models.CharField(
        _("alt text"), max_length=300, blank=True,
        help_text=_("Describe what the panel shows for people who cannot see it. "
                    "Required to publish."),
    )
    dialogue = models.TextField(
        _("dialogue"), blank=True, help_text=_("The words in the panel, as text."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text"), FieldPanel("dialogue")]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("comic panel")


class CaseStudy(LessonPage):
    """A real case analysed: the story, how the scam worked, its red flags, what to do."""

    lesson_format_value = LessonFormat.CASE

    story = RichTextField(_("what happened"), features=LESSON_TEXT_FEATURES)
    how_it_worked = RichTextField(
        _("how the scam worked"), features=LESSON_TEXT_FEATURES
    )
    red_flags = StreamField(
        [("red_flag", blocks.CharBlock(max_length=200, label=_("Red flag")))],
        verbose_name=_("red flags"),
    )
    what_to_do = RichTextField(_("what to do"), features=LESSON_TEXT_FEATURES)

    content_panels = LessonPage.intro_panels + [
        FieldPanel("story"),
        FieldPanel("how_it_worked"),
        FieldPanel("red_flags"),
        FieldPanel("what_to_do"),
    ] + LessonPage.classification_panels + LessonPage.closing_panels

    search_fields = LessonPage.search_fields + [
        index.SearchField("story"),
        index.SearchField("how_it_worked"),
        index.SearchField("what_to_do"),
    ]

    class Meta:
        verbose_name = _("case study")
        verbose_name_plural = _("case studies")

    def print_red_flags(self):
        return [str(block.value) for block in self.red_flags]

    def print_what_to_do(self):
        return self.what_to_do

    @property
    def body_text(self):
        flags = " ".join(str(block.value) for block in self.red_flags)
        return " ".join(
            strip_tags(part) for part in (self.story, self.how_it_worked, self.what_to_do)
        ) + " " + flags
