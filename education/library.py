"""The lesson library's filters: audience, format, scam type, series and free text.

Built on django-filter. Each facet also shows how many lessons each choice would give,
counted with the other active filters applied (the usual faceted-search behaviour).
"""

import django_filters
from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .localization import original_terms, term_choices
from .models import AudienceSegment, LessonFormat, LessonPage, ScamType, Series
from .queries import lesson_cards, public_lessons
from .search import clean_query, search_page_ids


class LessonFilter(django_filters.FilterSet):
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

    class Meta:
        model = LessonPage
        fields = ["audience", "format", "topic", "series", "q"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if getattr(self, "_search", (None,))[0] != value:  # facets reuse one search
            self._search = (value, search_page_ids(value, LessonPage))
        return queryset.filter(pk__in=self._search[1])

    def queryset_without(self, skipped):
        """The lessons matching every valid filter except ``skipped`` (for facet counts)."""
        queryset = self.queryset
        for name, value in self.form.cleaned_data.items():
            if name != skipped and value not in (None, ""):
                queryset = self.filters[name].filter(queryset, value)
        return queryset


FACETS = {
    # filter name: (field to group by, how to read the option's value)
    "audience": "segments__slug",
    "format": "lesson_format",
    "topic": "tagged_items__tag__slug",
    "series": "series__slug",
}


def _facet_counts(filterset):
    counts = {}
    for name, field in FACETS.items():
        rows = (
            filterset.queryset_without(name)
            .order_by()
            .values(field)
            .annotate(n=Count("pk", distinct=True))
        )
        counts[name] = {row[field]: row["n"] for row in rows if row[field]}
    return counts


def _facet_options(filterset, counts):
    """Each facet's choices as (value, label, count, selected) for the template."""
    data = filterset.form.data
    options = {
        "audience": term_choices(AudienceSegment),
        "format": [(value, label) for value, label in LessonFormat.choices],
        "topic": term_choices(ScamType),
        "series": term_choices(Series),
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


def library_context(request, index_page):
    """Everything the library template needs, in a fixed number of queries."""
    data = request.GET.copy()
    data["q"], query_too_long = clean_query(data.get("q", ""))

    base = public_lessons().descendant_of(index_page)
    filterset = LessonFilter(data, queryset=base, request=request)
    valid = filterset.is_valid()
    if valid:
        lessons = filterset.qs.order_by("-first_published_at", "-pk")
        counts = _facet_counts(filterset)
    else:
        lessons = base.none()
        counts = {name: {} for name in FACETS}

    paginator = Paginator(lesson_cards(lessons.distinct()), settings.LESSONS_PER_PAGE)
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
        "result_count": paginator.count,
        "active_filters": active,
        "query": data.get("q", ""),
        "query_too_long": query_too_long,
        # Set by the language switcher when the lesson has no translation in this language.
        "untranslated_notice": request.GET.get("untranslated") == "1",
    }
