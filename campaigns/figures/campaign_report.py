"""The campaign report: a campaign's headline figures for a period, its daily series and its
breakdowns (by audience, channel, lesson, tracking link, format, language and red flag), in a
fixed number of queries whatever the number of days, events, lessons or links.

``campaign_report`` reads everything first (rollup rows, reach figures, pages, links, names)
and then builds each table from what it read, one function per table.
"""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from education.models import AudienceSegment, LessonFormat, RedFlag

from ..days import today as site_today
from ..models import (
    TAG_CHANNEL,
    Campaign,
    CampaignReachFigure,
    Channel,
    DailyRollup,
    DailyScenarioRollup,
    DailyTagRollup,
    OfflineEvent,
    TrackingLink,
)
from .counting import (
    DAILY_TYPES,
    NO_KEY,
    add_metrics,
    empty_metrics,
    event_metrics,
    percent,
)
from .definitions import label
from .headlines import Headline, detail_rows, headline_table, headlines
from .learning import TOO_FEW_CELL, interval_text, learning_rows
from .lookups import (
    channel_label,
    format_label,
    language_keys,
    language_label,
    page_of,
    pages_of,
    term_names,
)
from .periods import Period
from .tables import EVENT_COLUMNS, PARTNER_COLUMNS, ReportColumn, ReportTable

Dimension = CampaignReachFigure.Dimension
TagDimension = DailyTagRollup.Dimension
TOP_REFERRERS = 20  # the referrer table's rows; the other sites are summed in one row


@dataclass
class CampaignReport:
    campaign: Campaign
    period: Period
    headline: Headline
    daily: list
    tables: dict  # key -> ReportTable, in display order
    red_flag_chart: list = field(default_factory=list)

    def table(self, key):
        return self.tables[key]


def campaign_report(campaign, period=None, today=None):
    """Everything the campaign report shows, in a fixed number of queries."""
    period = period or Period.of_campaign(campaign)
    today = today or site_today()
    rows = detail_rows([campaign.pk], period)
    flags = _red_flag_choices(campaign, period)
    reach = _reach_figures(campaign.pk)
    pages = pages_of(_page_ids(rows, flags, reach))
    headline = headlines([campaign], period, rows=rows, pages=pages)[campaign.pk]
    links = {
        link.pk: link for link in TrackingLink.objects.filter(campaign=campaign)
        .order_by("channel", "label", "code")
    }
    segments = term_names(AudienceSegment.objects.order_by("sort_order", "slug"))
    counts = Breakdowns.of(rows, pages, links)
    red_flags = RedFlagCounts.of(flags, pages)
    daily = _daily(campaign, period, today)
    tags = _tag_figures(campaign, period)
    tables = {
        "headline": headline_table(headline),
        "daily": _daily_table(daily),
        "segments": _segment_table(counts.by_segment, reach[Dimension.SEGMENT], segments),
        "channels": _channel_table(counts.by_channel, reach[Dimension.CHANNEL]),
        "lessons": _lesson_table(counts.by_page, reach[Dimension.PAGE], pages),
        "links": _link_table(counts.by_link, reach[Dimension.LINK], links),
        "formats": _format_table(counts.by_format, reach[Dimension.FORMAT]),
        "languages": language_table(counts.by_language, reach[Dimension.LANGUAGE], headline),
        "sources": _tag_table("sources", _("By source (utm_source)"), _("Source"),
                              tags[TagDimension.SOURCE]),
        "mediums": _tag_table("mediums", _("By medium (utm_medium)"), _("Medium"),
                              tags[TagDimension.MEDIUM]),
        "referrers": _tag_table("referrers", _("By referring site"), _("Site (host only)"),
                                tags[TagDimension.REFERRER], top=TOP_REFERRERS),

        "learning": learning_table(campaign, period),
        "red_flags": _red_flag_table(red_flags.rows()),
        "red_flags_by_segment": _red_flags_by_segment_table(red_flags, segments),
        "offline": _offline_table(campaign, period, segments),
        "partner": ReportTable(
            "partner", _("Partner-reported figures"), PARTNER_COLUMNS, headline.partner,
            definition="partner_figures",
        ),
    }
    return CampaignReport(
        campaign=campaign, period=period, headline=headline, daily=daily, tables=tables,
        red_flag_chart=tables["red_flags"].rows,
    )


# --- reading ---------------------------------------------------------------------------------


def _red_flag_choices(campaign, period):
    """Choices and safe choices per page and red flag tested, summed over the period."""
    return list(
        DailyScenarioRollup.objects.filter(period.day_filter(), campaign_id=campaign.pk)
        .exclude(red_flag="").order_by().values("page_id", "red_flag")
        .annotate(choices=Sum("choices"), safe=Sum("safe_choices"))
    )


def _reach_figures(campaign_id):
    """{dimension: {key: people}} of the campaign's deduplicated reach figures."""
    figures = defaultdict(dict)
    for dimension, key, n in CampaignReachFigure.objects.filter(
        campaign_id=campaign_id
    ).values_list("dimension", "key", "unique_visitors"):
        figures[dimension][key] = n
    return figures


def _tag_figures(campaign, period):
    """{dimension: {key: {"visitors", "views", "events"}}} of the campaign's tag rollups,
    summed over the period, in one query."""
    found = defaultdict(dict)
    for row in (
        DailyTagRollup.objects.filter(period.day_filter(), campaign_id=campaign.pk)
        .order_by().values("dimension", "key")
        .annotate(visitors=Sum("unique_visitors"), views=Sum("views"), events=Sum("events"))
    ):
        found[row["dimension"]][row["key"]] = {
            "visitors": row["visitors"] or 0, "views": row["views"] or 0,
            "events": row["events"] or 0,
        }
    return found


def _page_ids(rows, flags, reach):
    """Every page the report names: with events, red-flag choices or reach."""
    page_ids = {row["page_id"] for row in rows} | {row["page_id"] for row in flags}
    return page_ids | {int(key) for key in reach.get(Dimension.PAGE, {}) if key.isdigit()}


@dataclass
class Breakdowns:
    """The event figures of the campaign's rollup rows, summed per page, tracking link,
    channel, lesson format, audience and language."""

    by_page: dict = field(default_factory=lambda: defaultdict(empty_metrics))
    by_link: dict = field(default_factory=lambda: defaultdict(empty_metrics))
    by_channel: dict = field(default_factory=lambda: defaultdict(empty_metrics))
    by_format: dict = field(default_factory=lambda: defaultdict(empty_metrics))
    by_segment: dict = field(default_factory=lambda: defaultdict(empty_metrics))
    by_language: dict = field(default_factory=lambda: defaultdict(empty_metrics))

    @classmethod
    def of(cls, rows, pages, links):
        counts = cls()
        for row in rows:
            page = page_of(pages, row["page_id"])
            metrics = event_metrics(row["event_type"], page["format"], row["qualified"],
                                    row["raw"])
            if metrics:
                counts.add(row, page, links.get(row["link_id"]), metrics)
        return counts

    def add(self, row, page, link, metrics):
        add_metrics(self.by_page[row["page_id"]], metrics)
        add_metrics(self.by_link[row["link_id"] or 0], metrics)
        # A campaign's event without a link was attributed by its utm_campaign tag.
        add_metrics(self.by_channel[link.channel if link else TAG_CHANNEL], metrics)
        add_metrics(self.by_format[page["format"]], metrics)
        add_metrics(self.by_language[page["language"]], metrics)
        for slug in page["segments"] or [NO_KEY]:
            add_metrics(self.by_segment[slug], metrics)


@dataclass
class RedFlagCounts:
    """[choices, safe choices] per red flag, and per (audience slug, red flag), of the red
    flags that are RedFlag snippets, with the flags' names."""

    names: dict
    totals: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))
    by_segment: dict = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    @classmethod
    def of(cls, flags, pages):
        # Only red flags that are RedFlag snippets: a slug nobody manages (stored before the
        # beacon's vocabulary was closed, or its snippet since deleted) is left out, never
        # shown.
        names = term_names(
            RedFlag.objects.filter(slug__in={row["red_flag"] for row in flags}).order_by()
        ) if flags else {}
        counts = cls(names)
        for row in flags:
            if row["red_flag"] in names:
                counts.add(row, page_of(pages, row["page_id"])["segments"] or [NO_KEY])
        return counts

    def add(self, row, segment_slugs):
        self.totals[row["red_flag"]][0] += row["choices"] or 0
        self.totals[row["red_flag"]][1] += row["safe"] or 0
        for slug in segment_slugs:
            self.by_segment[(slug, row["red_flag"])][0] += row["choices"] or 0
            self.by_segment[(slug, row["red_flag"])][1] += row["safe"] or 0

    def name(self, slug):
        return self.names.get(slug, slug)

    def rows(self):
        """One row per red flag, by name; also the report's red-flag chart."""
        return sorted(
            ({"label": self.name(slug), "slug": slug, "choices": c, "safe_choices": s,
              "rate": percent(s, c)} for slug, (c, s) in self.totals.items()),
            key=lambda row: str(row["label"]).lower(),
        )


def _daily(campaign, period, today):
    """One row per day of the period: visitors, views, engaged views, link opens and
    scenario completions."""
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


# --- the tables ------------------------------------------------------------------------------


def _breakdown_row(label_text, metrics, reach, **extra):
    return {"label": label_text, **extra, **metrics, "reach": reach}


def _breakdown_columns(*first):
    """The label column, any other leading columns, the event figures and the row's reach."""
    return [*first, *EVENT_COLUMNS,
            ReportColumn("reach", label("dimension_reach"), "int", "dimension_reach")]


def _segment_table(by_segment, segment_reach, segments):
    rows = [
        _breakdown_row(name, by_segment.get(slug, empty_metrics()), segment_reach.get(slug, 0),
                       slug=slug)
        for slug, name in segments.items() if slug in by_segment or slug in segment_reach
    ]
    if NO_KEY in by_segment:
        rows.append(_breakdown_row(_("No audience set"), by_segment[NO_KEY], None, slug=""))
    return ReportTable(
        "segments", _("By audience"),
        _breakdown_columns(ReportColumn("label", _("Audience"), "text")), rows,
        definition="segment_events",
    )


def _channel_table(by_channel, channel_reach):
    rows = [
        _breakdown_row(channel_label(c), by_channel.get(c, empty_metrics()),
                       channel_reach.get(c, 0), channel_code=c)
        for c in [*Channel.values, TAG_CHANNEL] if c in by_channel or c in channel_reach
    ]
    if NO_KEY in by_channel:
        rows.append(_breakdown_row(channel_label(NO_KEY), by_channel[NO_KEY], None,
                                   channel_code=""))
    return ReportTable(
        "channels", _("By channel"),
        _breakdown_columns(ReportColumn("label", _("Channel"), "text")), rows,
    )


def _lesson_table(by_page, page_reach, pages):
    """Lessons by views (most first), then title; lessons with reach but no events too."""
    page_order = sorted(
        set(by_page) | {int(k) for k in page_reach if k.isdigit()},
        key=lambda pk: (-by_page.get(pk, {}).get("views", 0), str(page_of(pages, pk)["title"])),
    )
    return ReportTable(
        "lessons", _("By lesson"),
        _breakdown_columns(ReportColumn("label", _("Lesson"), "text"),
                           ReportColumn("format", _("Format"), "text")),
        [_breakdown_row(page_of(pages, pk)["title"], by_page.get(pk, empty_metrics()),
                        page_reach.get(str(pk), 0), page_id=pk,
                        format=format_label(page_of(pages, pk)["format"]),
                        format_code=page_of(pages, pk)["format"])
         for pk in page_order],
    )


def _link_table(by_link, link_reach, links):
    return ReportTable(
        "links", _("By tracking link (location)"),
        _breakdown_columns(ReportColumn("label", _("Label (where it is used)"), "text"),
                           ReportColumn("code", _("Code"), "text"),
                           ReportColumn("channel", _("Channel"), "text")),
        [_breakdown_row(link.label or link.code, by_link.get(pk, empty_metrics()),
                        link_reach.get(str(pk), 0), link_id=pk, code=link.code,
                        channel=channel_label(link.channel), channel_code=link.channel)
         for pk, link in links.items()],
    )


def _format_table(by_format, format_reach):
    rows = [
        _breakdown_row(format_label(f), by_format.get(f, empty_metrics()),
                       format_reach.get(f, 0), format_code=f)
        for f in LessonFormat.values if f in by_format or f in format_reach
    ]
    if "" in by_format:
        rows.append(_breakdown_row(format_label(""), by_format[""], None, format_code=""))
    return ReportTable(
        "formats", _("By format"),
        _breakdown_columns(ReportColumn("label", _("Format"), "text")), rows,
    )


def language_table(by_language, language_reach, headline):
    """Events and reach per language of the lesson pages, and the campaign's total. Events add
    up; reach does not (a person who read in two languages is in both rows, once in the total).
    """
    rows = [
        _breakdown_row(language_label(code), by_language.get(code, empty_metrics()),
                       language_reach.get(code, 0) if code else None, language=code)
        for code in language_keys(by_language, language_reach)
    ]
    rows.append(_breakdown_row(_("All languages"), dict(headline.events),
                               headline.online_reach, language="*"))
    return ReportTable(
        "languages", _("By language"),
        [ReportColumn("label", _("Language"), "text"), *EVENT_COLUMNS,
         ReportColumn("reach", label("language_reach"), "int", "language_reach")],
        rows, definition="language_events",
        note=_("Events add up to the last row. Reach does not: it is counted per language, and "
               "a person who read in both languages counts in each language but once in "
               "“All languages” (the campaign's online reach)."),
    )


def _tag_table(key, title, heading, figures, top=None):
    """One row per tag value (most visitor-days first, then by name), then "Other sites"
    beyond ``top``, then the events without one ("No tag"): the rows add up to the
    campaign's qualified events."""
    tagged = sorted(((k, v) for k, v in figures.items() if k),
                    key=lambda item: (-item[1]["visitors"], -item[1]["events"], item[0]))
    rows = [{"label": k, **v} for k, v in tagged[:top]]
    if top is not None and len(tagged) > top:
        other = {"visitors": 0, "views": 0, "events": 0}
        for _k, v in tagged[top:]:
            for name in other:
                other[name] += v[name]
        rows.append({"label": _("Other sites (%(count)s)") % {"count": len(tagged) - top},
                     **other})
    if "" in figures:
        rows.append({"label": _("No tag") if top is None else
                     _("No other site (typed, bookmarked, an app, or not told)"),
                     **figures[""]})
    return ReportTable(
        key, title,
        [ReportColumn("label", heading, "text"),
         ReportColumn("visitors", label("tag_visitor_days"), "int", "tag_visitor_days"),
         ReportColumn("views", label("views"), "int", "views"),
         ReportColumn("events", label("tag_events"), "int", "tag_events")],
        rows, definition="tag_breakdown",
    )


def _rate_columns():
    return [
        ReportColumn("choices", _("Choices at steps testing it"), "int"),
        ReportColumn("safe_choices", _("Safe choices"), "int"),
        ReportColumn("rate", label("red_flag_rate"), "pct", "red_flag_rate"),
    ]


def _red_flag_table(flag_rows):
    return ReportTable(
        "red_flags", _("Red-flag detection"),
        [ReportColumn("label", _("Red flag"), "text"), *_rate_columns()], flag_rows,
        definition="red_flag_rate",
    )


def _red_flags_by_segment_table(red_flags, segments):
    """Audiences in their order (lessons without one last), then red flags by name."""
    segment_order = {slug: n for n, slug in enumerate(segments)}
    ordered = sorted(
        red_flags.by_segment.items(),
        key=lambda item: (segment_order.get(item[0][0], len(segment_order)),
                          str(red_flags.name(item[0][1])).lower()),
    )
    return ReportTable(
        "red_flags_by_segment", _("Red-flag detection by audience"),
        [ReportColumn("segment", _("Audience"), "text"),
         ReportColumn("label", _("Red flag"), "text"), *_rate_columns()],
        [{"segment": segments[slug] if slug in segments else _("No audience set"),
          "segment_slug": slug, "slug": flag,
          "label": red_flags.name(flag), "choices": c, "safe_choices": s,
          "rate": percent(s, c)}
         for (slug, flag), (c, s) in ordered],
        definition="red_flag_rate_by_segment",
    )


def learning_table(campaign, period):
    """Right answers before and after, per lesson × language × audience × kind of check
    (``campaigns.figures.learning``); a row with too few pairs shows only its n."""
    if period.whole_campaign:
        rows = learning_rows(campaign)
    else:
        rows = learning_rows(campaign, start=period.start, end=period.end)
    shown = []
    for row in rows:
        f = row.figure
        shown.append({
            "label": row.lesson, "language": row.language_name, "audience": row.audience_name,
            "kind": row.kind_name, "n": f.n,
            # numbers stay numbers (exports, the API): a hidden figure is empty, and says why
            "note": TOO_FEW_CELL if f.suppressed else "",
            "before": f.before,
            "before_interval": interval_text(f.before_lower, f.before_upper),
            "after": f.after, "after_interval": interval_text(f.after_lower, f.after_upper),
            "change": f.difference,
            "change_interval": interval_text(f.difference_lower, f.difference_upper, True),
            "suppressed": f.suppressed,
            # stable keys for the read API (reach_api)
            "page_id": row.lesson_id, "language_code": row.language,
            "segment_slug": row.audience, "kind_code": row.kind,
        })
    return ReportTable(
        "learning", _("Learning: right answers before and after"),
        [ReportColumn("label", _("Lesson"), "text"),
         ReportColumn("language", _("Language"), "text"),
         ReportColumn("audience", _("Audience"), "text"),
         ReportColumn("kind", _("What was checked"), "text"),
         ReportColumn("n", label("learning_pairs"), "int", "learning_pairs"),
         ReportColumn("note", _("Shown?"), "text"),
         ReportColumn("before", label("learning_before"), "pct", "learning_before"),
         # xgettext:no-python-format
         ReportColumn("before_interval", _("95 % interval, before"), "text"),
         ReportColumn("after", label("learning_after"), "pct", "learning_after"),
         # xgettext:no-python-format
         ReportColumn("after_interval", _("95 % interval, after"), "text"),
         ReportColumn("change", label("learning_change"), "pp", "learning_change"),
         # xgettext:no-python-format
         ReportColumn("change_interval", _("95 % interval of the change"), "text")],
        shown, definition="learning",
        note=_("Each pair is one learner's first answer and their later answer to the same "
               "question (or red flag, or message), in the same browser tab. Rows with fewer "
               "than 20 pairs say “too few answers” and show no figure."),
    )


def _daily_table(daily):
    return ReportTable(
        "daily", _("Daily figures"),
        [ReportColumn("day", _("Day"), "date"),
         ReportColumn("visitors", _("Unique visitors that day"), "int", "visitor_days"),
         ReportColumn("views", label("views"), "int", "views"),
         ReportColumn("engaged_views", label("engaged_views"), "int", "engaged_views"),
         ReportColumn("link_opens", label("link_opens"), "int", "link_opens"),
         ReportColumn("scenario_completions", label("scenario_completions"), "int",
                      "scenario_completions")],
        daily, definition="daily",
    )


def _offline_table(campaign, period, segments):
    events = (OfflineEvent.objects.filter(period.day_filter("date"), campaign=campaign)
              .select_related("segment").order_by("date", "place", "pk"))
    return ReportTable(
        "offline", _("Offline events"),
        [ReportColumn("date", _("Date"), "date"), ReportColumn("place", _("Place"), "text"),
         ReportColumn("partner", _("Partner organisation"), "text"),
         ReportColumn("format", _("Format"), "text"),
         ReportColumn("segment", _("Audience"), "text"),
         ReportColumn("attendance", _("Counted attendance"), "int", "offline_attendance"),
         ReportColumn("materials", _("Materials handed out"), "int", "materials_handed_out")],
        [{"date": e.date, "place": e.place, "partner": e.partner,
          "format": e.get_format_display(),
          "segment": segments.get(e.segment.slug, e.segment.name) if e.segment else "",
          "attendance": e.attendance, "materials": e.materials_handed_out}
         for e in events],
        definition="offline_attendance",
    )
