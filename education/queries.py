"""The lessons' queryset (``LessonPage.objects``) and the term lists the public pages share,
built so that a listing costs a fixed number of queries.

``LessonPageQuerySet`` extends Wagtail's ``PageQuerySet`` the way Wagtail's own
``wagtail/query.py`` does: each listing is a chainable method, and ``LessonPage`` declares
``objects = PageManager.from_queryset(LessonPageQuerySet)()``. It sits below the page models
(it never imports them: ``self.model`` is the lesson model), so the models, the library and
the views all build on it.
"""

from collections import defaultdict
from typing import NamedTuple

from django.db.models import Prefetch, Q
from wagtail.images import get_image_model
from wagtail.query import PageQuerySet

from page_cache.locales import active_locale_id
from page_cache.memo import generation_memo
from page_cache.restrictions import restricted_sections

from .localization import original_terms
from .taxonomy import AudienceSegment, ScamType, Series, TaggedLesson

CARD_RENDITION = "fill-640x360|format-webp"


def public(queryset):
    """``queryset`` (of any page model) without the pages in a restricted (private) section.

    Like Wagtail's ``.public()``, but the restricted sections are read once per cache
    generation (``page_cache.restrictions.restricted_sections``) instead of on every call.
    """
    restricted = restricted_sections()
    private = Q()
    for path, _restriction_id in restricted:
        private |= Q(path__startswith=path)
    return queryset.exclude(private) if restricted else queryset


def public_segments():
    """The audiences, in order, named in the reader's language."""
    return [segment.translated for segment in original_terms(AudienceSegment)]


class Classification(NamedTuple):
    """What a lesson page's header names: its series, audiences and scam types."""

    series: Series | None
    segments: list
    scam_types: list


class LessonPageQuerySet(PageQuerySet):
    """``LessonPage.objects``: Wagtail's page queryset plus the lesson listings."""

    def unrestricted(self):
        """These lessons outside any restricted (private) section (see ``public``)."""
        return public(self)

    def for_reader(self):
        """Live lessons in the reader's language, outside any restricted (private) section."""
        return self.live().filter(locale_id=active_locale_id()).unrestricted()

    def for_cards(self):
        """These lessons with everything a lesson card shows fetched up front."""
        images = get_image_model().objects.prefetch_renditions(CARD_RENDITION)
        return self.select_related("series").prefetch_related(
            Prefetch("listing_image", queryset=images),
            "segments",
        )

    def chosen(self, chosen_ids):
        """Cards of editor-chosen lessons in the reader's language, in the chosen order.

        Choices are stored as page ids, and a translated page keeps its source's choices
        (wagtail-localize copies them), so each chosen lesson is matched to its version in the
        reader's language by translation key; one without such a version is left out.
        """
        if not chosen_ids:
            return []
        keys = dict(self.filter(pk__in=chosen_ids).values_list("pk", "translation_key"))
        cards = {
            page.translation_key: page
            for page in self.for_reader().for_cards().filter(
                translation_key__in=set(keys.values())
            )
        }
        return [cards[keys[pk]] for pk in chosen_ids if keys.get(pk) in cards]

    def featured_for(self, home, limit=6):
        """The lessons editors featured on ``home``, topped up with the newest ones."""
        chosen_ids = list(
            home.featured.order_by("sort_order").values_list("lesson_id", flat=True)
        )
        lessons = self.chosen(chosen_ids)[:limit]
        if len(lessons) < limit:
            newest = (
                self.for_reader().for_cards().exclude(pk__in=[page.pk for page in lessons])
                .order_by("-first_published_at")
            )
            lessons += list(newest[: limit - len(lessons)])
        return lessons[:limit]

    def related_to(self, lesson, limit=3):
        """Editor-chosen related lessons first, then live lessons sharing a scam type or
        audience."""
        chosen_ids = [
            link.lesson_id for link in lesson.related_links.all() if link.lesson_id != lesson.pk
        ]
        lessons = [page for page in self.chosen(chosen_ids) if page.pk != lesson.pk][:limit]
        if len(lessons) < limit:
            exclude = [lesson.pk, *(page.pk for page in lessons)]
            tag_ids = list(lesson.tagged_items.values_list("tag_id", flat=True))
            similar = (
                self.for_reader().for_cards()
                .filter(tagged_items__tag_id__in=tag_ids)
                .exclude(pk__in=exclude)
                .distinct()
                .order_by("-first_published_at")
            )
            lessons += list(similar[: limit - len(lessons)])
        return lessons

    def classification_of(self, lesson, request=None):
        """The series, audiences and scam types a lesson page shows.

        Only publishing changes a live lesson's classification, so every lesson's is read once
        per cache generation (six queries for the whole site) instead of three queries on each
        page view. A preview shows its draft's own choices; a lesson the index does not know
        yet is read directly.
        """
        if not getattr(request, "is_preview", False) and lesson.pk:
            index = generation_memo("lesson-classification", self._classification_index)
            known = index.get(lesson.pk)
            if known is not None:
                return known
        return Classification(lesson.series, list(lesson.segments.all()), list(lesson.tags.all()))

    def _classification_index(self):
        """{lesson id: Classification} for every lesson of every format (the index is shared
        site-wide, so it is built from the model that declares the classification, whichever
        format's queryset asks)."""
        lessons = self.model._meta.get_field("segments").model._default_manager
        series = {term.pk: term for term in Series.objects.all()}
        segments = {term.pk: term for term in AudienceSegment.objects.all()}  # in their order
        scam_types = {term.pk: term for term in ScamType.objects.all()}
        segment_ids = defaultdict(set)
        through = lessons.model.segments.through.objects.values_list(
            "lessonpage_id", "audiencesegment_id"
        )
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
            for pk, series_id in lessons.values_list("pk", "series_id")
        }
