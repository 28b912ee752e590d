"""Public views that are not Wagtail pages: audience landing pages and site search."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from wagtail.models import Page

from page_cache.locales import default_locale_id

from .choices import LessonFormat
from .models import AudienceSegment, LessonPage
from .navigation import library_page
from .queries import public, public_segments
from .search import clean_query, search_page_ids

SEARCH_RESULTS_PER_PAGE = 10


def audience(request, slug):
    """A segment's landing page: who it is for and its lessons, grouped by format."""
    segment = get_object_or_404(AudienceSegment, slug=slug, locale_id=default_locale_id())
    lessons = list(
        LessonPage.objects.for_reader().filter(segments=segment).for_cards()
        .order_by("-first_published_at")[:48]
    )
    groups = [
        (value, label, [lesson for lesson in lessons if lesson.lesson_format == value])
        for value, label in LessonFormat.choices
    ]
    return TemplateResponse(request, "education/audience.html", {
        "segment": segment.translated,
        "segments": public_segments(),
        "format_groups": [group for group in groups if group[2]],
        "lesson_count": len(lessons),
        "library": library_page(),
        # Lessons opened from an audience that prefers large text start in large text
        # (education.text_size); the reader's own choice still wins.
        "large_text_links": segment.large_text_default,
    })


def search(request):
    """Site search over live, public pages; a long query is cut, never an error."""
    query, too_long = clean_query(request.GET.get("q", ""))
    results_page = None
    total = 0
    if query:
        ids = search_page_ids(query)
        rank = {pk: position for position, pk in enumerate(ids)}
        paginator = Paginator(ids, SEARCH_RESULTS_PER_PAGE)
        results_page = paginator.get_page(request.GET.get("page"))
        shown = list(results_page.object_list)
        cards = LessonPage.objects.for_reader().for_cards().filter(pk__in=shown)
        lessons = {page.pk: page for page in cards}
        others = {
            page.pk: page for page in
            public(Page.objects.live().filter(pk__in=set(shown) - set(lessons))).specific()
        }
        pages = {**others, **lessons}
        results_page.object_list = sorted(
            (pages[pk] for pk in shown if pk in pages), key=lambda page: rank[page.pk]
        )
        total = paginator.count
    return TemplateResponse(request, "education/search.html", {
        "query": query,
        "query_too_long": too_long,
        "results_page": results_page,
        "result_count": total,
    })
