"""Daily rollups of raw reach events: what every report reads.

A day is always recomputed whole from its raw events (delete + insert in one transaction),
so re-running is idempotent and a past day can be redone at any time. The incremental run
recomputes every day that received events since the previous run started, minus a safety
lag, so an event that committed while a rollup was running is picked up by the next one.
Concurrent rollups are serialised by a row lock on the single RollupState row. Each month a
run touched is then rewritten from its daily rows (``refresh_month``: the monthly rollups the
annual report reads), once per run and month.
"""

import datetime as dt
from itertools import groupby

from django.conf import settings
from django.db import connection, models, transaction
from django.db.models import Count, Q

from education.models import LessonPage

from .days import day_of
from .models import (
    Campaign,
    CampaignReachFigure,
    CampaignReachTally,
    CampaignVisitor,
    CampaignVisitorTouch,
    DailyLearningRollup,
    DailyRollup,
    DailyScenarioRollup,
    DailyTagRollup,
    MonthlyRollup,
    MonthlyScenarioRollup,
    ReachEvent,
    ReachEventId,
    RollupState,
)
from .partitions import ensure_partitions, is_partitioned, month_of, next_month, prune_partitions
from .privacy import campaign_salt_lifetime, destroy_expired_salts

SAFETY_LAG = dt.timedelta(minutes=15)
PRUNE_BATCH = 5000


def _state():
    state, _ = RollupState.objects.get_or_create(pk=1)
    return state


def rollup_day(day, month=True):
    """Recompute one day's rollup rows, and its month's (``refresh_month``) in the same
    transaction unless ``month`` is false (``rollup_days`` refreshes each month once, after
    its days). Returns how many daily rows it wrote."""
    with transaction.atomic():
        RollupState.objects.select_for_update().filter(pk=1).first()
        DailyRollup.objects.filter(day=day).delete()
        events = ReachEvent.objects.filter(day=day).order_by()
        qualified = Q(qualified=True)
        detail = events.values("campaign_id", "page_id", "link_id", "event_type").annotate(
            raw=Count("id"),
            confirmed=Count("id", filter=qualified),
            visitors=Count("visitor_key", distinct=True, filter=qualified),
        )
        totals = events.values("campaign_id").annotate(
            raw=Count("id"),
            confirmed=Count("id", filter=qualified),
            visitors=Count("visitor_key", distinct=True, filter=qualified),
        )
        rows = [
            DailyRollup(
                day=day, campaign_id=row["campaign_id"], page_id=row["page_id"],
                link_id=row["link_id"], event_type=row["event_type"], raw_events=row["raw"],
                qualified_events=row["confirmed"], unique_visitors=row["visitors"],
            )
            for row in detail
        ] + [
            DailyRollup(
                day=day, campaign_id=row["campaign_id"], page_id=0, link_id=None,
                event_type=DailyRollup.ALL, raw_events=row["raw"],
                qualified_events=row["confirmed"], unique_visitors=row["visitors"],
            )
            for row in totals
        ]
        DailyRollup.objects.bulk_create(rows, batch_size=1000)
        written = len(rows)
        for model, make_rows in DETAIL_ROLLUPS:
            detail_rows = make_rows(day, events)
            model.objects.filter(day=day).delete()
            model.objects.bulk_create(detail_rows, batch_size=1000)
            written += len(detail_rows)
        if month:
            refresh_month(month_of(day))
        return written


TAG_COLUMNS = {
    DailyTagRollup.Dimension.SOURCE: "utm_source",
    DailyTagRollup.Dimension.MEDIUM: "utm_medium",
    DailyTagRollup.Dimension.REFERRER: "referrer_host",
}


def _tag_rows(day, events):
    """Qualified events, views and unique visitors per campaign and utm_source, utm_medium
    and referring host; "" for events without one, so each dimension adds up to the day."""
    qualified = events.filter(qualified=True)
    rows = []
    for dimension, column in TAG_COLUMNS.items():
        for row in qualified.values("campaign_id", column).annotate(
            n=Count("id"), views=Count("id", filter=Q(event_type="view")),
            visitors=Count("visitor_key", distinct=True),
        ):
            rows.append(DailyTagRollup(
                day=day, campaign_id=row["campaign_id"], dimension=dimension, key=row[column],
                events=row["n"], views=row["views"], unique_visitors=row["visitors"],
            ))
    return rows


def refresh_month(month):
    """Rewrite the month's MonthlyRollup and MonthlyScenarioRollup rows from its daily rows,
    summed in the database (one INSERT … SELECT each; ~50 ms for a month of 33,000 daily rows
    at 10 M events a year)."""
    bounds = [month, next_month(month)]
    monthly, daily = MonthlyRollup._meta.db_table, DailyRollup._meta.db_table
    scenario, daily_scenario = (MonthlyScenarioRollup._meta.db_table,
                                DailyScenarioRollup._meta.db_table)
    MonthlyRollup.objects.filter(month=month).delete()
    MonthlyScenarioRollup.objects.filter(month=month).delete()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {monthly} (month, campaign_id, page_id, event_type, qualified_events, "
            "raw_events, visitor_days) "
            "SELECT %s, campaign_id, page_id, event_type, SUM(qualified_events), "
            f"SUM(raw_events), SUM(unique_visitors) FROM {daily} WHERE day >= %s AND day < %s "
            "GROUP BY campaign_id, page_id, event_type", [month, *bounds],
        )
        cursor.execute(
            f"INSERT INTO {scenario} (month, campaign_id, page_id, red_flag, outcome, choices, "
            "safe_choices, endings) "
            "SELECT %s, campaign_id, page_id, red_flag, outcome, SUM(choices), "
            f"SUM(safe_choices), SUM(endings) FROM {daily_scenario} "
            "WHERE day >= %s AND day < %s GROUP BY campaign_id, page_id, red_flag, outcome",
            [month, *bounds],
        )


def _scenario_rows(day, events):
    """Choices per red flag (and how many were safe) and endings per outcome."""
    choices = (
        events.filter(event_type="choice", qualified=True)
        .values("campaign_id", "page_id", "props__red_flag")
        .annotate(n=Count("id"), safe=Count("id", filter=Q(props__safe=True)))
    )
    endings = (
        events.filter(event_type="scenario_end", qualified=True)
        .values("campaign_id", "page_id", "props__outcome")
        .annotate(n=Count("id"))
    )
    return [
        DailyScenarioRollup(
            day=day, campaign_id=row["campaign_id"], page_id=row["page_id"],
            red_flag=row["props__red_flag"] or "", choices=row["n"], safe_choices=row["safe"],
        )
        for row in choices
    ] + [
        DailyScenarioRollup(
            day=day, campaign_id=row["campaign_id"], page_id=row["page_id"],
            outcome=row["props__outcome"] or "", endings=row["n"],
        )
        for row in endings
    ]


def _learning_rows(day, events):
    """The 2×2 table of learning-check pairs (right/wrong before × right/wrong after) per
    campaign, lesson, kind ("question", "red_flag", "message") and item."""
    before, after = Q(props__before=True), Q(props__after=True)
    not_before, not_after = Q(props__before=False), Q(props__after=False)
    pairs = (
        events.filter(event_type="check", qualified=True)
        .values("campaign_id", "page_id", "props__of", "props__item")
        .annotate(
            right_right=Count("id", filter=before & after),
            right_wrong=Count("id", filter=before & not_after),
            wrong_right=Count("id", filter=not_before & after),
            wrong_wrong=Count("id", filter=not_before & not_after),
        )
    )
    return [
        DailyLearningRollup(
            day=day, campaign_id=row["campaign_id"], page_id=row["page_id"],
            kind=row["props__of"] or "", item=row["props__item"] or "",
            right_right=row["right_right"], right_wrong=row["right_wrong"],
            wrong_right=row["wrong_right"], wrong_wrong=row["wrong_wrong"],
        )
        for row in pairs
    ]


# Reach per campaign ----------------------------------------------------------------------
#
# A campaign's figures are distinct visitor keys over its *counted* touches
# (CampaignVisitorTouch, filled by the ingest), per dimension and key. Each rollup adds only the
# touches not counted yet: for each visitor among them, the keys its new touches reach minus the
# keys its already-counted touches reached. So a run reads a day's new touches and those same
# visitors' earlier touches (an index on campaign + visitor key), never the whole visitor set,
# and the figure stays exactly the distinct count a full recount gives. Touches committed while
# a run counts stay uncounted and are taken by the next run; a re-run finds nothing to add.
# A full recount (``rollup_reach --all``, or a campaign's first count) rebuilds the figures from
# the counted touches. Lesson facts (format, audience segments, language) are read when a touch
# is counted: a lesson edited later keeps the visitors counted before; ``--all`` recounts them.

Dimension = CampaignReachFigure.Dimension
_KEY_CHUNK = 2000


def _lesson_keys(lesson_ids):
    """{lesson id: [(dimension, key)]} of the lesson-derived keys (format, segments, language).
    A lesson deleted since has none, as in the full recount."""
    found = {lesson_id: [] for lesson_id in lesson_ids}
    lessons = LessonPage.objects.filter(pk__in=lesson_ids).values_list(
        "pk", "lesson_format", "locale__language_code"
    )
    for pk, lesson_format, language in lessons:
        found[pk] += [(Dimension.FORMAT, lesson_format), (Dimension.LANGUAGE, language)]
    segments = LessonPage.segments.through.objects.filter(
        lessonpage_id__in=lesson_ids
    ).values_list("lessonpage_id", "audiencesegment__slug")
    for pk, slug in segments:
        found[pk].append((Dimension.SEGMENT, slug))
    return found


def _touch_keys(lesson_id, link_id, channel, lesson_keys):
    keys = {(Dimension.ALL, ""), (Dimension.PAGE, str(lesson_id))}
    if link_id:
        keys.add((Dimension.LINK, str(link_id)))
    if channel:
        keys.add((Dimension.CHANNEL, channel))
    keys.update((dim, str(key)) for dim, key in lesson_keys.get(lesson_id, ()) if key is not None)
    return keys


def _count_new_touches(campaign_id, now):
    """Add the campaign's uncounted touches to its figures. Returns how many touches."""
    new = list(
        CampaignVisitorTouch.objects.filter(campaign_id=campaign_id, counted=False)
        .values_list("pk", "lesson_id", "link_id", "channel", "visitor_key")
    )
    if not new:
        return 0
    visitors = sorted({row[4] for row in new})
    earlier = []
    for start in range(0, len(visitors), _KEY_CHUNK):
        earlier += CampaignVisitorTouch.objects.filter(
            campaign_id=campaign_id, counted=True,
            visitor_key__in=visitors[start:start + _KEY_CHUNK],
        ).values_list("lesson_id", "link_id", "channel", "visitor_key")
    lesson_keys = _lesson_keys({row[1] for row in new} | {row[0] for row in earlier})
    reached = {}
    for lesson_id, link_id, channel, key in earlier:
        reached.setdefault(key, set()).update(_touch_keys(lesson_id, link_id, channel, lesson_keys))
    added = {}
    for _pk, lesson_id, link_id, channel, key in new:
        known = reached.setdefault(key, set())
        for figure_key in _touch_keys(lesson_id, link_id, channel, lesson_keys) - known:
            added[figure_key] = added.get(figure_key, 0) + 1
            known.add(figure_key)
    ids = [row[0] for row in new]
    for start in range(0, len(ids), _KEY_CHUNK):
        CampaignVisitorTouch.objects.filter(pk__in=ids[start:start + _KEY_CHUNK]).update(
            counted=True
        )
    figures = CampaignReachFigure.objects.filter(campaign_id=campaign_id)
    existing = set(figures.values_list("dimension", "key"))
    for (dimension, key), n in added.items():
        if (dimension, key) in existing:
            figures.filter(dimension=dimension, key=key).update(
                unique_visitors=models.F("unique_visitors") + n
            )
    CampaignReachFigure.objects.bulk_create([
        CampaignReachFigure(campaign_id=campaign_id, dimension=dimension, key=key,
                            unique_visitors=n, computed_at=now)
        for (dimension, key), n in added.items() if (dimension, key) not in existing
    ], batch_size=1000)
    figures.update(computed_at=now)
    return len(new)


def recount_campaign_reach(campaign_id, now):
    """Count the campaign's figures in full from its touches (all marked counted first)."""
    CampaignVisitorTouch.objects.filter(campaign_id=campaign_id, counted=False).update(
        counted=True
    )
    touches = CampaignVisitorTouch.objects.filter(campaign_id=campaign_id, counted=True).order_by()
    groups = {
        Dimension.ALL: touches.values(key=models.Value("", output_field=models.CharField())),
        Dimension.PAGE: touches.values(key=models.F("lesson_id")),
        Dimension.LINK: touches.filter(link_id__gt=0).values(key=models.F("link_id")),
        Dimension.CHANNEL: touches.exclude(channel="").values(key=models.F("channel")),
        Dimension.FORMAT: touches.values(key=models.F("lesson__lesson_format")),
        Dimension.SEGMENT: touches.values(key=models.F("lesson__segments__slug")),
        Dimension.LANGUAGE: touches.values(key=models.F("lesson__locale__language_code")),
    }
    figures = []
    for dimension, query in groups.items():
        for row in query.annotate(n=Count("visitor_key", distinct=True)):
            if row["key"] is not None:
                figures.append(CampaignReachFigure(
                    campaign_id=campaign_id, dimension=dimension, key=str(row["key"]),
                    unique_visitors=row["n"], computed_at=now,
                ))
    if not any(figure.dimension == Dimension.ALL for figure in figures):
        figures.append(CampaignReachFigure(campaign_id=campaign_id, dimension=Dimension.ALL,
                                           key="", unique_visitors=0, computed_at=now))
    CampaignReachFigure.objects.filter(campaign_id=campaign_id).delete()
    CampaignReachFigure.objects.bulk_create(figures, batch_size=1000)
    CampaignReachTally.objects.get_or_create(campaign_id=campaign_id)


def count_campaign_reach(now, recount=()):
    """Bring every campaign's reach figures up to date: incrementally where they are kept so
    (a CampaignReachTally), in full for the campaigns in ``recount`` and those counted for the
    first time. A campaign whose keys were discarded is never recounted in full (its earlier
    visitors are gone); its new touches, if any, are added."""
    with transaction.atomic():
        RollupState.objects.select_for_update().filter(pk=1).first()
        pending = set(
            CampaignVisitorTouch.objects.filter(counted=False)
            .order_by().values_list("campaign_id", flat=True).distinct()
        )
        tallies = dict(CampaignReachTally.objects.values_list("campaign_id", "keys_discarded_at"))
        for campaign_id in sorted(pending | set(recount)):
            full = campaign_id in recount or campaign_id not in tallies
            if full and tallies.get(campaign_id) is None:
                recount_campaign_reach(campaign_id, now)
            else:
                _count_new_touches(campaign_id, now)


def recompute_campaign_reach(campaign_ids, now):
    """Deduplicated reach per campaign, lesson, link, channel, format, segment and language,
    counted in full for these campaigns (and incrementally for any other with new touches)."""
    count_campaign_reach(now, recount=set(campaign_ids))


def days_with_events_since(moment):
    return sorted(
        ReachEvent.objects.filter(received_at__gte=moment)
        .order_by().values_list("day", flat=True).distinct()
    )


def all_event_days():
    return sorted(ReachEvent.objects.order_by().values_list("day", flat=True).distinct())


def rollup_days(days, now, recount=False):
    """Recompute these days and bring the campaigns' reach up to date; with ``recount``, the
    reach of every campaign with events on these days is counted in full."""
    ensure_partitions(day_of(now))
    # Each month's rows are rewritten once, after its days (not once a day: a first run over a
    # year would rewrite each month some 30 times). Until then the annual report reads the
    # month as it was before this run; if the run stops between, the incremental run does
    # these days again (RollupState moves on only after it), and --day/--all are re-run.
    for month, month_days in groupby(sorted(days), key=month_of):
        for day in month_days:
            rollup_day(day, month=False)
        with transaction.atomic():
            RollupState.objects.select_for_update().filter(pk=1).first()
            refresh_month(month)
    touched = []
    if recount:
        touched = (
            ReachEvent.objects.filter(day__in=days, campaign__isnull=False)
            .order_by().values_list("campaign_id", flat=True).distinct()
        )
    count_campaign_reach(now, recount=set(touched))


def rollup_incremental(now):
    """Recompute the days touched since the last run. Returns the days recomputed."""
    state = _state()
    if state.last_started_at is None:  # first run: every day there is
        days = all_event_days()
    else:
        days = days_with_events_since(state.last_started_at - SAFETY_LAG)
    rollup_days(days, now)
    RollupState.objects.filter(pk=1).update(last_started_at=now)
    return days


def prune_raw_events(now, keep_days=None):
    """Remove raw events older than the retention (13 months); rollups stay. Returns how many.

    PostgreSQL drops the monthly partitions wholly past the retention and deletes the older
    days of the partition it falls inside (campaigns.partitions); SQLite deletes rows. The ids
    kept for deduplication (ReachEventId) go with their events.
    """
    keep_days = keep_days or settings.REACH_RAW_RETENTION_DAYS
    cutoff = day_of(now - dt.timedelta(days=keep_days))
    if is_partitioned():
        with transaction.atomic():
            removed = prune_partitions(cutoff)
        prune_event_ids(cutoff)
        return removed
    return _delete_in_batches(ReachEvent.objects.filter(day__lt=cutoff))


def prune_event_ids(cutoff):
    """Forget the ids of events before ``cutoff`` (PostgreSQL, one statement): an id kept no
    longer than its event, as when ids lived in the event table. Returns how many."""
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {ReachEventId._meta.db_table} WHERE day < %s", [cutoff])
        return cursor.rowcount


def _delete_in_batches(rows):
    total = 0
    while True:
        ids = list(rows.values_list("pk", flat=True)[:PRUNE_BATCH])
        if not ids:
            return total
        deleted, _ = rows.model.objects.filter(pk__in=ids).delete()
        total += deleted


def discard_unlinkable_keys(now):
    """Delete the visitor keys kept for campaigns whose salt is destroyed; figures stay.

    A campaign's keys (CampaignVisitor, CampaignVisitorTouch) exist to tell a returning visitor
    from a new one. Once its salt is destroyed (48 h after the campaign's end) no visit can
    produce those keys again, so after counting what is left to count they are deleted and the
    campaign's figures are final (CampaignReachTally.keys_discarded_at). Returns how many
    campaigns had their keys discarded.
    """
    ended = [
        campaign_id
        for campaign_id, ends_on in Campaign.objects.filter(salt__isnull=True)
        .exclude(pk__in=CampaignReachTally.objects.filter(keys_discarded_at__isnull=False)
                 .values("campaign_id"))
        .values_list("pk", "ends_on")
        if campaign_salt_lifetime(ends_on)[1] <= now
    ]
    with_keys = set(
        CampaignVisitorTouch.objects.filter(campaign_id__in=ended)
        .order_by().values_list("campaign_id", flat=True).distinct()
    ) | set(
        CampaignVisitor.objects.filter(campaign_id__in=ended)
        .order_by().values_list("campaign_id", flat=True).distinct()
    )
    if not with_keys:
        return 0
    count_campaign_reach(now)
    with transaction.atomic():
        RollupState.objects.select_for_update().filter(pk=1).first()
        for campaign_id in sorted(with_keys):
            CampaignVisitorTouch.objects.filter(campaign_id=campaign_id).delete()
            CampaignVisitor.objects.filter(campaign_id=campaign_id).delete()
            CampaignReachTally.objects.update_or_create(
                campaign_id=campaign_id, defaults={"keys_discarded_at": now}
            )
    return len(with_keys)


def housekeeping(now):
    """Salt destruction rides along with every rollup run (it must run at least hourly)."""
    return destroy_expired_salts(now)


# The other daily rollups rewritten with DailyRollup in rollup_day: (model, its rows of a day).
DETAIL_ROLLUPS = (
    (DailyScenarioRollup, _scenario_rows),
    (DailyLearningRollup, _learning_rows),
    (DailyTagRollup, _tag_rows),
)
