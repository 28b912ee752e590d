"""The lesson library's filters: audience, format, scam type, series and free text.

Built on django-filter, which validates the filters (and can still filter a queryset). The
library page itself filters and counts an in-memory index of the public lessons kept per
cache generation: each facet shows how many lessons each choice would give, counted with the
other active filters applied (the usual faceted-search behaviour).

The library sits below the page models: the library page hands it the lessons to list
(``LessonPage.objects``) instead of this module importing them.
"""

from collections import Counter, defaultdict
from typing import NamedTuple

import django_filters
from django.conf import settings
from django.core.paginator import Paginator
from django.template.loader import get_template
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from page_cache.locales import active_locale_id
from page_cache.memo import generation_memo

from .choices import LessonFormat
from .localization import original_terms, translated_term
from .search import clean_query, search_page_ids
from .taxonomy import AudienceSegment, ScamType, Series, TaggedLesson

CARD_TEMPLATE = "education/includes/lesson_card.html"


class LessonFilter(django_filters.FilterSet):
    """The library's filters, over the lessons queryset it is given."""

    audience = django_filters.ModelChoiceFilter(
        label=_("Audience"), field_name="segments", to_field_name="slug",
        queryset=lambda request: original_terms(AudienceSegment), empty_label=_("Everyone"),
    )
    format = django_filters.ChoiceFilter(
        label=_("Format"), field_name="lesson_format", choices=LessonFormat.choices,
        empty_label=_("All formats"),
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Scam type"), field_name="tagged_items__tag", to_field_name="slug",
        queryset=lambda request: original_terms(ScamType), empty_label=_("All scam types"),
    )
    series = django_filters.ModelChoiceFilter(
        label=_("Series"), field_name="series", to_field_name="slug",
        queryset=lambda request: original_terms(Series), empty_label=_("All series"),
    )
    q = django_filters.CharFilter(label=_("Search lessons"), method="filter_search")

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(pk__in=search_page_ids(value, queryset.model))


FACETS = ("audience", "format", "topic", "series")


class LibraryEntry(NamedTuple):
    """One public live lesson as the library filters and counts it."""

    pk: int
    path: str
    locale_id: int
    facets: dict  # facet name → frozenset of the option values (slugs, format) it has


def _library_index(lessons) -> list[LibraryEntry]:
    """Every public live lesson (of the ``lessons`` manager), newest first, with the values
    each facet groups it by.

    Only publishing, moving or restricting pages and editing terms change it, and each of
    those bumps the cache generation (``education.signals``), so it is read once per
    generation (three queries for the whole site) and the library filters and counts in
    memory instead of four grouped queries per request.
    """
    segments, topics = defaultdict(set), defaultdict(set)
    through = lessons.model.segments.through.objects.values_list(
        "lessonpage_id", "audiencesegment__slug"
    )
    for lesson_id, slug in through:
        segments[lesson_id].add(slug)
    for lesson_id, slug in TaggedLesson.objects.values_list("content_object_id", "tag__slug"):
        topics[lesson_id].add(slug)
    rows = (
        lessons.live().unrestricted()
        .order_by("-first_published_at", "-pk")
        .values_list("pk", "path", "locale_id", "lesson_format", "series__slug")
    )
    return [
        LibraryEntry(pk, path, locale_id, {
            "audience": frozenset(segments[pk]),
            "format": frozenset({lesson_format}),
            "topic": frozenset(topics[pk]),
            "series": frozenset({series} if series else ()),
        })
        for pk, path, locale_id, lesson_format, series in rows
    ]


def _option_value(value):
    """A cleaned filter value as the index stores it (a term's slug, a format's value)."""
    return getattr(value, "slug", value)


def _filter_and_count(entries, filterset, model):
    """The entries every valid filter accepts, and each facet's option counts.

    A facet's counts apply every active filter but its own (the usual faceted search), so
    picking another option of the same facet shows how many lessons it would give.
    """
    active = {
        name: _option_value(value) for name, value in filterset.form.cleaned_data.items()
        if value not in (None, "")
    }
    query = active.pop("q", "").strip()
    if query:
        found = set(search_page_ids(query, model))
        entries = [entry for entry in entries if entry.pk in found]
    accepted = [
        {name for name, value in active.items() if value in entry.facets[name]}
        for entry in entries
    ]
    counts = {name: Counter() for name in FACETS}
    matching = []
    for entry, ok in zip(entries, accepted, strict=True):
        missed = active.keys() - ok
        if not missed:
            matching.append(entry)
        for name in FACETS:
            if missed <= {name}:  # every other filter accepts it
                counts[name].update(entry.facets[name])
    return matching, counts


def _term_choices(model):
    """``(slug, label)`` for each term (as ``term_choices``), the terms read once a generation."""
    terms = generation_memo(
        f"library-terms:{model._meta.label_lower}", lambda: list(original_terms(model))
    )
    return [(term.slug, translated_term(term)) for term in terms]


def _facet_options(filterset, counts):
    """Each facet's choices as (value, label, count, selected) for the template."""
    data = filterset.form.data
    options = {
        "audience": _term_choices(AudienceSegment),
        "format": [(value, label) for value, label in LessonFormat.choices],
        "topic": _term_choices(ScamType),
        "series": _term_choices(Series),
    }
    return {
        name: {
            "label": filterset.filters[name].label,
            "empty_label": filterset.filters[name].extra.get("empty_label"),
            "choices": [
                {
                    "value": value,
                    "label": label,
                    "count": counts[name].get(value, 0),
                    "selected": data.get(name) == value,
                }
                for value, label in choices
            ],
        }
        for name, choices in options.items()
    }


def lesson_card_html(entries, request, lessons):
    """The rendered card of each entry's lesson (read from the ``lessons`` manager), in order.

    Each card is rendered once per cache generation, language and site and kept in this
    process (one lesson's card, never a whole filtered page); only the cards not rendered
    yet are fetched, with their images' renditions, series and audiences.
    """
    fragments = generation_memo("library-cards", dict)
    site = Site.find_for_request(request)
    language = translation.get_language()

    def key(pk):
        return (pk, language, site.pk if site else None)

    missing = [entry.pk for entry in entries if key(entry.pk) not in fragments]
    if missing:
        template = get_template(CARD_TEMPLATE)
        for lesson in lessons.filter(pk__in=missing).for_cards():
            fragments[key(lesson.pk)] = template.render({"lesson": lesson, "request": request})
    return [fragments[key(entry.pk)] for entry in entries if key(entry.pk) in fragments]


def library_context(request, index_page, lessons):
    """Everything the library template needs, in a fixed number of queries.

    ``lessons`` is ``LessonPage.objects``, given by the library page (a model above us).
    """
    data = request.GET.copy()
    data["q"], query_too_long = clean_query(data.get("q", ""))

    filterset = LessonFilter(data, queryset=lessons.none(), request=request)
    valid = filterset.is_valid()
    if valid:
        locale_id = active_locale_id()
        entries = [
            entry for entry in generation_memo("library-index", lambda: _library_index(lessons))
            if entry.locale_id == locale_id and entry.path.startswith(index_page.path)
            and entry.path != index_page.path
        ]
        found, counts = _filter_and_count(entries, filterset, lessons.model)
    else:
        found, counts = [], {name: {} for name in FACETS}

    paginator = Paginator(found, settings.LESSONS_PER_PAGE)
    page = paginator.get_page(request.GET.get("page"))
    active = {
        name: value for name, value in data.items()
        if name in LessonFilter.base_filters and value
    }
    return {
        "filter": filterset,
        "filters_valid": valid,
        "facets": _facet_options(filterset, counts),
        "lessons_page": page,
        "lesson_cards": lesson_card_html(page.object_list, request, lessons),
        "result_count": paginator.count,
        "active_filters": active,
        "query": data.get("q", ""),
        "query_too_long": query_too_long,
        # Set by the language switcher when the lesson has no translation in this language.
        "untranslated_notice": request.GET.get("untranslated") == "1",
    }
