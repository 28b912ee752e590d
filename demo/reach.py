"""Demo campaigns and ~90 days of synthetic reach, sent through the real ingest code.

Nothing is written around the ingest: every event goes through ``parse_batch`` and
``ingest`` (and every scan through ``record_link_open``) with a server-side clock set to the
simulated moment, so the demo figures obey exactly the rules real traffic does. That includes
the learning checks: learners who answer a lesson's check questions before and after it, and
scenario and spot-the-scam replays, send ``check`` events as check-questions.js,
scenario-player.js and spot-quiz.js do. The
campaigns also get their offline events and partner figures (fixed lists, seeded counts),
created with them, once.
"""

import datetime as dt
import json
import random
import uuid

from django.utils import timezone
from wagtail.models import Locale

from campaigns.days import day_of, site_zone
from campaigns.ingest import MAX_EVENTS, Visit, ingest, parse_batch, record_link_open
from campaigns.models import Campaign, ChannelFigure, OfflineEvent, TrackingLink
from education.models import AudienceSegment, LessonPage

DAYS = 90
SEED = 20261126
BROWSERS = [
    "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/120.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.1 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 12; Redmi Note 11) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/119.0.0.0 Mobile Safari/537.36 MicroMessenger/8.0.44",
]

CAMPAIGNS = [
    {
        "slug": "spring-anti-fraud-week", "name": "Spring anti-fraud week",
        "objective": "Teach residents to spot refund and parcel scams before the holiday rush.",
        "start": -80, "end": -60, "goal": 1200, "segments": ["seniors", "new-residents"],
        "quizzes": ["real-or-fake-bank-messages", "real-or-fake-parcel-and-rent"],
        "links": [
            ("spring-lib", "poster", "Poster, Riverside library entrance"),
            ("spring-mkt", "poster", "Poster, East Street market"),
            ("spring-sms", "sms", "SMS to bank customers"),
        ],
    },
    {
        "slug": "safe-banking-month-for-seniors", "name": "Safe banking month for seniors",
        "objective": "Reach older customers at branches and community centres.",
        "start": -45, "end": -15, "goal": 1500, "segments": ["seniors"],
        "quizzes": ["real-or-fake-bank-messages"],
        "links": [
            ("branch-qr", "poster", "QR card at branch counters"),
            ("talk-north", "community_talk", "Talk, North community centre"),
            ("partner-app", "partner_app", "Partner pharmacy app banner"),
        ],
    },
    {
        "slug": "new-in-town", "name": "New in town: rent and job scams",
        "objective": "Warn new residents about rental deposits and fake jobs.",
        "start": -20, "end": 20, "goal": 2000, "segments": ["new-residents", "small-businesses"],
        "quizzes": ["real-or-fake-parcel-and-rent", "real-or-fake-supplier-messages"],
        "links": [
            ("metro-qr", "poster", "Poster, Central metro station"),
            ("social-rent", "social", "Social post: deposit scams"),
            ("shop-flyer", "poster", "Flyer, small-business service desk"),
        ],
    },
]


def _scenario_play(steps, rng, safe_weight=2):
    """One play of a scenario's graph from its start to an ending, as the player reports
    it: the choice events (with the choice's own safe/risky flag and red flag) and the
    ending's outcome and score (the share of red flags met that were spotted). A learner
    playing again picks the safe choice more often (``safe_weight``)."""
    by_id = {step.id: step for step in steps}
    current, events, met, spotted = steps[0], [], 0, 0
    for _move in range(12):  # a learner gives up after a dozen choices
        if current.is_ending:
            break
        weights = [safe_weight if choice.safe else 1 for choice in current.choices]
        number = rng.choices(range(1, len(current.choices) + 1), weights)[0]
        choice = current.choices[number - 1]
        events.append({"type": "choice", "props": {
            "step": current.id, "choice": str(number), "safe": choice.safe,
            "red_flag": choice.flag}})
        if choice.flag:
            met += 1
            spotted += choice.safe
        current = by_id[choice.target]
    if current.is_ending:
        events.append({"type": "scenario_end", "props": {
            "outcome": current.outcome, "score": round(100 * spotted / met) if met else None}})
    return events


def _first_choices(play):
    """{red flag: spotted} of one play, as the player remembers it for the replay's learning
    check: whether the first choice testing each red flag was the safe one."""
    spotted = {}
    for event in play:
        flag = event["props"].get("red_flag") if event["type"] == "choice" else None
        if flag and flag not in spotted:
            spotted[flag] = event["props"]["safe"]
    return spotted


def _replay_checks(first, replay):
    """The check events a replay's ending sends (scenario-player.js): one per red flag met in
    both plays, with whether it was spotted on each."""
    return [{"type": "check", "props": {"of": "red_flag", "item": flag, "before": first[flag],
                                        "after": replay[flag]}}
            for flag in replay if flag in first]


# How likely a learner is to answer a check question right before the lesson (by the
# question's number), and after it when they were right or wrong before.
CHECK_RIGHT_BEFORE = {1: 0.42, 2: 0.55, 3: 0.5}
CHECK_RIGHT_AFTER = {True: 0.93, False: 0.64}


def _question_checks(lesson, rng):
    """The check events of a learner who answers the lesson's check questions before it (most
    skip them) and again after it (check-questions.js: one per question answered twice)."""
    count = len(lesson.check_questions)
    if not count or rng.random() > 0.5 or rng.random() > 0.7:
        return []
    events = []
    for number in range(1, min(count, 3) + 1):
        before = rng.random() < CHECK_RIGHT_BEFORE[number]
        after = rng.random() < CHECK_RIGHT_AFTER[before]
        events.append({"type": "check", "props": {"of": "question", "item": str(number),
                                                  "before": before, "after": after}})
    return events


def _spot_replay_checks(lesson, rng):
    """The check events of a spot-the-scam quiz played again in the same tab (spot-quiz.js:
    one per message marked on both plays, right or not each time)."""
    events = []
    for number in range(1, lesson.message_count + 1):
        before = rng.random() < 0.6
        after = rng.random() < CHECK_RIGHT_AFTER[before]
        events.append({"type": "check", "props": {"of": "message", "item": str(number),
                                                  "before": before, "after": after}})
    return events


def _visitor_events(lesson, rng, link):
    """The events one visit to one (specific) lesson produces, as the page script would send
    them: only what that page can send (campaigns.vocabulary)."""
    events = [{"type": "view"}]
    if rng.random() < 0.62:
        events.append({"type": "engaged"})
    kind = lesson.lesson_format
    if kind == "video" and rng.random() < 0.7:
        events.append({"type": "play"})
        watched = rng.choice([25, 50, 75, 100, 100])
        events += [{"type": "progress", "props": {"percent": m}} for m in (25, 50, 75)
                   if m <= watched]
        if watched == 100:
            events.append({"type": "complete",
                           "props": {"percent": lesson.completion_threshold}})
    elif kind == "comic" and rng.random() < 0.8:
        read = rng.choice([25, 50, 75, 100, 100])
        events += [{"type": "progress", "props": {"percent": m}} for m in (25, 50, 75)
                   if m <= read]
        if read == 100:
            events.append({"type": "complete", "props": {"percent": 100}})
    elif kind == "scenario" and lesson.graph_steps and rng.random() < 0.75:
        events.append({"type": "scenario_start"})
        first = _scenario_play(lesson.graph_steps, rng)
        events += first
        if first and first[-1]["type"] == "scenario_end" and rng.random() < 0.35:  # again
            replay = _scenario_play(lesson.graph_steps, rng, safe_weight=4)
            events += [{"type": "scenario_start"}, *replay]
            if replay and replay[-1]["type"] == "scenario_end":
                events += _replay_checks(_first_choices(first), _first_choices(replay))
    elif kind == "spot" and rng.random() < 0.3:  # played twice in the tab: spot-quiz.js
        events += _spot_replay_checks(lesson, rng)
    events += _question_checks(lesson, rng)
    if rng.random() < 0.04:
        events.append({"type": "share", "props": {"method": "native"}})
    for event in events:
        event.update(id=str(uuid.UUID(int=rng.getrandbits(128), version=4)), page=lesson.pk,
                     link=link.code if link else None)
        event.setdefault("props", {})
    return events


def create_campaigns(today):
    """The demo campaigns and their links. Returns the campaigns created now (none if any
    demo campaign already exists: the demo is loaded once)."""
    if Campaign.objects.filter(slug__in=[c["slug"] for c in CAMPAIGNS]).exists():
        return []
    lessons = list(LessonPage.objects.live().filter(locale=Locale.get_default()).order_by("pk"))
    if not lessons:
        return []
    created = []
    for number, spec in enumerate(CAMPAIGNS):
        campaign = Campaign.objects.create(
            name=spec["name"], slug=spec["slug"], objective=spec["objective"],
            starts_on=today + dt.timedelta(days=spec["start"]),
            ends_on=today + dt.timedelta(days=spec["end"]), reach_goal=spec["goal"],
        )
        campaign.target_segments.set(  # the original (default-language) terms
            AudienceSegment.objects.filter(
                slug__in=spec["segments"], locale=Locale.get_default()
            )
        )
        chosen = [lessons[(number * 3 + k) % len(lessons)] for k in range(len(spec["links"]))]
        # its audiences' spot-the-scam quizzes too (in the campaign, without a link of their own)
        quizzes = [lesson for lesson in lessons if lesson.slug in spec.get("quizzes", ())]
        campaign.lessons.set(chosen + [q for q in quizzes if q not in chosen])
        for (code, channel, label), lesson in zip(spec["links"], chosen, strict=True):
            TrackingLink.objects.create(campaign=campaign, code=code, channel=channel,
                                        label=label, destination=lesson)
        created.append(campaign)
    return created


def generate_traffic(campaigns, now, days=None, visitors_per_day=35):
    """Simulated visits over the last ``days`` days (default ``DAYS``, read at call time).
    Returns (events accepted, link opens)."""
    days = DAYS if days is None else days
    rng = random.Random(SEED)
    lessons = list(
        LessonPage.objects.live().filter(locale=Locale.get_default()).order_by("pk").specific()
    )
    links = list(TrackingLink.objects.filter(campaign__in=campaigns).select_related("campaign"))
    accepted = opens = 0
    for back in range(days, -1, -1):
        day = day_of(now - dt.timedelta(days=back))
        running = [link for link in links if link.campaign.is_running_on(day)]
        weekday_factor = 1.25 if day.weekday() >= 5 else 1.0
        for _visitor in range(int(visitors_per_day * weekday_factor * rng.uniform(0.7, 1.3))):
            moment = dt.datetime.combine(day, dt.time(rng.randint(7, 21), rng.randint(0, 59)),
                                         tzinfo=site_zone())  # local daytime
            if moment > now:
                continue
            visit = Visit(ip=f"198.51.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
                          user_agent=rng.choice(BROWSERS), site="demo.scamsense")
            link = rng.choice(running) if running and rng.random() < 0.55 else None
            if link:
                record_link_open(link, visit, moment)
                opens += 1
            first = link.destination.specific if link else rng.choice(lessons)
            pages = [first] + rng.sample(lessons, k=rng.choice([0, 0, 1, 2]))
            for offset, lesson in enumerate(pages):
                events = _visitor_events(lesson, rng, link)
                for start in range(0, len(events), MAX_EVENTS):  # reach.js sends 20 a batch
                    batch = parse_batch(
                        json.dumps({"events": events[start:start + MAX_EVENTS]}).encode())
                    outcome = ingest(batch, visit, moment + dt.timedelta(minutes=2 * offset))
                    accepted += outcome.accepted
    return accepted, opens


# Offline events per campaign: (format, day after the start, place, partner, audience slug,
# counted attendance range, link code used there or None). Events still to come are left out.
OFFLINE_EVENTS = {
    "spring-anti-fraud-week": [
        ("talk", 2, "Riverside library, meeting room", "Riverside residents' committee",
         "seniors", (28, 55), "spring-lib"),
        ("booth", 5, "East Street market", "East Street traders' association",
         "new-residents", (90, 170), "spring-mkt"),
        ("workshop", 9, "Riverside library, computer room", "Riverside library", "seniors",
         (10, 18), None),
        ("booth", 15, "Central station concourse", "Metro customer service", None,
         (120, 260), None),
    ],
    "safe-banking-month-for-seniors": [
        ("talk", 3, "North community centre", "North community centre", "seniors",
         (40, 75), "talk-north"),
        ("workshop", 8, "Main Street branch", "", "seniors", (12, 20), "branch-qr"),
        ("talk", 14, "Sunshine senior day-care centre", "Sunshine day-care", "seniors",
         (25, 45), None),
        ("booth", 21, "Harbour Road pharmacy", "Partner pharmacy chain", "seniors",
         (60, 120), None),
        ("workshop", 27, "North community centre", "North community centre", "seniors",
         (15, 24), "talk-north"),
    ],
    "new-in-town": [
        ("booth", 1, "Central metro station, exit B", "Metro customer service",
         "new-residents", (150, 300), "metro-qr"),
        ("talk", 6, "New-residents service hall", "City new-residents office",
         "new-residents", (35, 70), None),
        ("workshop", 12, "Small-business service desk", "District business office",
         "small-businesses", (14, 26), "shop-flyer"),
        ("booth", 30, "Jobs fair, exhibition centre", "City employment office",
         "new-residents", (200, 400), None),
    ],
}

# Partner and platform figures: (channel, partner, metric, first and last day after the start,
# value range, source, method, evidence link). Periods not over yet are left out.
CHANNEL_FIGURES = {
    "spring-anti-fraud-week": [
        ("social", "City anti-fraud public account", "impressions", (0, 6),
         (18_000, 26_000), "Platform analytics export",
         "Impressions of the week's three posts as counted by the platform (not unique).",
         "https://partners.example/city-account/week-1.pdf"),
        ("social", "City anti-fraud public account", "impressions", (7, 13),
         (14_000, 21_000), "Platform analytics export",
         "Impressions of the week's three posts as counted by the platform (not unique).",
         ""),
        ("sms", "Bank SMS gateway", "reach", (0, 20), (8_000, 9_500),
         "Bank messaging team", "Unique mobile numbers the warning SMS was delivered to.",
         ""),
    ],
    "safe-banking-month-for-seniors": [
        ("partner_app", "Partner pharmacy app", "reach", (0, 14), (5_500, 7_000),
         "Partner app monthly report",
         "Unique logged-in users who saw the banner at least once.",
         "https://partners.example/pharmacy/report-1.pdf"),
        ("partner_app", "Partner pharmacy app", "reach", (15, 30), (4_200, 6_100),
         "Partner app monthly report",
         "Unique logged-in users who saw the banner at least once.", ""),
        ("partner_app", "Partner pharmacy app", "clicks", (0, 30), (300, 520),
         "Partner app monthly report", "Taps on the banner, all users (not unique).", ""),
    ],
    "new-in-town": [
        ("social", "New-residents community group", "impressions", (0, 6),
         (9_000, 14_000), "Group administrator's weekly screenshot",
         "Post impressions shown by the platform (not unique).", ""),
        ("social", "New-residents community group", "views", (7, 13), (2_500, 4_000),
         "Group administrator's weekly screenshot",
         "Video views of three seconds or more, as the platform counts them.", ""),
        ("partner_app", "Rental listings platform", "reach", (0, 13), (11_000, 16_000),
         "Platform partnership report",
         "Unique users shown the deposit-scam warning on a listing page.",
         "https://partners.example/rentals/fortnight-1.pdf"),
    ],
}


def create_offline_activity(campaigns, today):
    """Offline events and partner figures for the demo campaigns (deterministic)."""
    rng = random.Random(SEED + 1)
    segments = {
        segment.slug: segment
        for segment in AudienceSegment.objects.filter(locale=Locale.get_default())
    }
    links = {link.code: link for link in TrackingLink.objects.filter(campaign__in=campaigns)}
    events = figures = 0
    for campaign in campaigns:
        lessons = list(campaign.lessons.all())
        last_day = min(campaign.ends_on, today)
        for kind, offset, place, partner, segment, (low, high), code in OFFLINE_EVENTS.get(
            campaign.slug, []
        ):
            day = campaign.starts_on + dt.timedelta(days=offset)
            if day > last_day:
                continue
            attendance = rng.randint(low, high)
            handed_out = {"booth": rng.uniform(1.2, 1.8), "talk": rng.uniform(0.8, 1.1),
                          "workshop": rng.uniform(1.0, 1.5)}[kind]
            event = OfflineEvent.objects.create(
                campaign=campaign, date=day, place=place, partner=partner,
                segment=segments.get(segment), format=kind, attendance=attendance,
                materials_handed_out=int(attendance * handed_out),
                notes="Attendance counted at the door." if kind != "booth"
                else "Visitors who stopped and talked to us, counted with a tally counter.",
            )
            event.lessons.set(lessons[:2] if kind == "booth" else lessons[:1])
            if code in links:
                event.links.set([links[code]])
            events += 1
        for channel, partner, metric, (first, last), (low, high), source, method, url in (
            CHANNEL_FIGURES.get(campaign.slug, [])
        ):
            start = campaign.starts_on + dt.timedelta(days=first)
            end = min(campaign.starts_on + dt.timedelta(days=last), campaign.ends_on)
            if end >= today:
                continue
            ChannelFigure.objects.create(
                campaign=campaign, channel=channel, partner=partner, period_start=start,
                period_end=end, metric=metric, value=rng.randint(low, high), source=source,
                method=method, evidence_url=url,
            )
            figures += 1
    return events, figures


def load(now=None):
    now = now or timezone.now()
    today = day_of(now)
    campaigns = create_campaigns(today)
    if not campaigns:
        return None
    create_offline_activity(campaigns, today)
    return campaigns, generate_traffic(campaigns, now)
