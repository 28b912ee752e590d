"""Querysets the public pages share, built so that a listing costs a fixed number of queries."""

from collections import defaultdict
from typing import NamedTuple

from django.db.models import Prefetch, Q
from wagtail.images import get_image_model

from page_cache.locales import active_locale_id
from page_cache.memo import generation_memo
from page_cache.restrictions import restricted_sections

from .localization import original_terms
from .models import AudienceSegment, LessonPage, ScamType, Series, TaggedLesson

CARD_RENDITION = "fill-640x360|format-webp"


def public(queryset):
    """``queryset`` without the pages in a restricted (private) section.

    Like Wagtail's ``.public()``, but the restricted sections are read once per cache
    generation (``page_cache.restrictions.restricted_sections``) instead of on every call.
    """
    restricted = restricted_sections()
    private = Q()
    for path, _restriction_id in restricted:
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if restricted else queryset


def public_lessons():
    """Live lessons in the reader's language, outside any restricted (private) section."""
    return public(LessonPage.objects.live().filter(locale_id=active_locale_id()))


def lesson_cards(queryset=None):
    """Live, public lessons with everything a lesson card shows fetched up front."""
    if queryset is None:
        queryset = public_lessons()
    images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
    return queryset.select_related("series").prefetch_related(
        Prefetch("listing_image", queryset=images),
        "segments",
    )


def public_segments():
    """The audiences, in order, named in the reader's language."""
    return [segment.translated for segment in original_terms(AudienceSegment)]


def chosen_lessons(chosen_ids):
    """Cards of editor-chosen lessons in the reader's language, in the chosen order.

    Choices are stored as page ids, and a translated page keeps its source's choices
    (wagtail-localize copies them), so each chosen lesson is matched to its version in the
    reader's language by translation key; one without such a version is left out.
    """
    if not chosen_ids:
        return []
    keys = dict(
        LessonPage.objects.filter(pk__in=chosen_ids).values_list("pk", "translation_key")
    )
    cards = {
        page.translation_key: page
        for page in lesson_cards().filter(translation_key__in=set(keys.values()))
    }
    return [cards[keys[pk]] for pk in chosen_ids if keys.get(pk) in cards]


def featured_lessons_for_home(home, limit=6):
    """The lessons editors featured, topped up with the newest ones."""
    chosen_ids = list(home.featured.order_by("sort_order").values_list("lesson_id", flat=True))
    lessons = chosen_lessons(chosen_ids)[:limit]
    if len(lessons) < limit:
        newest = (
            lesson_cards().exclude(pk__in=[page.pk for page in lessons])
            .order_by("-first_published_at")
        )
        lessons += list(newest[: limit - len(lessons)])
    return lessons[:limit]


def related_lessons_for(lesson, limit=3):
    """Editor-chosen related lessons first, then live lessons sharing a scam type or audience."""
    chosen_ids = [
        link.lesson_id for link in lesson.related_links.all() if link.lesson_id != lesson.pk
    ]
    lessons = [page for page in chosen_lessons(chosen_ids) if page.pk != lesson.pk][:limit]
    if len(lessons) < limit:
        exclude = [lesson.pk, *(page.pk for page in lessons)]
        tag_ids = list(lesson.tagged_items.values_list("tag_id", flat=True))
        similar = (
            lesson_cards()
            .filter(tagged_items__tag_id__in=tag_ids)
            .exclude(pk__in=exclude)
            .distinct()
            .order_by("-first_published_at")
        )
        lessons += list(similar[: limit - len(lessons)])
    return lessons


class Classification(NamedTuple):
    """What a lesson page's header names: its series, audiences and scam types."""

    series: Series | None
    segments: list
    scam_types: list


def lesson_classification(lesson, request=None):
    """The series, audiences and scam types a lesson page shows.

    Only publishing changes a live lesson's classification, so every lesson's is read once
    per cache generation (six queries for the whole site) instead of three queries on each
    page view. A preview shows its draft's own choices; a lesson the index does not know yet
    is read directly.
    """
    if not getattr(request, "is_preview", False) and lesson.pk:
        known = generation_memo("lesson-classification", _classification_index).get(lesson.pk)
        if known is not None:
            return known
    return Classification(lesson.series, list(lesson.segments.all()), list(lesson.tags.all()))


def _classification_index():
    series = {term.pk: term for term in Series.objects.all()}
    segments = {term.pk: term for term in AudienceSegment.objects.all()}  # in their order
    scam_types = {term.pk: term for term in ScamType.objects.all()}
    segment_ids = defaultdict(set)
    through = LessonPage.segments.through.objects.values_list("lessonpage_id", "audiencesegment_id")
    for lesson_id, segment_id in through:
        segment_ids[lesson_id].add(segment_id)
    types_of = defaultdict(list)
    tagged = TaggedLesson.objects.order_by("pk").values_list("content_object_id", "tag_id")
    for lesson_id, tag_id in tagged:  # in the order they were added, as ``tags.all()``
        types_of[lesson_id].append(scam_types[tag_id])
    return {
        pk: Classification(
            series.get(series_id),
            [term for term_id, term in segments.items() if term_id in segment_ids[pk]],
            types_of[pk],
        )
        for pk, series_id in LessonPage.objects.values_list("pk", "series_id")
    }
