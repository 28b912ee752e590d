"""Reach figures: the one query module that every report screen, export and the annual report
read, so that no two of them can ever disagree.

It reads the rollups (DailyRollup, DailyScenarioRollup, CampaignReachFigure), offline events
and channel figures only: never the raw events or the visitor sets, whose size grows with the
traffic. Every query here is grouped in the database and the number of queries per call is
fixed (it does not grow with the number of days, events or campaigns).

Everything returns plain data (dataclasses, dicts, lists). ``DEFINITIONS`` says, for every
figure, how it is counted and from which data; the screens print it next to the figures and
the exports carry it on their first sheet.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Min, Q, Sum
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from education.models import AudienceSegment, LessonFormat, LessonPage, RedFlag

from .days import start_of
from .days import today as site_today
from .models import (
    Campaign,
    CampaignReachFigure,
    Channel,
    ChannelFigure,
    DailyRollup,
    DailyScenarioRollup,
    FigureMetric,
    OfflineEvent,
    OfflineFormat,
    TrackingLink,
)

Dimension = CampaignReachFigure.Dimension
NO_KEY = ""  # rows for events without a link / lessons without an audience


def _definition(label, counted, source):
    return {"label": label, "counted": counted, "source": source}


ROLLUP = _("Daily rollups of the raw events (DailyRollup), made by the rollup_reach command.")
REACH_SETS = _(
    "The campaign's deduplicated visitor set, counted by the rollup_reach command "
    "(CampaignReachFigure)."
)
SCENARIO_ROLLUP = _("Daily scenario rollups (DailyScenarioRollup), made by rollup_reach.")

# One entry per figure: its label, how it is counted and from which data.
DEFINITIONS = {
    "online_reach": _definition(
        _("Online reach (people)"),
        _("Unique visitor keys with at least one qualified (script-confirmed) event in the "
          "campaign, over the whole campaign. Deduplicated: a person counts once however "
          "often and on however many days they came. It cannot be split by date range: a "
          "date range shows visitor-days instead."),
        REACH_SETS,
    ),
    "visitor_days": _definition(
        _("Visitor-days"),
        _("The sum, over the days of the period, of each day's unique visitors. NOT "
          "deduplicated across days: a person who came on three days counts three times. "
          "Never compare it with online reach as if it were people."),
        ROLLUP,
    ),
    "views": _definition(
        _("Views"),
        _("Qualified view events: page views confirmed by the page script. Bots, link "
          "scanners and HEAD requests never count. A person can view many times."),
        ROLLUP,
    ),
    "engaged_views": _definition(
        _("Engaged views"),
        _("Views where the lesson stayed visible for at least 10 seconds."), ROLLUP,
    ),
    "video_plays": _definition(
        _("Video plays"), _("Play events on video lessons."), ROLLUP,
    ),
    "video_completions": _definition(
        _("Video completions"),
        _("Complete events on video lessons: the video's completion threshold (90 % unless "
          "set otherwise on the video) was watched."),
        ROLLUP,
    ),
    "comic_completions": _definition(
        _("Comic completions"),
        _("Complete events on comic lessons: the last panel was reached."), ROLLUP,
    ),
    "scenario_starts": _definition(
        _("Scenario starts"), _("Scenario start events (the first step was opened)."), ROLLUP,
    ),
    "scenario_completions": _definition(
        _("Scenario completions"),
        _("Scenario end events: an ending (safe, partly or scammed) was reached."), ROLLUP,
    ),
    "safe_outcome_rate": _definition(
        _("Safe-outcome rate (%)"),
        _("Scenario endings with the outcome 'safe' divided by all scenario endings, in "
          "per cent. Empty when no scenario was completed."),
        SCENARIO_ROLLUP,
    ),
    "link_opens": _definition(
        _("Link opens / QR scans"),
        _("Raw opens of the campaign's tracking links (/go/ redirects), bots excluded. Not "
          "confirmed by the page script and not deduplicated: one person scanning twice "
          "counts twice."),
        ROLLUP,
    ),
    "offline_events": _definition(
        _("Offline events"),
        _("Offline events (talks, booths, workshops …) recorded for the campaign in the "
          "period."),
        _("Offline events entered or imported by marketing (OfflineEvent)."),
    ),
    "offline_attendance": _definition(
        _("Offline attendance"),
        _("The sum of the counted attendance of the offline events. People counted at each "
          "event, not estimated; a person at two events counts twice. Reported next to "
          "online reach, never added to it."),
        _("Offline events entered or imported by marketing (OfflineEvent)."),
    ),
    "materials_handed_out": _definition(
        _("Materials handed out"),
        _("Leaflets, cards and other materials handed out at offline events. Reported on "
          "their own: they are not people and are never added to reach."),
        _("Offline events entered or imported by marketing (OfflineEvent)."),
    ),
    "partner_figures": _definition(
        _("Partner-reported figures"),
        _("Figures partners and platforms reported, per metric, each kept with its source "
          "and counting method. A figure is shown when its period overlaps the selected "
          "dates; it is never split, and never added to online reach."),
        _("Channel figures entered or imported by marketing (ChannelFigure)."),
    ),
    "goal_progress": _definition(
        _("Progress against the goal (%)"),
        _("Online reach divided by the campaign's reach goal, in per cent. Empty when the "
          "campaign has no goal."),
        REACH_SETS,
    ),
    "dimension_reach": _definition(
        _("Reach in this row (people)"),
        _("Unique visitor keys of the campaign that had a qualified event on a lesson of "
          "this row (lesson, tracking link, channel, format or audience), over the whole "
          "campaign. Deduplicated within the row; a person who used two links or read two "
          "lessons counts in both rows, so rows do not add up to the campaign's reach."),
        REACH_SETS,
    ),
    "language_events": _definition(
        _("Events by language"),
        _("Events on the lesson pages of each language (a lesson's language is its page's "
          "language). Every event counts in exactly one language, so the language rows add "
          "up to the campaign's events."),
        ROLLUP,
    ),
    "language_reach": _definition(
        _("Reach in this language (people)"),
        _("Unique visitor keys of the campaign that had a qualified event on a lesson page in "
          "this language, over the whole campaign. Deduplicated within the language only: a "
          "person who read in two languages counts in both rows but once in the campaign's "
          "online reach, so the language rows do not add up to it (they overlap)."),
        REACH_SETS,
    ),
    "segment_events": _definition(
        _("Events by audience"),
        _("Events on lessons aimed at the audience (the lesson's audiences, not the "
          "visitor's: no personal data is collected). A lesson aimed at two audiences "
          "counts in both rows."),
        ROLLUP,
    ),
    "red_flag_rate": _definition(
        _("Red-flag detection rate (%)"),
        _("Safe choices divided by all choices made at scenario steps that test the red "
          "flag, in per cent."),
        SCENARIO_ROLLUP,
    ),
    "red_flag_rate_by_segment": _definition(
        _("Red-flag detection rate by audience (%)"),
        _("As the red-flag detection rate, for the scenarios aimed at each audience (a "
          "scenario aimed at two audiences counts in both)."),
        SCENARIO_ROLLUP,
    ),
    "daily": _definition(
        _("Daily figures"),
        _("Per day (in the site's time zone): unique visitors that day, qualified views, "
          "engaged views, link opens and scenario completions."),
        ROLLUP,
    ),
    # --- the annual report
    "lessons_published": _definition(
        _("Lessons published"),
        _("Lessons first published in the year (in the site's time zone) and live today, by "
          "format."),
        _("The lesson pages (first publication date)."),
    ),
    "campaigns_run": _definition(
        _("Campaigns run"),
        _("Campaigns that started in the year. Each campaign belongs to the year it started "
          "in, so no campaign is counted in two annual reports."),
        _("The campaigns."),
    ),
    "campaign_reach": _definition(
        _("People reached by campaigns (online)"),
        _("The sum of the online reach (deduplicated people) of each campaign that started in "
          "the year. A person reached by two campaigns counts once in each."),
        REACH_SETS,
    ),
    "other_visitor_days": _definition(
        _("Visitor-days outside campaigns (online)"),
        _("The sum of each day's unique visitors who came without a campaign link. Visitor "
          "keys change every day for this traffic, so it cannot be deduplicated across days: "
          "a person who came on three days counts three times."),
        ROLLUP,
    ),
    "offline_reach": _definition(
        _("Offline reach (attendance)"),
        _("The sum of the counted attendance of all offline events held in the year, with or "
          "without a campaign."),
        _("Offline events entered or imported by marketing (OfflineEvent)."),
    ),
    "partner_reach": _definition(
        _("Partner-reported reach"),
        _("The sum of the 'people reached' figures partners reported for periods starting in "
          "the year, each with its own source and counting method (listed below). Not "
          "checked or deduplicated by us."),
        _("Channel figures entered or imported by marketing (ChannelFigure)."),
    ),
    "contacts_total": _definition(
        _("Contacts online and offline (not people)"),
        _("People reached by campaigns plus visitor-days outside campaigns plus counted "
          "offline attendance plus partner-reported reach: four differently counted parts, "
          "shown side by side with their kinds. A contact is not a person: the same person "
          "counts once in each campaign that reached them, once for each day they came "
          "without a campaign, once for each event they attended and again in each partner's "
          "figures. Never report this total as a number of people."),
        _("The four parts above."),
    ),
    "scenario_participants": _definition(
        _("Scenario participants"),
        _("The sum, over days, scenarios and links, of the unique visitors who started a "
          "scenario. Not deduplicated: a person who played on two days, or two scenarios, "
          "counts twice."),
        ROLLUP,
    ),
    "views_by_language": _definition(
        _("Views by language"),
        _("Qualified views, video and comic completions and scenario completions in the "
          "year, all traffic (with and without a campaign), by the language of the lesson "
          "page. Events: the language rows add up to the total."),
        ROLLUP,
    ),
    "campaign_reach_by_language": _definition(
        _("People reached by campaigns, by language (online)"),
        _("For each language, the sum over the campaigns that started in the year of the "
          "people each campaign reached on lesson pages in that language (deduplicated within "
          "a campaign and language). A person who read in two languages counts in both rows "
          "but once in the total: the rows overlap and do not add up to it."),
        REACH_SETS,
    ),
    "reviews_completed": _definition(
        _("Compliance reviews completed"),
        _("Consumer-protection review decisions (approved, or changes requested) recorded "
          "in the year. Shown as 'not available yet' until the review workflow is installed."),
        _("The review workflow's decisions (reviews app)."),
    ),
    "views_by_format": _definition(
        _("Views by format"),
        _("Qualified views, video and comic completions and scenario completions in the "
          "year, all traffic (with and without a campaign), by lesson format."),
        ROLLUP,
    ),
}

# The event figures, and the rollup event type each counts (see _event_metrics).
EVENT_METRICS = [
    "views", "engaged_views", "video_plays", "video_completions", "comic_completions",
    "scenario_starts", "scenario_completions", "link_opens",
]
DAILY_TYPES = ["any", "view", "engaged", "link_open", "scenario_end"]


def label(key):
    return DEFINITIONS[key]["label"]


_resolved = {}


def definitions_in_language():
    """DEFINITIONS with the translations looked up (plain strings), once per language: the
    screens print dozens of them, and a lazy string is translated again at every use."""
    from django.utils.translation import get_language

    language = get_language()
    if language not in _resolved:
        _resolved[language] = {
            key: {"key": key, **{part: str(text) for part, text in entry.items()}}
            for key, entry in DEFINITIONS.items()
        }
    return _resolved[language]


def _event_metrics(event_type, lesson_format, qualified, raw):
    """What one grouped rollup row adds to the event figures."""
    if event_type == "view":
        return {"views": qualified}
    if event_type == "engaged":
        return {"engaged_views": qualified}
    if event_type == "play" and lesson_format == LessonFormat.VIDEO:
        return {"video_plays": qualified}
    if event_type == "complete" and lesson_format == LessonFormat.VIDEO:
        return {"video_completions": qualified}
    if event_type == "complete" and lesson_format == LessonFormat.COMIC:
        return {"comic_completions": qualified}
    if event_type == "scenario_start":
        return {"scenario_starts": qualified}
    if event_type == "scenario_end":
        return {"scenario_completions": qualified}
    if event_type == "link_open":
        return {"link_opens": raw}
    return {}


def _empty_metrics():
    return dict.fromkeys(EVENT_METRICS, 0)


def _add(target, metrics):
    for key, value in metrics.items():
        target[key] += value


def percent(part, whole):
    """part / whole in per cent, one decimal; None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


# --- tables: what screens show and exports write ------------------------------------------


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: str = "int"  # "text", "int", "pct" (per cent, one decimal) or "date"
    definition: str | None = None  # a DEFINITIONS key


@dataclass
class Table:
    key: str
    title: str
    columns: list
    rows: list
    definition: str | None = None
    note: str = ""

    def definitions(self):
        """The DEFINITIONS keys of the table, its columns and its rows (a row's "key" names
        its figure in tables with one figure per row), in order."""
        keys = [self.definition] if self.definition else []
        keys += [c.definition for c in self.columns if c.definition]
        keys += [row["key"] for row in self.rows
                 if isinstance(row, dict) and row.get("key") in DEFINITIONS]
        return list(dict.fromkeys(keys))


EVENT_COLUMNS = [Column(key, label(key), "int", key) for key in EVENT_METRICS]


# --- periods ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Inclusive dates. ``whole_campaign``: no date filter (the campaign's whole window)."""

    start: dt.date
    end: dt.date
    whole_campaign: bool = False

    @classmethod
    def of_campaign(cls, campaign):
        return cls(campaign.starts_on, campaign.ends_on, whole_campaign=True)

    def day_filter(self, name="day"):
        if self.whole_campaign:
            return Q()
        return Q(**{f"{name}__gte": self.start, f"{name}__lte": self.end})

    def days(self, today=None):
        """The days of the daily series: the period, cut at today (no future zeros)."""
        last = self.end
        if today is not None and today < last:
            last = max(today, self.start)
        return [self.start + dt.timedelta(days=n) for n in range((last - self.start).days + 1)]


# --- pages, links, names -------------------------------------------------------------------


def _pages(page_ids):
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


def _page(pages, page_id):
    return pages.get(page_id) or {
        "title": _("Deleted page #%(id)s") % {"id": page_id}, "format": "", "language": "",
        "segments": [],
    }


def _term_names(queryset):
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


def _format_label(value):
    return LessonFormat(value).label if value in LessonFormat.values else _("Other page")


def _language_keys(*keyed):
    """The site's language codes (settings.LANGUAGES order) found in any of the mappings, then
    any other code found, then "" (no language known: a deleted page) if found."""
    found = set().union(*(set(k) for k in keyed))
    site = [code for code, _name in settings.LANGUAGES]
    return ([code for code in site if code in found]
            + sorted(code for code in found if code and code not in site)
            + ([""] if "" in found else []))


def _language_label(code):
    if not code:
        return _("Unknown language (deleted page)")
    return dict(settings.LANGUAGES).get(code, code)


def _channel_label(value):
    return Channel(value).label if value in Channel.values else _("No tracking link")


# --- headline figures ----------------------------------------------------------------------


@dataclass
class Headline:
    """A campaign's headline figures for a period (online reach is always whole-campaign)."""

    campaign: Campaign
    period: Period
    online_reach: int = 0
    visitor_days: int = 0
    events: dict = field(default_factory=_empty_metrics)
    endings: int = 0
    safe_endings: int = 0
    offline_events: int = 0
    offline_attendance: int = 0
    materials_handed_out: int = 0
    partner: list = field(default_factory=list)  # ChannelFigure rows as dicts

    @property
    def safe_outcome_rate(self):
        return percent(self.safe_endings, self.endings)

    @property
    def goal_progress(self):
        return percent(self.online_reach, self.campaign.reach_goal)

    def value(self, key):
        if key in self.events:
            return self.events[key]
        return getattr(self, key)

    @property
    def partner_by_metric(self):
        """[{metric, label, total, count, figures}] in the metric choices' order."""
        grouped = defaultdict(list)
        for figure in self.partner:
            grouped[figure["metric"]].append(figure)
        return [
            {"metric": metric, "label": FigureMetric(metric).label, "figures": grouped[metric],
             "total": sum(f["value"] for f in grouped[metric]), "count": len(grouped[metric])}
            for metric in FigureMetric.values if metric in grouped
        ]

    CARD_KEYS = [
        "online_reach", "visitor_days", "views", "engaged_views", "video_plays",
        "video_completions", "comic_completions", "scenario_starts", "scenario_completions",
        "safe_outcome_rate", "link_opens", "offline_events", "offline_attendance",
        "materials_handed_out", "goal_progress",
    ]

    def cards(self):
        """[(key, label, value)] in display order; partner figures come separately."""
        return [(key, label(key), self.value(key)) for key in self.CARD_KEYS]


def _partner_dict(figure):
    return {
        "id": figure.pk, "campaign_id": figure.campaign_id, "partner": figure.partner,
        "channel": figure.channel, "channel_label": _channel_label(figure.channel),
        "metric": figure.metric, "metric_label": FigureMetric(figure.metric).label
        if figure.metric in FigureMetric.values else figure.metric,
        "value": figure.value, "period_start": figure.period_start,
        "period_end": figure.period_end, "source": figure.source, "method": figure.method,
        "evidence": figure.evidence_url or (figure.evidence_file.name if figure.evidence_file
                                            else ""),
    }


def _detail_rows(campaign_ids, period, by_link=True):
    """Rollup rows summed per campaign × page (× link) × event type (day totals excluded)."""
    group = ["campaign_id", "page_id", "link_id", "event_type"] if by_link else [
        "campaign_id", "page_id", "event_type"]
    return list(
        DailyRollup.objects.filter(period.day_filter(), campaign_id__in=campaign_ids)
        .exclude(event_type=DailyRollup.ALL).order_by().values(*group)
        .annotate(qualified=Sum("qualified_events"), raw=Sum("raw_events"),
                  visitors=Sum("unique_visitors"))
    )


def headlines(campaigns, period=None, detail_rows=None, pages=None):
    """{campaign id: Headline} for the campaigns, in a fixed number of queries.

    ``period`` None: each campaign's whole window. ``detail_rows`` and ``pages`` let the
    campaign report pass what it already read, so the headline and the breakdowns come from
    the same rows.
    """
    campaigns = list(campaigns)
    ids = [c.pk for c in campaigns]
    result = {
        c.pk: Headline(campaign=c, period=period or Period.of_campaign(c)) for c in campaigns
    }
    if not ids:
        return result
    whole = period or Period(dt.date.min, dt.date.max, whole_campaign=True)
    rows = detail_rows if detail_rows is not None else _detail_rows(ids, whole, by_link=False)
    if pages is None:
        pages = _pages(row["page_id"] for row in rows)
    for row in rows:
        fmt = _page(pages, row["page_id"])["format"]
        _add(result[row["campaign_id"]].events,
             _event_metrics(row["event_type"], fmt, row["qualified"], row["raw"]))
    for row in (
        DailyRollup.objects.filter(whole.day_filter(), campaign_id__in=ids,
                                   event_type=DailyRollup.ALL)
        .order_by().values("campaign_id").annotate(n=Sum("unique_visitors"))
    ):
        result[row["campaign_id"]].visitor_days = row["n"] or 0
    for campaign_id, reach in CampaignReachFigure.objects.filter(
        campaign_id__in=ids, dimension=Dimension.ALL
    ).values_list("campaign_id", "unique_visitors"):
        result[campaign_id].online_reach = reach
    for row in (
        DailyScenarioRollup.objects.filter(whole.day_filter(), campaign_id__in=ids,
                                           red_flag="").exclude(outcome="")
        .order_by().values("campaign_id", "outcome").annotate(n=Sum("endings"))
    ):
        headline = result[row["campaign_id"]]
        headline.endings += row["n"] or 0
        if row["outcome"] == "safe":
            headline.safe_endings += row["n"] or 0
    for row in (
        OfflineEvent.objects.filter(whole.day_filter("date"), campaign_id__in=ids)
        .order_by().values("campaign_id")
        .annotate(n=Count("pk"), people=Sum("attendance"), materials=Sum("materials_handed_out"))
    ):
        headline = result[row["campaign_id"]]
        headline.offline_events = row["n"]
        headline.offline_attendance = row["people"] or 0
        headline.materials_handed_out = row["materials"] or 0
    partner = ChannelFigure.objects.filter(campaign_id__in=ids)
    if not whole.whole_campaign:
        partner = partner.filter(period_start__lte=whole.end, period_end__gte=whole.start)
    for figure in partner.order_by("metric", "period_start", "partner", "pk"):
        result[figure.campaign_id].partner.append(_partner_dict(figure))
    return result


# --- the campaign report -------------------------------------------------------------------


@dataclass
class CampaignReport:
    campaign: Campaign
    period: Period
    headline: Headline
    daily: list
    tables: dict  # key -> Table, in display order
    red_flag_chart: list = field(default_factory=list)

    def table(self, key):
        return self.tables[key]


def _breakdown_row(label_text, metrics, reach, **extra):
    return {"label": label_text, **extra, **metrics, "reach": reach}


def _reach_figures(campaign_id):
    figures = defaultdict(dict)
    for dimension, key, n in CampaignReachFigure.objects.filter(
        campaign_id=campaign_id
    ).values_list("dimension", "key", "unique_visitors"):
        figures[dimension][key] = n
    return figures


def _daily(campaign, period, today):
    by_day = defaultdict(lambda: dict.fromkeys(DAILY_TYPES, 0))
    for row in (
        DailyRollup.objects.filter(period.day_filter(), campaign_id=campaign.pk,
                                   event_type__in=DAILY_TYPES)
        .order_by().values("day", "event_type")
        .annotate(qualified=Sum("qualified_events"), raw=Sum("raw_events"),
                  visitors=Sum("unique_visitors"))
    ):
        value = {"any": row["visitors"], "link_open": row["raw"]}.get(
            row["event_type"], row["qualified"]
        )
        by_day[row["day"]][row["event_type"]] = value or 0
    days = period.days(today)
    if period.whole_campaign and by_day:  # events can only fall inside the window
        days = sorted(set(days) | set(by_day))
    return [
        {"day": day, "visitors": by_day[day]["any"], "views": by_day[day]["view"],
         "engaged_views": by_day[day]["engaged"], "link_opens": by_day[day]["link_open"],
         "scenario_completions": by_day[day]["scenario_end"]}
        for day in days
    ]


def campaign_report(campaign, period=None, today=None):
    """Everything the campaign report shows, in a fixed number of queries."""
    period = period or Period.of_campaign(campaign)
    today = today or site_today()
    rows = _detail_rows([campaign.pk], period)
    flags = list(
        DailyScenarioRollup.objects.filter(period.day_filter(), campaign_id=campaign.pk)
        .exclude(red_flag="").order_by().values("page_id", "red_flag")
        .annotate(choices=Sum("choices"), safe=Sum("safe_choices"))
    )
    reach = _reach_figures(campaign.pk)
    page_ids = {row["page_id"] for row in rows} | {row["page_id"] for row in flags}
    page_ids |= {int(key) for key in reach.get(Dimension.PAGE, {}) if key.isdigit()}
    pages = _pages(page_ids)
    headline = headlines([campaign], period, detail_rows=rows, pages=pages)[campaign.pk]
    links = {
        link.pk: link for link in TrackingLink.objects.filter(campaign=campaign)
        .order_by("channel", "label", "code")
    }
    segments = _term_names(AudienceSegment.objects.order_by("sort_order", "slug"))

    by_page = defaultdict(_empty_metrics)
    by_link = defaultdict(_empty_metrics)
    by_channel = defaultdict(_empty_metrics)
    by_format = defaultdict(_empty_metrics)
    by_segment = defaultdict(_empty_metrics)
    by_language = defaultdict(_empty_metrics)
    for row in rows:
        page = _page(pages, row["page_id"])
        metrics = _event_metrics(row["event_type"], page["format"], row["qualified"], row["raw"])
        if not metrics:
            continue
        _add(by_page[row["page_id"]], metrics)
        link = links.get(row["link_id"])
        _add(by_link[row["link_id"] or 0], metrics)
        _add(by_channel[link.channel if link else NO_KEY], metrics)
        _add(by_format[page["format"]], metrics)
        _add(by_language[page["language"]], metrics)
        for slug in page["segments"] or [NO_KEY]:
            _add(by_segment[slug], metrics)

    tables = {}
    tables["segments"] = Table(
        "segments", _("By audience"),
        [Column("label", _("Audience"), "text"), *EVENT_COLUMNS,
         Column("reach", label("dimension_reach"), "int", "dimension_reach")],
        [_breakdown_row(name, by_segment.get(slug, _empty_metrics()),
                        reach[Dimension.SEGMENT].get(slug, 0))
         for slug, name in segments.items()
         if slug in by_segment or slug in reach[Dimension.SEGMENT]]
        + ([_breakdown_row(_("No audience set"), by_segment[NO_KEY], None)]
           if NO_KEY in by_segment else []),
        definition="segment_events",
    )
    channel_keys = [c for c in Channel.values if c in by_channel or c in reach[Dimension.CHANNEL]]
    tables["channels"] = Table(
        "channels", _("By channel"),
        [Column("label", _("Channel"), "text"), *EVENT_COLUMNS,
         Column("reach", label("dimension_reach"), "int", "dimension_reach")],
        [_breakdown_row(_channel_label(c), by_channel.get(c, _empty_metrics()),
                        reach[Dimension.CHANNEL].get(c, 0)) for c in channel_keys]
        + ([_breakdown_row(_channel_label(NO_KEY), by_channel[NO_KEY], None)]
           if NO_KEY in by_channel else []),
    )
    page_order = sorted(
        set(by_page) | {int(k) for k in reach[Dimension.PAGE] if k.isdigit()},
        key=lambda pk: (-by_page.get(pk, {}).get("views", 0), str(_page(pages, pk)["title"])),
    )
    tables["lessons"] = Table(
        "lessons", _("By lesson"),
        [Column("label", _("Lesson"), "text"), Column("format", _("Format"), "text"),
         *EVENT_COLUMNS, Column("reach", label("dimension_reach"), "int", "dimension_reach")],
        [_breakdown_row(_page(pages, pk)["title"], by_page.get(pk, _empty_metrics()),
                        reach[Dimension.PAGE].get(str(pk), 0),
                        format=_format_label(_page(pages, pk)["format"]))
         for pk in page_order],
    )
    tables["links"] = Table(
        "links", _("By tracking link (location)"),
        [Column("label", _("Label (where it is used)"), "text"), Column("code", _("Code"), "text"),
         Column("channel", _("Channel"), "text"), *EVENT_COLUMNS,
         Column("reach", label("dimension_reach"), "int", "dimension_reach")],
        [_breakdown_row(link.label or link.code, by_link.get(pk, _empty_metrics()),
                        reach[Dimension.LINK].get(str(pk), 0), code=link.code,
                        channel=_channel_label(link.channel))
         for pk, link in links.items()],
    )
    format_keys = [f for f in LessonFormat.values if f in by_format or f in reach[Dimension.FORMAT]]
    tables["formats"] = Table(
        "formats", _("By format"),
        [Column("label", _("Format"), "text"), *EVENT_COLUMNS,
         Column("reach", label("dimension_reach"), "int", "dimension_reach")],
        [_breakdown_row(_format_label(f), by_format.get(f, _empty_metrics()),
                        reach[Dimension.FORMAT].get(f, 0)) for f in format_keys]
        + ([_breakdown_row(_format_label(""), by_format[""], None)] if "" in by_format else []),
    )
    tables["languages"] = language_table(by_language, reach[Dimension.LANGUAGE], headline)

    # Only red flags that are RedFlag snippets: a slug nobody manages (stored before the
    # beacon's vocabulary was closed, or its snippet since deleted) is left out, never shown.
    flag_names = _term_names(
        RedFlag.objects.filter(slug__in={row["red_flag"] for row in flags}).order_by()
    ) if flags else {}
    flag_totals = defaultdict(lambda: [0, 0])
    flag_segments = defaultdict(lambda: [0, 0])
    for row in flags:
        if row["red_flag"] not in flag_names:
            continue
        flag_totals[row["red_flag"]][0] += row["choices"] or 0
        flag_totals[row["red_flag"]][1] += row["safe"] or 0
        for slug in _page(pages, row["page_id"])["segments"] or [NO_KEY]:
            flag_segments[(slug, row["red_flag"])][0] += row["choices"] or 0
            flag_segments[(slug, row["red_flag"])][1] += row["safe"] or 0
    rate_columns = [
        Column("choices", _("Choices at steps testing it"), "int"),
        Column("safe_choices", _("Safe choices"), "int"),
        Column("rate", label("red_flag_rate"), "pct", "red_flag_rate"),
    ]
    flag_rows = sorted(
        ({"label": flag_names.get(slug, slug), "slug": slug, "choices": c, "safe_choices": s,
          "rate": percent(s, c)} for slug, (c, s) in flag_totals.items()),
        key=lambda row: str(row["label"]).lower(),
    )
    tables["red_flags"] = Table(
        "red_flags", _("Red-flag detection"),
        [Column("label", _("Red flag"), "text"), *rate_columns], flag_rows,
        definition="red_flag_rate",
    )
    segment_order = {slug: n for n, slug in enumerate(segments)}
    tables["red_flags_by_segment"] = Table(
        "red_flags_by_segment", _("Red-flag detection by audience"),
        [Column("segment", _("Audience"), "text"), Column("label", _("Red flag"), "text"),
         *rate_columns],
        [{"segment": segments[slug] if slug in segments else _("No audience set"),
          "label": flag_names.get(flag, flag), "choices": c, "safe_choices": s,
          "rate": percent(s, c)}
         for (slug, flag), (c, s) in sorted(
             flag_segments.items(),
             key=lambda item: (segment_order.get(item[0][0], len(segment_order)),
                               str(flag_names.get(item[0][1], item[0][1])).lower()))],
        definition="red_flag_rate_by_segment",
    )
    daily = _daily(campaign, period, today)
    tables["daily"] = Table(
        "daily", _("Daily figures"),
        [Column("day", _("Day"), "date"),
         Column("visitors", _("Unique visitors that day"), "int", "visitor_days"),
         Column("views", label("views"), "int", "views"),
         Column("engaged_views", label("engaged_views"), "int", "engaged_views"),
         Column("link_opens", label("link_opens"), "int", "link_opens"),
         Column("scenario_completions", label("scenario_completions"), "int",
                "scenario_completions")],
        daily, definition="daily",
    )
    tables["offline"] = Table(
        "offline", _("Offline events"),
        [Column("date", _("Date"), "date"), Column("place", _("Place"), "text"),
         Column("partner", _("Partner organisation"), "text"),
         Column("format", _("Format"), "text"), Column("segment", _("Audience"), "text"),
         Column("attendance", _("Counted attendance"), "int", "offline_attendance"),
         Column("materials", _("Materials handed out"), "int", "materials_handed_out")],
        [{"date": e.date, "place": e.place, "partner": e.partner,
          "format": e.get_format_display(),
          "segment": segments.get(e.segment.slug, e.segment.name) if e.segment else "",
          "attendance": e.attendance, "materials": e.materials_handed_out}
         for e in OfflineEvent.objects.filter(period.day_filter("date"), campaign=campaign)
         .select_related("segment").order_by("date", "place", "pk")],
        definition="offline_attendance",
    )
    tables["partner"] = Table(
        "partner", _("Partner-reported figures"), PARTNER_COLUMNS, headline.partner,
        definition="partner_figures",
    )
    tables = {"headline": headline_table(headline), "daily": tables.pop("daily"), **tables}
    return CampaignReport(
        campaign=campaign, period=period, headline=headline, daily=daily, tables=tables,
        red_flag_chart=flag_rows,
    )


def language_table(by_language, language_reach, headline):
    """Events and reach per language of the lesson pages, and the campaign's total. Events add
    up; reach does not (a person who read in two languages is in both rows, once in the total).
    """
    rows = [
        _breakdown_row(_language_label(code), by_language.get(code, _empty_metrics()),
                       language_reach.get(code, 0) if code else None, language=code)
        for code in _language_keys(by_language, language_reach)
    ]
    rows.append(_breakdown_row(_("All languages"), dict(headline.events),
                               headline.online_reach, language="*"))
    return Table(
        "languages", _("By language"),
        [Column("label", _("Language"), "text"), *EVENT_COLUMNS,
         Column("reach", label("language_reach"), "int", "language_reach")],
        rows, definition="language_events",
        note=_("Events add up to the last row. Reach does not: it is counted per language, and "
               "a person who read in both languages counts in each language but once in "
               "“All languages” (the campaign's online reach)."),
    )


PARTNER_COLUMNS = [
    Column("partner", _("Partner or platform"), "text"),
    Column("channel_label", _("Channel"), "text"),
    Column("metric_label", _("Metric"), "text"),
    Column("value", _("Value"), "int", "partner_figures"),
    Column("period_start", _("Period start"), "date"),
    Column("period_end", _("Period end"), "date"),
    Column("source", _("Source"), "text"),
    Column("method", _("Counting method"), "text"),
    Column("evidence", _("Evidence"), "text"),
]


def headline_table(headline):
    rows = [
        {"key": key, "figure": text, "value": value,
         "definition": DEFINITIONS[key]["counted"]}
        for key, text, value in headline.cards()
    ]
    for group in headline.partner_by_metric:
        rows.append({
            "key": "partner_figures",
            "figure": _("Partner-reported: %(metric)s (%(count)s figure(s), summed as "
                        "reported)") % {"metric": group["label"], "count": group["count"]},
            "value": group["total"], "definition": DEFINITIONS["partner_figures"]["counted"],
        })
    return Table(
        "headline", _("Headline figures"),
        [Column("figure", _("Figure"), "text"), Column("value", _("Value"), "int"),
         Column("definition", _("How it is counted"), "text")],
        rows,
    )


# --- several campaigns ---------------------------------------------------------------------


COMPARISON_KEYS = [
    "online_reach", "goal_progress", "visitor_days", "views", "engaged_views", "video_plays",
    "video_completions", "comic_completions", "scenario_starts", "scenario_completions",
    "safe_outcome_rate", "link_opens", "offline_events", "offline_attendance",
    "materials_handed_out",
]


def comparison(campaigns):
    """The campaigns' whole-campaign headline figures side by side (a Table)."""
    campaigns = list(campaigns)
    found = headlines(campaigns)
    columns = [Column("figure", _("Figure"), "text")] + [
        Column(f"c{c.pk}", c.name, "int") for c in campaigns
    ]
    rows = [
        {"key": key, "figure": label(key), **{f"c{c.pk}": found[c.pk].value(key)
                                             for c in campaigns}}
        for key in COMPARISON_KEYS
    ]
    rows.append({"key": "reach_goal", "figure": _("Reach goal"),
                 **{f"c{c.pk}": c.reach_goal for c in campaigns}})
    metrics = [m for m in FigureMetric.values
               if any(g["metric"] == m for h in found.values() for g in h.partner_by_metric)]
    for metric in metrics:
        row = {"key": f"partner_{metric}", "figure": _("Partner-reported: %(metric)s")
               % {"metric": FigureMetric(metric).label}}
        for c in campaigns:
            totals = {g["metric"]: g["total"] for g in found[c.pk].partner_by_metric}
            row[f"c{c.pk}"] = totals.get(metric)
        rows.append(row)
    return Table("comparison", _("Campaigns compared (whole campaigns)"), columns, rows,
                 definition="partner_figures" if metrics else None)


def campaign_overview(campaigns):
    """[{campaign, online_reach, goal_progress}] for listings, in one query."""
    campaigns = list(campaigns)
    reach = dict(
        CampaignReachFigure.objects.filter(
            campaign_id__in=[c.pk for c in campaigns], dimension=Dimension.ALL
        ).values_list("campaign_id", "unique_visitors")
    ) if campaigns else {}
    return [
        {"campaign": c, "online_reach": reach.get(c.pk, 0),
         "goal_progress": percent(reach.get(c.pk, 0), c.reach_goal)}
        for c in campaigns
    ]


def week_bounds(today):
    """The last 7 complete days (to yesterday) and the 7 days before them."""
    this_end = today - dt.timedelta(days=1)
    this_start = this_end - dt.timedelta(days=6)
    return {"this_start": this_start, "this_end": this_end,
            "last_start": this_start - dt.timedelta(days=7),
            "last_end": this_start - dt.timedelta(days=1)}


def weekly_reach(today):
    """Running campaigns with visitor-days over the last 7 complete days and the 7 before."""
    week = week_bounds(today)
    this_start, last_start, this_end = week["this_start"], week["last_start"], week["this_end"]
    campaigns = list(
        Campaign.objects.filter(starts_on__lte=today, ends_on__gte=today).order_by("ends_on")
    )
    if not campaigns:
        return []
    sums = {
        row["campaign_id"]: row
        for row in DailyRollup.objects.filter(
            campaign_id__in=[c.pk for c in campaigns], event_type=DailyRollup.ALL,
            day__gte=last_start, day__lte=this_end,
        ).order_by().values("campaign_id").annotate(
            this_week=Sum("unique_visitors", filter=Q(day__gte=this_start)),
            last_week=Sum("unique_visitors", filter=Q(day__lt=this_start)),
        )
    }
    rows = []
    for campaign in campaigns:
        row = sums.get(campaign.pk, {})
        this_week, last_week = row.get("this_week") or 0, row.get("last_week") or 0
        rows.append({
            "campaign": campaign, "this_week": this_week, "last_week": last_week,
            "change": percent(this_week - last_week, last_week),
        })
    return rows


# --- the annual report ---------------------------------------------------------------------


def _year_bounds(year):
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def reviews_completed(year):
    """The review workflow's figure, or None when the reviews app does not provide one."""
    from django.apps import apps

    if not apps.is_installed("reviews"):
        return None
    try:
        from reviews.figures import reviews_completed as count
    except ImportError:
        return None
    return count(year)


@dataclass
class AnnualReport:
    year: int
    summary: list  # [{key, figure, value, parts}]
    tables: dict


def report_years(today):
    """Years a report can be asked for: from the first campaign or lesson to next year."""
    firsts = [
        Campaign.objects.aggregate(first=Min("starts_on"))["first"],
        LessonPage.objects.filter(first_published_at__isnull=False)
        .aggregate(first=Min("first_published_at"))["first"],
    ]
    first = min([d.year for d in firsts if d is not None] + [today.year])
    return list(range(today.year + 1, first - 1, -1))


# What each annual figure counts, printed next to it: reach figures of different kinds are
# shown side by side and never summed as people.
ANNUAL_KINDS = {
    "lessons_published": _("lessons"),
    "campaign_reach": _("people, deduplicated within each campaign"),
    "other_visitor_days": _("visitor-days: a person once per day"),
    "offline_reach": _("counted attendance: a person once per event"),
    "partner_reach": _("partner claims, not checked by us"),
    "contacts_total": _("contacts (not people)"),
    "materials_handed_out": _("items handed out"),
    "scenario_participants": _("visitors per day and scenario, not deduplicated"),
    "scenario_completions": _("scenario endings reached"),
    "safe_outcome_rate": _("share of scenario endings"),
    "campaigns_run": _("campaigns"),
    "reviews_completed": _("review decisions"),
}


def annual_report(year):
    """The consumer-protection annual report's figures for a calendar year of the site's
    time zone (campaigns.days)."""
    start, end = _year_bounds(year)
    in_year = Q(day__gte=start, day__lte=end)
    first_moment = start_of(dt.date(year, 1, 1))
    next_moment = start_of(dt.date(year + 1, 1, 1))

    published = dict(
        LessonPage.objects.live().filter(first_published_at__gte=first_moment,
                                         first_published_at__lt=next_moment)
        .order_by().values("lesson_format").annotate(n=Count("pk"))
        .values_list("lesson_format", "n")
    )
    campaigns = list(Campaign.objects.filter(starts_on__gte=start, starts_on__lte=end)
                     .order_by("starts_on", "name"))
    ids = [c.pk for c in campaigns]
    campaign_reach, reach_by_language = {}, defaultdict(int)
    for campaign_id, dimension, key, n in CampaignReachFigure.objects.filter(
        campaign_id__in=ids, dimension__in=[Dimension.ALL, Dimension.LANGUAGE]
    ).values_list("campaign_id", "dimension", "key", "unique_visitors") if ids else []:
        if dimension == Dimension.ALL:
            campaign_reach[campaign_id] = n
        else:  # each campaign's people in that language; summed over campaigns
            reach_by_language[key] += n
    campaign_offline = dict(
        OfflineEvent.objects.filter(campaign_id__in=ids).order_by().values("campaign_id")
        .annotate(n=Sum("attendance")).values_list("campaign_id", "n")
    ) if ids else {}
    campaign_partner = dict(
        ChannelFigure.objects.filter(campaign_id__in=ids, metric=FigureMetric.REACH).order_by()
        .values("campaign_id").annotate(n=Sum("value")).values_list("campaign_id", "n")
    ) if ids else {}
    other_days = DailyRollup.objects.filter(
        in_year, campaign__isnull=True, event_type=DailyRollup.ALL
    ).aggregate(n=Sum("unique_visitors"))["n"] or 0

    traffic = list(
        DailyRollup.objects.filter(in_year, event_type__in=[
            "view", "complete", "scenario_start", "scenario_end"
        ]).order_by().values("page_id", "event_type")
        .annotate(qualified=Sum("qualified_events"), visitors=Sum("unique_visitors"))
    )
    pages = _pages(row["page_id"] for row in traffic)
    by_format = defaultdict(_empty_metrics)
    by_language = defaultdict(_empty_metrics)
    participants = 0
    for row in traffic:
        page = _page(pages, row["page_id"])
        fmt = page["format"]
        metrics = _event_metrics(row["event_type"], fmt, row["qualified"], 0)
        _add(by_format[fmt], metrics)
        _add(by_language[page["language"]], metrics)
        if row["event_type"] == "scenario_start":
            participants += row["visitors"] or 0
    totals = _empty_metrics()
    for metrics in by_format.values():
        _add(totals, metrics)
    endings = dict(
        DailyScenarioRollup.objects.filter(in_year, red_flag="").exclude(outcome="")
        .order_by().values("outcome").annotate(n=Sum("endings")).values_list("outcome", "n")
    )
    offline = list(
        OfflineEvent.objects.filter(date__gte=start, date__lte=end).order_by()
        .values("format").annotate(n=Count("pk"), people=Sum("attendance"),
                                   materials=Sum("materials_handed_out"))
    )
    partner = [
        _partner_dict(f) for f in ChannelFigure.objects.filter(
            period_start__gte=start, period_start__lte=end
        ).order_by("metric", "period_start", "partner", "pk")
    ]
    reviews = reviews_completed(year)

    reach_total = sum(campaign_reach.values())
    offline_people = sum(row["people"] or 0 for row in offline)
    materials = sum(row["materials"] or 0 for row in offline)
    partner_reach = sum(f["value"] for f in partner if f["metric"] == FigureMetric.REACH)
    all_endings = sum(endings.values())

    def item(key, value, parts=()):
        return {"key": key, "figure": label(key), "value": value, "parts": list(parts),
                "kind": ANNUAL_KINDS[key], "definition": DEFINITIONS[key]["counted"]}

    def kind_part(key, value):
        return (format_lazy("{label} ({kind})", label=label(key), kind=ANNUAL_KINDS[key]),
                value)

    # Reach is four kinds of count, each its own line; their total is "contacts (not
    # people)", never people.
    summary = [
        item("lessons_published", sum(published.values()),
             [(_format_label(f), published.get(f, 0)) for f in LessonFormat.values]),
        item("campaign_reach", reach_total),
        item("other_visitor_days", other_days),
        item("offline_reach", offline_people,
             [(OfflineFormat(r["format"]).label if r["format"] in OfflineFormat.values
               else r["format"], r["people"] or 0) for r in offline]),
        item("partner_reach", partner_reach,
             [(f"{f['partner']} ({f['channel_label']})", f["value"]) for f in partner
              if f["metric"] == FigureMetric.REACH]),
        item("contacts_total", reach_total + other_days + offline_people + partner_reach,
             [kind_part("campaign_reach", reach_total),
              kind_part("other_visitor_days", other_days),
              kind_part("offline_reach", offline_people),
              kind_part("partner_reach", partner_reach)]),
        item("materials_handed_out", materials),
        item("scenario_participants", participants),
        item("scenario_completions", totals["scenario_completions"]),
        item("safe_outcome_rate", percent(endings.get("safe", 0), all_endings)),
        item("campaigns_run", len(campaigns)),
        item("reviews_completed", reviews),
    ]
    tables = {}
    tables["summary"] = Table(
        "summary", _("Annual figures %(year)s") % {"year": year},
        [Column("figure", _("Figure"), "text"), Column("value", _("Value"), "int"),
         Column("kind", _("What is counted"), "text"),
         Column("parts", _("Parts"), "text"), Column("definition", _("How it is counted"),
                                                      "text")],
        [{**row, "parts": "; ".join(f"{name}: {value}" for name, value in row["parts"])}
         for row in summary],
    )
    tables["lessons_by_format"] = Table(
        "lessons_by_format", _("Lessons published by format"),
        [Column("label", _("Format"), "text"),
         Column("published", label("lessons_published"), "int", "lessons_published")],
        [{"label": _format_label(f), "published": published.get(f, 0)}
         for f in LessonFormat.values],
    )
    tables["views_by_format"] = Table(
        "views_by_format", label("views_by_format"),
        [Column("label", _("Format"), "text"), Column("views", label("views"), "int", "views"),
         Column("video_completions", label("video_completions"), "int", "video_completions"),
         Column("comic_completions", label("comic_completions"), "int", "comic_completions"),
         Column("scenario_starts", label("scenario_starts"), "int", "scenario_starts"),
         Column("scenario_completions", label("scenario_completions"), "int",
                "scenario_completions")],
        [{"label": _format_label(f), **by_format[f]} for f in LessonFormat.values
         if f in by_format]
        + [{"label": _("Total"), **totals}],
        definition="views_by_format",
    )
    year_columns = [Column(key, label(key), "int", key) for key in (
        "views", "video_completions", "comic_completions", "scenario_starts",
        "scenario_completions")]
    tables["by_language"] = Table(
        "by_language", _("By language"),
        [Column("label", _("Language"), "text"), *year_columns,
         Column("campaign_reach", label("campaign_reach_by_language"), "int",
                "campaign_reach_by_language")],
        [{"label": _language_label(code), "language": code,
          **{c.key: by_language.get(code, _empty_metrics())[c.key] for c in year_columns},
          "campaign_reach": reach_by_language.get(code, 0) if code else None}
         for code in _language_keys(by_language, reach_by_language)]
        + [{"label": _("All languages"), "language": "*",
            **{c.key: totals[c.key] for c in year_columns}, "campaign_reach": reach_total}],
        definition="views_by_language",
        note=_("Events add up to “All languages”. People reached do not: a person who read "
               "in both languages counts in each language but once in a campaign's reach."),
    )
    tables["campaigns"] = Table(
        "campaigns", _("Campaigns that started in %(year)s") % {"year": year},
        [Column("label", _("Campaign"), "text"), Column("starts_on", _("Starts"), "date"),
         Column("ends_on", _("Ends"), "date"),
         Column("online_reach", label("online_reach"), "int", "online_reach"),
         Column("offline_attendance", label("offline_attendance"), "int", "offline_attendance"),
         Column("partner_reach", _("Partner-reported reach"), "int", "partner_figures")],
        [{"label": c.name, "starts_on": c.starts_on, "ends_on": c.ends_on,
          "online_reach": campaign_reach.get(c.pk, 0),
          "offline_attendance": campaign_offline.get(c.pk) or 0,
          "partner_reach": campaign_partner.get(c.pk) or 0}
         for c in campaigns],
        definition="campaigns_run",
    )
    tables["offline"] = Table(
        "offline", _("Offline activities by format"),
        [Column("label", _("Format"), "text"),
         Column("events", label("offline_events"), "int", "offline_events"),
         Column("attendance", label("offline_attendance"), "int", "offline_attendance"),
         Column("materials", label("materials_handed_out"), "int", "materials_handed_out")],
        [{"label": OfflineFormat(r["format"]).label if r["format"] in OfflineFormat.values
          else r["format"], "events": r["n"], "attendance": r["people"] or 0,
          "materials": r["materials"] or 0} for r in offline],
        definition="offline_reach",
    )
    tables["partner"] = Table(
        "partner", _("Partner-reported figures"), PARTNER_COLUMNS, partner,
        definition="partner_figures",
    )
    return AnnualReport(year=year, summary=summary, tables=tables)
