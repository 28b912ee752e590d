"""What the reports print beside the counts: the pages' titles, formats, languages and
audiences, the terms' names in the reader's language, and the labels of formats, languages
and channels. Each lookup is a fixed number of queries, whatever the number of rows."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from education.models import LessonFormat, LessonPage

from ..models import TAG_CHANNEL, Channel, FigureMetric


def pages_of(page_ids):
    """{page id: {"title", "format", "language", "segments": [slug, …]}} in two queries (none
    if empty). A page's language is its locale's language code."""
    ids = sorted({pk for pk in page_ids if pk})
    if not ids:
        return {}
    pages = {
        row["pk"]: {"title": row["title"], "format": row["lessonpage__lesson_format"] or "",
                    "language": row["locale__language_code"] or "", "segments": []}
        for row in Page.objects.filter(pk__in=ids).order_by()
        .values("pk", "title", "lessonpage__lesson_format", "locale__language_code")
    }
    through = LessonPage.segments.through
    for lesson_id, slug in (
        through.objects.filter(lessonpage_id__in=ids)
        .order_by("audiencesegment__sort_order", "audiencesegment__name")
        .values_list("lessonpage_id", "audiencesegment__slug")
    ):
        pages[lesson_id]["segments"].append(slug)
    return pages


def page_of(pages, page_id):
    """A page's entry from pages_of(), or a stand-in for a page deleted since."""
    return pages.get(page_id) or {
        "title": _("Deleted page #%(id)s") % {"id": page_id}, "format": "", "language": "",
        "segments": [],
    }


def term_names(queryset):
    """{slug: name} of these terms (audiences, red flags) in the admin user's language, else
    the default language's name. A term's slug is the same in every language, so one query
    over every locale's rows, in the queryset's order, answers both."""
    preferred = {translation.get_language() or settings.LANGUAGE_CODE: 0,
                 settings.LANGUAGE_CODE: 1}
    best = {}
    for slug, name, language in queryset.values_list("slug", "name", "locale__language_code"):
        rank = preferred.get(language, 2)
        if slug not in best or rank < best[slug][0]:
            best[slug] = (rank, name)
    return {slug: name for slug, (_rank, name) in best.items()}


def format_label(value):
    return LessonFormat(value).label if value in LessonFormat.values else _("Other page")


def language_keys(*keyed):
    """The site's language codes (settings.LANGUAGES order) found in any of the mappings, then
    any other code found, then "" (no language known: a deleted page) if found."""
    found = set().union(*(set(k) for k in keyed))
    site = [code for code, _name in settings.LANGUAGES]
    return ([code for code in site if code in found]
            + sorted(code for code in found if code and code not in site)
            + ([""] if "" in found else []))


def language_label(code):
    if not code:
        return _("Unknown language (deleted page)")
    return dict(settings.LANGUAGES).get(code, code)


def channel_label(value):
    if value == TAG_CHANNEL:
        return _("Campaign tag (utm_campaign), no tracking link")
    return Channel(value).label if value in Channel.values else _("No tracking link")


def partner_dict(figure):
    """A ChannelFigure as the plain dict the reports and exports show."""
    return {
        "id": figure.pk, "campaign_id": figure.campaign_id, "partner": figure.partner,
        "channel": figure.channel, "channel_label": channel_label(figure.channel),
        "metric": figure.metric, "metric_label": FigureMetric(figure.metric).label
        if figure.metric in FigureMetric.values else figure.metric,
        "value": figure.value, "period_start": figure.period_start,
        "period_end": figure.period_end, "source": figure.source, "method": figure.method,
        "evidence": figure.evidence_url or (figure.evidence_file.name if figure.evidence_file
                                            else ""),
    }
